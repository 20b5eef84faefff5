package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.runtime.rules.Algebra;

/**
 * The part of {@link Algebra} over Java source that every source algebra writes the same way: a
 * function of the algebra is a call of the function of that name ({@code Math.exp(x)} for numbers,
 * {@code tensors.exp(x)} for tensors). Subclasses say how a call is written and write the
 * arithmetic, constants and comparisons themselves.
 */
abstract class FunctionCallAlgebra implements Algebra<JavaExpr> {
  /** {@code name(args)} as the subclass writes calls. */
  abstract JavaExpr call(String name, JavaExpr... args);

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
}
