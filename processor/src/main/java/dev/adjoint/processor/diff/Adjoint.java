package dev.adjoint.processor.diff;

import com.palantir.javapoet.CodeBlock;
import java.util.Map;
import java.util.Optional;

/**
 * The generated body of an adjoint, as {@link ReverseMode} writes it.
 *
 * @param prologue statements before the forward sweep (the tape)
 * @param forward statements computing the primal
 * @param reverse statements computing the adjoints, starting from the seed
 * @param value the expression holding the primal result
 * @param partials for each differentiated scalar parameter, the expression holding its partial (the
 *     literal 0 for an inactive one); array parameters' partials are accumulated in place
 * @param leafGradients for each tensor leaf (a tensor parameter, or a tensor the method reads from
 *     a field), the local holding it and the expression holding its gradient ({@code null} where
 *     none flows), to be added into the leaf's {@code .grad()}
 * @param tapeGuard for an adjoint that uses the tape, what unwinds it when an exception escapes
 * @param readsTensorAlgebra whether the sweeps read the local holding the tensor algebra, which the
 *     tensor method then declares
 * @param accumulatesElementGradients whether the reverse sweep adds the gradients of sub-models
 *     read through a list's elements into their {@code .grad()} as it goes (reading {@code
 *     reverseStart})
 */
public record Adjoint(
    CodeBlock prologue,
    CodeBlock forward,
    CodeBlock reverse,
    String value,
    Map<String, String> partials,
    Map<String, String> leafGradients,
    Optional<TapeGuard> tapeGuard,
    boolean readsTensorAlgebra,
    boolean accumulatesElementGradients) {

  /** The same adjoint, with {@code prologue} instead. */
  public Adjoint withPrologue(CodeBlock prologue) {
    return new Adjoint(
        prologue,
        forward,
        reverse,
        value,
        partials,
        leafGradients,
        tapeGuard,
        readsTensorAlgebra,
        accumulatesElementGradients);
  }

  /**
   * The statements after the prologue (both sweeps and the return), guarded when the adjoint uses
   * the tape: an exception escaping them leaves the thread's tape as the call found it.
   */
  public CodeBlock guarded(CodeBlock sweeps) {
    return tapeGuard.map(guard -> guard.around(sweeps)).orElse(sweeps);
  }
}
