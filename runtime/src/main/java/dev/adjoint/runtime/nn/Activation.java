package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.Tensor;

/** The parameter-free elementwise layers, usable as modules in a {@link Sequential}. */
public final class Activation extends Module {
  /** Which function the layer applies. */
  public enum Kind {
    RELU,
    SIGMOID,
    TANH
  }

  private final Kind kind;

  private Activation(Kind kind) {
    this.kind = kind;
  }

  /** {@code max(x, 0)}. */
  public static Activation relu() {
    return new Activation(Kind.RELU);
  }

  /** {@code 1/(1 + e^-x)}. */
  public static Activation sigmoid() {
    return new Activation(Kind.SIGMOID);
  }

  /** {@code tanh x}. */
  public static Activation tanh() {
    return new Activation(Kind.TANH);
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public Tensor forward(Tensor input) {
    return switch (kind) {
      case RELU -> input.relu();
      case SIGMOID -> input.sigmoid();
      case TANH -> input.tanh();
    };
  }
}
