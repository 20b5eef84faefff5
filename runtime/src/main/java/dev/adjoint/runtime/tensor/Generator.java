package dev.adjoint.runtime.tensor;

import java.util.Random;

/**
 * A seeded source of random numbers for {@code rand}, {@code randn} and parameter initialisation,
 * so that a run can be repeated exactly. (Its streams are not PyTorch's: the same seed gives other
 * numbers than {@code torch.manual_seed}.)
 */
public final class Generator {
  private static final Generator DEFAULT = new Generator(0);

  private final Random random;

  public Generator(long seed) {
    this.random = new Random(seed);
  }

  /** The generator used where none is passed; reseed it with {@link #manualSeed}. */
  public static Generator defaultGenerator() {
    return DEFAULT;
  }

  /** Restarts this generator's stream from {@code seed}. */
  public Generator manualSeed(long seed) {
    random.setSeed(seed);
    return this;
  }

  /** Uniform in [0, 1). */
  public double nextUniform() {
    return random.nextDouble();
  }

  /** Uniform in [low, high). */
  public double nextUniform(double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  /** Standard normal. */
  public double nextGaussian() {
    return random.nextGaussian();
  }
}
