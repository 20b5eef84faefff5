package dev.adjoint.runtime.rules;

/**
 * {@link Algebra} over plain {@code double}s: evaluates a rule at a point. The reference the other
 * algebras are tested against, and the quickest way to ask a rule for a number.
 */
public final class DoubleAlgebra implements Algebra<Double> {
  /** The one instance; the algebra has no state. */
  public static final DoubleAlgebra INSTANCE = new DoubleAlgebra();

  private DoubleAlgebra() {}

  @Override
  public Double constant(double value) {
    return value;
  }

  @Override
  public Double add(Double a, Double b) {
    return a + b;
  }

  @Override
  public Double subtract(Double a, Double b) {
    return a - b;
  }

  @Override
  public Double multiply(Double a, Double b) {
    return a * b;
  }

  @Override
  public Double divide(Double a, Double b) {
    return a / b;
  }

  @Override
  public Double negate(Double a) {
    return -a;
  }

  @Override
  public Double exp(Double a) {
    return Math.exp(a);
  }

  @Override
  public Double expm1(Double a) {
    return Math.expm1(a);
  }

  @Override
  public Double log(Double a) {
    return Math.log(a);
  }

  @Override
  public Double log1p(Double a) {
    return Math.log1p(a);
  }

  @Override
  public Double log10(Double a) {
    return Math.log10(a);
  }

  @Override
  public Double sqrt(Double a) {
    return Math.sqrt(a);
  }

  @Override
  public Double cbrt(Double a) {
    return Math.cbrt(a);
  }

  @Override
  public Double pow(Double base, Double exponent) {
    return Math.pow(base, exponent);
  }

  @Override
  public Double hypot(Double a, Double b) {
    return Math.hypot(a, b);
  }

  @Override
  public Double sin(Double a) {
    return Math.sin(a);
  }

  @Override
  public Double cos(Double a) {
    return Math.cos(a);
  }

  @Override
  public Double tan(Double a) {
    return Math.tan(a);
  }

  @Override
  public Double asin(Double a) {
    return Math.asin(a);
  }

  @Override
  public Double acos(Double a) {
    return Math.acos(a);
  }

  @Override
  public Double atan(Double a) {
    return Math.atan(a);
  }

  @Override
  public Double atan2(Double y, Double x) {
    return Math.atan2(y, x);
  }

  @Override
  public Double sinh(Double a) {
    return Math.sinh(a);
  }

  @Override
  public Double cosh(Double a) {
    return Math.cosh(a);
  }

  @Override
  public Double tanh(Double a) {
    return Math.tanh(a);
  }

  @Override
  public Double abs(Double a) {
    return Math.abs(a);
  }

  @Override
  public Double max(Double a, Double b) {
    return Math.max(a, b);
  }

  @Override
  public Double min(Double a, Double b) {
    return Math.min(a, b);
  }

  @Override
  public Double floor(Double a) {
    return Math.floor(a);
  }

  @Override
  public Double ceil(Double a) {
    return Math.ceil(a);
  }

  @Override
  public Double rint(Double a) {
    return Math.rint(a);
  }

  @Override
  public Double signum(Double a) {
    return Math.signum(a);
  }

  @Override
  public Double select(Comparison cmp, Double a, Double b, Double ifTrue, Double ifFalse) {
    return cmp.holds(a, b) ? ifTrue : ifFalse;
  }

  @Override
  public Double sumToShapeOf(Double gradient, Double operand) {
    return gradient;
  }
}
