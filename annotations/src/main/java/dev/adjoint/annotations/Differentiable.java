package dev.adjoint.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose reverse-mode adjoint the Adjoint annotation processor generates at build
 * time.
 *
 * <p>For a method {@code energy} in class {@code Physics}, the processor writes {@code
 * PhysicsGrad.energy(...)}, which returns the value together with one partial derivative per
 * differentiated input, and an overload that takes a seed (the vector-Jacobian product). The method
 * itself stays ordinary Java and can still be called directly.
 *
 * <p>The inputs differentiated are, by default, every {@code double} and {@code float} parameter
 * not marked {@link NoDerivative}. {@link #wrt()} narrows that set by name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Differentiable {
  /**
   * Names of the parameters to differentiate with respect to. Empty (the default) means every
   * floating-point parameter that is not marked {@link NoDerivative}.
   */
  String[] wrt() default {};

  /**
   * Whether the processor also writes a checked variant of the adjoint, which runs inside {@code
   * AnomalyMode.detect()} and checks that each value it computes is finite (naming the source line
   * of the first that is not). Outside, the adjoint pays one test per call; {@code false} leaves
   * out the variant and the test.
   */
  boolean anomalyChecks() default true;
}
