package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Conditional;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Literal;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.runtime.rules.Algebra;
import dev.adjoint.runtime.rules.Comparison;
import java.util.List;
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
public final class SourceAlgebra implements FunctionCallAlgebra {
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
      java.util.Optional<JavaExpr> operand = negationOperand(a);
      if (operand.isPresent()) {
        return operand.get(); // -(-x) = x
      }
    }
    return new Negation(a);
  }

  /**
   * {@code x} when {@code e} is {@code -x} (a negation, or a constant written with a minus whose
   * value is not known here; a negative number folds as a constant instead), else empty.
   */
  public java.util.Optional<JavaExpr> negationOperand(JavaExpr e) {
    if (e instanceof Negation n) {
      return java.util.Optional.of(n.operand());
    }
    if (e instanceof Literal l && l.constant().isEmpty() && l.leadingMinus()) {
      return java.util.Optional.of(l.withoutMinus());
    }
    return java.util.Optional.empty();
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
    return new Conditional(condition, ifTrue, ifFalse);
  }

  @Override
  public JavaExpr sumToShapeOf(JavaExpr gradient, JavaExpr operand) {
    return gradient; // scalars are never broadcast
  }

  @Override
  public JavaExpr call(String name, JavaExpr... args) {
    return new Call(new TypeRef(RuntimeClasses.math(mathClass)), name, List.of(args));
  }

  private static JavaExpr binary(JavaExpr a, String op, JavaExpr b, int precedence) {
    return new Binary(a, op, b, precedence);
  }

  private java.util.Optional<JavaExpr> fold(JavaExpr a, JavaExpr b, DoubleBinaryOperator f) {
    if (simplify && a.constant().isPresent() && b.constant().isPresent()) {
      return java.util.Optional.of(
          JavaExpr.number(f.applyAsDouble(a.constant().getAsDouble(), b.constant().getAsDouble())));
    }
    return java.util.Optional.empty();
  }
}
