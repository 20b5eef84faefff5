package dev.adjoint.processor.diff;

import dev.adjoint.runtime.rules.Algebra;
import dev.adjoint.runtime.rules.Comparison;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Collectors;

/**
 * {@link Algebra} over Java source for tensors: evaluating an elementwise rule with it writes the
 * rule's math as calls on the tensor algebra the generated code holds in a local ({@code
 * tensors.multiply(dY, tensors.cos(x))}), which is the algebra the dynamic tape evaluates the same
 * rule with. Constants become {@code tensors.constant(c)}, Java numbers that do not widen a {@code
 * float32} tensor.
 */
final class TensorSourceAlgebra implements Algebra<JavaExpr> {
  /** The generated local holding the algebra. */
  static final String ALGEBRA = "tensors";

  static final TensorSourceAlgebra INSTANCE = new TensorSourceAlgebra();

  private TensorSourceAlgebra() {}

  /**
   * A Java number (a literal or a scalar variable) as an operand of tensor rules. A literal keeps
   * its value, so that arithmetic on literals is folded here rather than done at run time.
   */
  static JavaExpr number(String code) {
    JavaExpr literal = JavaExpr.literal(code);
    return new JavaExpr(ALGEBRA + ".constant(" + code + ")", JavaExpr.ATOM, literal.constant());
  }

  @Override
  public JavaExpr constant(double value) {
    return number(JavaExpr.number(value).code());
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
  public JavaExpr hypot(JavaExpr a, JavaExpr b) {
    return call("hypot", a, b);
  }

  @Override
  public JavaExpr atan2(JavaExpr a, JavaExpr b) {
    return call("atan2", a, b);
  }

  @Override
  public JavaExpr max(JavaExpr a, JavaExpr b) {
    return call("max", a, b);
  }

  @Override
  public JavaExpr min(JavaExpr a, JavaExpr b) {
    return call("min", a, b);
  }

  @Override
  public JavaExpr negate(JavaExpr a) {
    return call("negate", a);
  }

  @Override
  public JavaExpr exp(JavaExpr a) {
    return call("exp", a);
  }

  @Override
  public JavaExpr expm1(JavaExpr a) {
    return call("expm1", a);
  }

  @Override
  public JavaExpr log(JavaExpr a) {
    return call("log", a);
  }

  @Override
  public JavaExpr log1p(JavaExpr a) {
    return call("log1p", a);
  }

  @Override
  public JavaExpr log10(JavaExpr a) {
    return call("log10", a);
  }

  @Override
  public JavaExpr sqrt(JavaExpr a) {
    return call("sqrt", a);
  }

  @Override
  public JavaExpr cbrt(JavaExpr a) {
    return call("cbrt", a);
  }

  @Override
  public JavaExpr sin(JavaExpr a) {
    return call("sin", a);
  }

  @Override
  public JavaExpr cos(JavaExpr a) {
    return call("cos", a);
  }

  @Override
  public JavaExpr tan(JavaExpr a) {
    return call("tan", a);
  }

  @Override
  public JavaExpr asin(JavaExpr a) {
    return call("asin", a);
  }

  @Override
  public JavaExpr acos(JavaExpr a) {
    return call("acos", a);
  }

  @Override
  public JavaExpr atan(JavaExpr a) {
    return call("atan", a);
  }

  @Override
  public JavaExpr sinh(JavaExpr a) {
    return call("sinh", a);
  }

  @Override
  public JavaExpr cosh(JavaExpr a) {
    return call("cosh", a);
  }

  @Override
  public JavaExpr tanh(JavaExpr a) {
    return call("tanh", a);
  }

  @Override
  public JavaExpr abs(JavaExpr a) {
    return call("abs", a);
  }

  @Override
  public JavaExpr floor(JavaExpr a) {
    return call("floor", a);
  }

  @Override
  public JavaExpr ceil(JavaExpr a) {
    return call("ceil", a);
  }

  @Override
  public JavaExpr rint(JavaExpr a) {
    return call("rint", a);
  }

  @Override
  public JavaExpr signum(JavaExpr a) {
    return call("signum", a);
  }

  @Override
  public JavaExpr select(
      Comparison cmp, JavaExpr a, JavaExpr b, JavaExpr ifTrue, JavaExpr ifFalse) {
    if (a.constant().isPresent() && b.constant().isPresent()) {
      // decided now: the comparison of two Java numbers
      return cmp.holds(a.constant().getAsDouble(), b.constant().getAsDouble()) ? ifTrue : ifFalse;
    }
    return JavaExpr.atom(
        ALGEBRA
            + ".select(Comparison."
            + cmp.name()
            + ", "
            + a.code()
            + ", "
            + b.code()
            + ", "
            + ifTrue.code()
            + ", "
            + ifFalse.code()
            + ")");
  }

  @Override
  public JavaExpr sumToShapeOf(JavaExpr gradient, JavaExpr operand) {
    return call("sumToShapeOf", gradient, operand);
  }

  private static JavaExpr call(String method, JavaExpr... args) {
    return JavaExpr.atom(
        ALGEBRA
            + "."
            + method
            + Arrays.stream(args).map(JavaExpr::code).collect(Collectors.joining(", ", "(", ")")));
  }
}
