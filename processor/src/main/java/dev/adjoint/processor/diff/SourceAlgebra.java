package dev.adjoint.processor.diff;

import dev.adjoint.runtime.rules.Algebra;
import dev.adjoint.runtime.rules.Comparison;
import java.util.OptionalDouble;
import java.util.function.DoubleBinaryOperator;

/**
 * {@link Algebra} over Java source: evaluating a derivative rule with it writes the rule's math as
 * an expression for the generated adjoint ({@code dX += dT3 * Math.cos(x);}).
 *
 * <p>Two modes. For the primal (forward sweep) it writes exactly the operation the user wrote, so
 * the generated code computes the same bits. For adjoints it also simplifies where the result is
 * exactly the same: multiplying by 1, adding 0, literals with literals, and negations moved out of
 * products and sums ({@code 2 * (-g * x)} is {@code -(2 * (g * x))}, {@code -a + -b} is {@code -(a
 * + b)}): IEEE negation is exact and rounding is symmetric, so the value is the same (up to the
 * sign of a zero sum), and a negation that reaches an update becomes {@code -=} instead of an
 * operation of its own.
 */
public final class SourceAlgebra extends FunctionCallAlgebra {
  private final boolean simplify;
  private final String mathClass;

  private SourceAlgebra(boolean simplify, String mathClass) {
    this.simplify = simplify;
    this.mathClass = mathClass;
  }

  /** Writes operations as the source wrote them; {@code mathClass} is Math or StrictMath. */
  public static SourceAlgebra forPrimal(String mathClass) {
    return new SourceAlgebra(false, mathClass);
  }

  /** Writes adjoint expressions, simplified. */
  public static SourceAlgebra forAdjoint() {
    return new SourceAlgebra(true, "Math");
  }

  @Override
  public JavaExpr constant(double value) {
    return JavaExpr.number(value);
  }

  @Override
  public JavaExpr add(JavaExpr a, JavaExpr b) {
    if (simplify) {
      if (a.isConstant(0)) {
        return b;
      }
      if (b.isConstant(0)) {
        return a;
      }
      java.util.Optional<JavaExpr> minusA = negationOperand(a);
      java.util.Optional<JavaExpr> minusB = negationOperand(b);
      if (minusA.isPresent() && minusB.isPresent()) {
        return negate(add(minusA.get(), minusB.get())); // -a + -b = -(a + b)
      }
      if (minusB.isPresent()) {
        return subtract(a, minusB.get()); // a + -b = a - b
      }
      if (minusA.isPresent()) {
        return subtract(b, minusA.get()); // -a + b = b - a (addition commutes exactly)
      }
    }
    return fold(a, b, Double::sum).orElse(binary(a, "+", b, JavaExpr.ADDITIVE));
  }

  @Override
  public JavaExpr subtract(JavaExpr a, JavaExpr b) {
    if (simplify && b.isConstant(0)) {
      return a;
    }
    if (simplify && negationOperand(b).isPresent()) {
      return add(a, negationOperand(b).get()); // a - -b = a + b
    }
    if (simplify && negationOperand(a).isPresent()) {
      return negate(add(negationOperand(a).get(), b)); // -a - b = -(a + b)
    }
    return fold(a, b, (x, y) -> x - y).orElse(binary(a, "-", b, JavaExpr.ADDITIVE));
  }

  @Override
  public JavaExpr multiply(JavaExpr a, JavaExpr b) {
    if (simplify) {
      if (a.isConstant(1)) {
        return b;
      }
      if (b.isConstant(1)) {
        return a;
      }
      if (a.isConstant(-1)) {
        return negate(b);
      }
      if (b.isConstant(-1)) {
        return negate(a);
      }
      if (negationOperand(a).isPresent()) {
        return negate(multiply(negationOperand(a).get(), b)); // -a · b = -(a · b)
      }
      if (negationOperand(b).isPresent()) {
        return negate(multiply(a, negationOperand(b).get()));
      }
    }
    return fold(a, b, (x, y) -> x * y).orElse(binary(a, "*", b, JavaExpr.MULTIPLICATIVE));
  }

  @Override
  public JavaExpr divide(JavaExpr a, JavaExpr b) {
    if (simplify && b.isConstant(1)) {
      return a;
    }
    if (simplify && negationOperand(a).isPresent()) {
      return negate(divide(negationOperand(a).get(), b)); // -a / b = -(a / b)
    }
    return fold(a, b, (x, y) -> x / y).orElse(binary(a, "/", b, JavaExpr.MULTIPLICATIVE));
  }

  @Override
  public JavaExpr negate(JavaExpr a) {
    if (simplify) {
      if (a.constant().isPresent()) {
        return JavaExpr.number(-a.constant().getAsDouble());
      }
      JavaExpr original = negated.get(a.code());
      if (original != null) {
        return original; // -(-x) = x, with x's own precedence
      }
      if (a.precedence() == JavaExpr.UNARY && a.code().startsWith("-")) {
        // -(-x) = x
        String inner = a.code().substring(1);
        return JavaExpr.isParenthesized(inner)
            ? JavaExpr.atom(inner)
            : new JavaExpr(inner, JavaExpr.ATOM, OptionalDouble.empty());
      }
    }
    String operand = a.at(JavaExpr.UNARY);
    if (operand.startsWith("-")) {
      operand = "(" + operand + ")"; // never write --x
    }
    JavaExpr negation = new JavaExpr("-" + operand, JavaExpr.UNARY, OptionalDouble.empty());
    if (simplify) {
      negated.put(negation.code(), a);
    }
    return negation;
  }

  /** The expressions this algebra negated, by the negation's code: undoing one gives them back. */
  private final java.util.Map<String, JavaExpr> negated = new java.util.HashMap<>();

  /**
   * {@code x} when {@code e} is {@code -x} (a negation, not a negative literal, which folds as a
   * constant instead), else empty.
   */
  public java.util.Optional<JavaExpr> negationOperand(JavaExpr e) {
    if (e.constant().isPresent() || e.precedence() != JavaExpr.UNARY || !e.code().startsWith("-")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(negate(e));
  }

  @Override
  public JavaExpr pow(JavaExpr base, JavaExpr exponent) {
    if (simplify && exponent.isConstant(1)) {
      return base;
    }
    if (simplify && exponent.isConstant(0)) {
      return JavaExpr.number(1);
    }
    return call("pow", base, exponent);
  }

  @Override
  public JavaExpr select(
      Comparison cmp, JavaExpr a, JavaExpr b, JavaExpr ifTrue, JavaExpr ifFalse) {
    if (simplify && a.constant().isPresent() && b.constant().isPresent()) {
      double x = a.constant().getAsDouble();
      double y = b.constant().getAsDouble();
      boolean holds = cmp == Comparison.GREATER ? x > y : x == y;
      return holds ? ifTrue : ifFalse;
    }
    JavaExpr condition =
        cmp == Comparison.GREATER
            ? binary(a, ">", b, JavaExpr.RELATIONAL)
            : binary(a, "==", b, JavaExpr.EQUALITY);
    return new JavaExpr(
        condition.code()
            + " ? "
            + ifTrue.at(JavaExpr.CONDITIONAL + 1)
            + " : "
            + ifFalse.at(JavaExpr.CONDITIONAL),
        JavaExpr.CONDITIONAL,
        OptionalDouble.empty());
  }

  @Override
  public JavaExpr sumToShapeOf(JavaExpr gradient, JavaExpr operand) {
    return gradient; // scalars are never broadcast
  }

  @Override
  JavaExpr call(String name, JavaExpr... args) {
    StringBuilder code = new StringBuilder(mathClass).append('.').append(name).append('(');
    for (int i = 0; i < args.length; i++) {
      code.append(i == 0 ? "" : ", ").append(args[i].code());
    }
    return JavaExpr.atom(code.append(')').toString());
  }

  private static JavaExpr binary(JavaExpr a, String op, JavaExpr b, int precedence) {
    // left-associative: the right operand needs parentheses at equal precedence too, which also
    // keeps floating-point evaluation order exactly as written
    return new JavaExpr(
        a.at(precedence) + " " + op + " " + b.at(precedence + 1),
        precedence,
        OptionalDouble.empty());
  }

  private java.util.Optional<JavaExpr> fold(JavaExpr a, JavaExpr b, DoubleBinaryOperator f) {
    if (simplify && a.constant().isPresent() && b.constant().isPresent()) {
      return java.util.Optional.of(
          JavaExpr.number(f.applyAsDouble(a.constant().getAsDouble(), b.constant().getAsDouble())));
    }
    return java.util.Optional.empty();
  }
}
