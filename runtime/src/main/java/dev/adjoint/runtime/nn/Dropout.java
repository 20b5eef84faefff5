package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * PyTorch's {@code nn.Dropout}: in training, each element is zeroed with probability {@code p}
 * (drawn from the layer's {@link Generator}) and the others are scaled by 1/(1 − p), so the
 * expectation is unchanged; in evaluation, the input itself.
 */
public final class Dropout extends Module {
  private final double p;
  private final Generator generator;

  /** PyTorch's default {@code p = 0.5}. */
  public Dropout(Generator generator) {
    this(0.5, generator);
  }

  public Dropout(double p, Generator generator) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
    }
    this.p = p;
    this.generator = generator;
  }

  public double p() {
    return p;
  }

  @Override
  public Tensor forward(Tensor input) {
    return Functional.dropout(input, p, isTraining(), generator);
  }

  /** The generator the masks are drawn from. */
  public Generator generator() {
    return generator;
  }

  @Override
  public String toString() {
    return "Dropout(p=" + p + ")";
  }
}
