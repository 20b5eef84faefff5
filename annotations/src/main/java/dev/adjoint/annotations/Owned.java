package dev.adjoint.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an array parameter of a {@link Differentiable} method as owned by the method: it may
 * overwrite the elements, and the caller gives up their old values (the generated gradient
 * overwrites them exactly as the method does). Partials are still taken with respect to the values
 * the array held on entry.
 *
 * <p>Without it, a write to an input array is the compile error ADJ112. The accumulating form of a
 * method with an owned, differentiated array gathers that array's partials in a local array and
 * adds them into the caller's at the end, so it allocates one array per call.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Owned {}
