package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.Name;
import dev.adjoint.processor.expr.TensorConstant;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.runtime.rules.Algebra;
import dev.adjoint.runtime.rules.Comparison;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;

/**
 * {@link Algebra} over Java source for tensors: evaluating an elementwise rule with it writes the
 * rule's math as calls on the tensor algebra the generated code holds in a local ({@code
 * tensors.multiply(dY, tensors.cos(x))}), which is the algebra the dynamic tape evaluates the same
 * rule with. Constants become {@code tensors.constant(c)}, Java numbers that do not widen a {@code
 * float32} tensor.
 */
final class TensorSourceAlgebra implements FunctionCallAlgebra {
  /** The generated local holding the algebra. */
  static final String ALGEBRA = "tensors";

  static final TensorSourceAlgebra INSTANCE = new TensorSourceAlgebra();

  private TensorSourceAlgebra() {}

  /**
   * A Java number (a literal or a scalar variable) as an operand of tensor rules. A literal keeps
   * its value, so that arithmetic on literals is folded here rather than done at run time.
   */
  static JavaExpr number(JavaExpr number) {
    return new TensorConstant(JavaExpr.name(ALGEBRA), number);
  }

  /** How many tensor operations {@code e} runs: its calls on the algebra (constants are not). */
  static int operations(JavaExpr e) {
    return e.count(
        x -> x instanceof Call c && c.target() instanceof Name n && n.identifier().equals(ALGEBRA));
  }

  @Override
  public JavaExpr constant(double value) {
    return number(JavaExpr.number(value));
  }

  // Java numbers are computed in double precision by the tensor algebra too (they stay Java
  // numbers until they meet a tensor), so folding them here gives the same values
  private static Optional<JavaExpr> fold(JavaExpr a, JavaExpr b, DoubleBinaryOperator op) {
    if (a.constant().isPresent() && b.constant().isPresent()) {
      double v = op.applyAsDouble(a.constant().getAsDouble(), b.constant().getAsDouble());
      return Optional.of(INSTANCE.constant(v));
    }
    return Optional.empty();
  }

  @Override
  public JavaExpr add(JavaExpr a, JavaExpr b) {
    return fold(a, b, Double::sum).orElseGet(() -> call("add", a, b));
  }

  @Override
  public JavaExpr subtract(JavaExpr a, JavaExpr b) {
    return fold(a, b, (x, y) -> x - y).orElseGet(() -> call("subtract", a, b));
  }

  @Override
  public JavaExpr multiply(JavaExpr a, JavaExpr b) {
    // g·1 = g exactly (adjoints are never changed in place, so sharing one is safe)
    if (b.isConstant(1)) {
      return a;
    }
    if (a.isConstant(1)) {
      return b;
    }
    return fold(a, b, (x, y) -> x * y).orElseGet(() -> call("multiply", a, b));
  }

  @Override
  public JavaExpr divide(JavaExpr a, JavaExpr b) {
    return fold(a, b, (x, y) -> x / y).orElseGet(() -> call("divide", a, b));
  }

  @Override
  public JavaExpr pow(JavaExpr a, JavaExpr b) {
    return call("pow", a, b);
  }

  @Override
  public JavaExpr negate(JavaExpr a) {
    return call("negate", a);
  }

  @Override
  public JavaExpr select(
      Comparison cmp, JavaExpr a, JavaExpr b, JavaExpr ifTrue, JavaExpr ifFalse) {
    if (a.constant().isPresent() && b.constant().isPresent()) {
      // decided now: the comparison of two Java numbers
      return cmp.holds(a.constant().getAsDouble(), b.constant().getAsDouble()) ? ifTrue : ifFalse;
    }
    JavaExpr comparison = new Member(new TypeRef(RuntimeClasses.COMPARISON), cmp.name());
    return call("select", comparison, a, b, ifTrue, ifFalse);
  }

  @Override
  public JavaExpr sumToShapeOf(JavaExpr gradient, JavaExpr operand) {
    return call("sumToShapeOf", gradient, operand);
  }

  @Override
  public JavaExpr call(String method, JavaExpr... args) {
    return new Call(JavaExpr.name(ALGEBRA), method, List.of(args));
  }
}
