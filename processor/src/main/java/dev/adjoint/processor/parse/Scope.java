package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source variables in scope while a body is lowered, block by block. Each binding remembers the
 * IR variable holding the source variable's current value: an assignment makes a new IR variable
 * and moves the binding to it.
 */
final class Scope {
  /** A source variable: its declared type and its current IR variable (null until assigned). */
  static final class Binding {
    final String sourceName;
    final IrType type;
    Value.Var current;

    Binding(String sourceName, IrType type, Value.Var current) {
      this.sourceName = sourceName;
      this.type = type;
      this.current = current;
    }
  }

  private final Deque<Map<String, Binding>> blocks = new ArrayDeque<>();

  Scope() {
    blocks.push(new LinkedHashMap<>());
  }

  void enterBlock() {
    blocks.push(new LinkedHashMap<>());
  }

  void exitBlock() {
    blocks.pop();
  }

  void declare(Binding binding) {
    blocks.peek().put(binding.sourceName, binding);
  }

  Optional<Binding> lookup(String name) {
    for (Map<String, Binding> block : blocks) {
      Binding b = block.get(name);
      if (b != null) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /** The current IR variable of every binding in scope, to restore after a branch arm. */
  Map<Binding, Value.Var> snapshot() {
    Map<Binding, Value.Var> state = new LinkedHashMap<>();
    // outermost first, so merges come out in declaration order
    blocks
        .descendingIterator()
        .forEachRemaining(block -> block.values().forEach(b -> state.put(b, b.current)));
    return state;
  }

  void restore(Map<Binding, Value.Var> state) {
    state.forEach((b, v) -> b.current = v);
  }
}
