package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source variables of one block, and through its parent those of the blocks around it. Each
 * binding remembers the IR variable holding the source variable's current value: an assignment
 * makes a new IR variable and moves the binding to it. A frame holds the innermost scope; a nested
 * block gets a {@link #child}, which is dropped when the block ends.
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

  private final Scope parent;
  private final Map<String, Binding> declared = new LinkedHashMap<>();

  private Scope(Scope parent) {
    this.parent = parent;
  }

  /** The scope of a function's parameters, around its body. */
  static Scope root() {
    return new Scope(null);
  }

  /** The scope of a block inside this one. */
  Scope child() {
    return new Scope(this);
  }

  void declare(Binding binding) {
    declared.put(binding.sourceName, binding);
  }

  Optional<Binding> lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Binding b = s.declared.get(name);
      if (b != null) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /** The current IR variable of every binding in scope, outermost first, to restore later. */
  Map<Binding, Value.Var> snapshot() {
    Deque<Scope> chain = new ArrayDeque<>();
    for (Scope s = this; s != null; s = s.parent) {
      chain.push(s);
    }
    Map<Binding, Value.Var> state = new LinkedHashMap<>();
    // outermost first, so merges come out in declaration order
    chain.forEach(s -> s.declared.values().forEach(b -> state.put(b, b.current)));
    return state;
  }

  static void restore(Map<Binding, Value.Var> state) {
    state.forEach((b, v) -> b.current = v);
  }
}
