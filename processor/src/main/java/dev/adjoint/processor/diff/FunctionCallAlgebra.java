package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.runtime.rules.Algebra;

/**
 * The part of {@link Algebra} over Java source that every source algebra writes the same way: a
 * function of the algebra is a call of the function of that name ({@code Math.exp(x)} for numbers,
 * {@code tensors.exp(x)} for tensors). An algebra says how a call is written and writes the
 * arithmetic, constants and comparisons itself.
 */
sealed interface FunctionCallAlgebra extends Algebra<JavaExpr>
    permits SourceAlgebra, TensorSourceAlgebra {
  /** {@code name(args)}, as this algebra writes calls. */
  JavaExpr call(String name, JavaExpr... args);

  @Override
  default JavaExpr exp(JavaExpr a) {
    return call("exp", a);
  }

  @Override
  default JavaExpr expm1(JavaExpr a) {
    return call("expm1", a);
  }

  @Override
  default JavaExpr log(JavaExpr a) {
    return call("log", a);
  }

  @Override
  default JavaExpr log1p(JavaExpr a) {
    return call("log1p", a);
  }

  @Override
  default JavaExpr log10(JavaExpr a) {
    return call("log10", a);
  }

  @Override
  default JavaExpr sqrt(JavaExpr a) {
    return call("sqrt", a);
  }

  @Override
  default JavaExpr cbrt(JavaExpr a) {
    return call("cbrt", a);
  }

  @Override
  default JavaExpr sin(JavaExpr a) {
    return call("sin", a);
  }

  @Override
  default JavaExpr cos(JavaExpr a) {
    return call("cos", a);
  }

  @Override
  default JavaExpr tan(JavaExpr a) {
    return call("tan", a);
  }

  @Override
  default JavaExpr asin(JavaExpr a) {
    return call("asin", a);
  }

  @Override
  default JavaExpr acos(JavaExpr a) {
    return call("acos", a);
  }

  @Override
  default JavaExpr atan(JavaExpr a) {
    return call("atan", a);
  }

  @Override
  default JavaExpr sinh(JavaExpr a) {
    return call("sinh", a);
  }

  @Override
  default JavaExpr cosh(JavaExpr a) {
    return call("cosh", a);
  }

  @Override
  default JavaExpr tanh(JavaExpr a) {
    return call("tanh", a);
  }

  @Override
  default JavaExpr abs(JavaExpr a) {
    return call("abs", a);
  }

  @Override
  default JavaExpr floor(JavaExpr a) {
    return call("floor", a);
  }

  @Override
  default JavaExpr ceil(JavaExpr a) {
    return call("ceil", a);
  }

  @Override
  default JavaExpr rint(JavaExpr a) {
    return call("rint", a);
  }

  @Override
  default JavaExpr signum(JavaExpr a) {
    return call("signum", a);
  }

  @Override
  default JavaExpr hypot(JavaExpr a, JavaExpr b) {
    return call("hypot", a, b);
  }

  @Override
  default JavaExpr atan2(JavaExpr a, JavaExpr b) {
    return call("atan2", a, b);
  }

  @Override
  default JavaExpr max(JavaExpr a, JavaExpr b) {
    return call("max", a, b);
  }

  @Override
  default JavaExpr min(JavaExpr a, JavaExpr b) {
    return call("min", a, b);
  }
}
