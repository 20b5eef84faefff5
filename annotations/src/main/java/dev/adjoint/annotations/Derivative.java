package dev.adjoint.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers a user-written partial derivative for a method the processor cannot or should not look
 * into (a library call, a numerically delicate formula, code outside the supported subset).
 *
 * <p>The annotated method must be {@code static}, take exactly the target's parameter types, in
 * order, and return {@code double} or the target's return type: it returns {@code ∂target/∂wrt} at
 * those arguments. One method per differentiated parameter:
 *
 * <pre>{@code
 * static double softclip(double x, double limit) { ... }
 *
 * @Derivative(of = "softclip", wrt = "x")
 * static double softclipDx(double x, double limit) { ... }
 * }</pre>
 *
 * <p>The processor checks the signature at compile time; a {@link Differentiable} method that calls
 * {@code softclip} then uses {@code softclipDx} for the chain rule.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Derivatives.class)
public @interface Derivative {
  /** Name of the target method. */
  String of();

  /**
   * The class that declares the target; {@code void.class} (the default) means the class that
   * declares the annotated method.
   */
  Class<?> in() default void.class;

  /**
   * Name of the target's parameter this method differentiates with respect to. May be left empty
   * when the target has exactly one {@code double} or {@code float} parameter.
   */
  String wrt() default "";
}
