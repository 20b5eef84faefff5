package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * PyTorch's parameter initialisations ({@code torch.nn.init}), writing into a tensor in place from
 * a seeded {@link Generator}. Fans are PyTorch's: for a weight [out, in, k...], {@code fanIn = in ·
 * ∏k} and {@code fanOut = out · ∏k}.
 */
public final class Init {
  private Init() {}

  /** Which fan a Kaiming initialisation keeps the variance of. */
  public enum FanMode {
    /** The forward pass's activations. */
    FAN_IN,
    /** The backward pass's gradients. */
    FAN_OUT
  }

  /** U(low, high) in every element; returns {@code t}. */
  public static Tensor uniform(Tensor t, double low, double high, Generator generator) {
    requireContiguous(t);
    for (int i = 0; i < t.numel(); i++) {
      t.storage().set(t.offset() + i, generator.nextUniform(low, high));
    }
    t.storage().bumpVersion();
    return t;
  }

  /** N(0, std²) in every element; returns {@code t}. */
  public static Tensor normal(Tensor t, double std, Generator generator) {
    requireContiguous(t);
    for (int i = 0; i < t.numel(); i++) {
      t.storage().set(t.offset() + i, std * generator.nextGaussian());
    }
    t.storage().bumpVersion();
    return t;
  }

  /**
   * {@code kaiming_uniform_(t, a, mode, 'leaky_relu')}: U(−b, b) with {@code b = gain·√(3/fan)},
   * {@code gain = √(2/(1 + a²))}. With a = √5 and fan_in (what Linear and Conv2d use) b is
   * 1/√fan_in.
   */
  public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, Generator generator) {
    double bound = Math.sqrt(2 / (1 + a * a)) * Math.sqrt(3.0 / fan(t, mode));
    return uniform(t, -bound, bound, generator);
  }

  /**
   * {@code kaiming_normal_(t, mode=mode, nonlinearity='relu')}: N(0, std²) with {@code std = √2 /
   * √fan} (torchvision's ResNet convolutions use fan_out).
   */
  public static Tensor kaimingNormalRelu(Tensor t, FanMode mode, Generator generator) {
    return normal(t, Math.sqrt(2) / Math.sqrt(fan(t, mode)), generator);
  }

  /** The fan of a weight of at least two dimensions, as {@code torch.nn.init} computes it. */
  public static int fan(Tensor t, FanMode mode) {
    if (t.dim() < 2) {
      throw new IllegalArgumentException(
          "fan: a weight needs at least 2 dimensions, got " + Shape.format(t.shape()));
    }
    int receptiveField = 1;
    for (int d = 2; d < t.dim(); d++) {
      receptiveField *= t.size(d);
    }
    return (mode == FanMode.FAN_IN ? t.size(1) : t.size(0)) * receptiveField;
  }

  /** {@code value} in every element; returns {@code t}. */
  public static Tensor constant(Tensor t, double value) {
    requireContiguous(t);
    t.storage().fill(t.offset(), t.numel(), value);
    t.storage().bumpVersion();
    return t;
  }

  private static void requireContiguous(Tensor t) {
    if (!t.isContiguous()) {
      throw new IllegalArgumentException("Init: initialise a contiguous tensor, not a view");
    }
  }
}
