package dev.adjoint.processor.diff;

import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builders of hand-written IR shared by the plan tests: statements, counted loops, methods. */
final class HandBuiltIr {
  static final Origin HERE = new Origin("F.java", 1, 0);

  private HandBuiltIr() {}

  static Value.Var doubleVar(String name) {
    return new Value.Var(name, IrType.DOUBLE);
  }

  static Value.Var intVar(String name) {
    return new Value.Var(name, IrType.INT);
  }

  static Value.Const intConst(int value) {
    return new Value.Const(Integer.toString(value), IrType.INT);
  }

  static Value.Const doubleConst(String text) {
    return new Value.Const(text, IrType.DOUBLE);
  }

  /** {@code target = a op b}, a {@code Math} operation. */
  static Node.Apply apply(Value.Var target, ElementwiseOp op, Value a, Value b) {
    return new Node.Apply(target, op, List.of(a, b), "Math", HERE);
  }

  static Node.Copy copy(Value.Var target, Value source) {
    return new Node.Copy(target, source, HERE);
  }

  static Node.Operate less(Value.Var target, Value a, Value b) {
    return new Node.Operate(target, JavaOperator.LESS, List.of(a, b), HERE);
  }

  /** {@code next = i + 1; i = next}: the counter update that ends a counted loop's body. */
  static List<Node> increment(Value.Var i, Value.Var next) {
    return List.of(apply(next, ElementwiseOp.ADD, i, intConst(1)), copy(i, next));
  }

  /** {@code while (i < 9) { pass }}, the test {@code test = i < 9} its condition. */
  static Node.While countedLoop(Value.Var i, Value.Var test, List<Node> pass) {
    return new Node.While(List.of(less(test, i, intConst(9))), test, pass, HERE);
  }

  /** The concatenation of {@code parts}. */
  @SafeVarargs
  static List<Node> concat(List<? extends Node>... parts) {
    List<Node> all = new ArrayList<>();
    for (List<? extends Node> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  /** A static method {@code f} with no parameters the plans ask about, returning {@code type}. */
  static IrFunction function(IrType type, List<Node> body) {
    return new IrFunction("f", "FGradient", List.of(), type, Optional.empty(), body);
  }
}
