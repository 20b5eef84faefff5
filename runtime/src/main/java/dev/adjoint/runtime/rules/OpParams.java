package dev.adjoint.runtime.rules;

import java.util.Arrays;

/**
 * The constant parameters of a {@link TensorOp} application: dimensions and flags known when the
 * operation runs, not operands. What {@code ints} and {@code reals} mean is listed per constant of
 * {@link TensorOp}.
 *
 * @param ints dimensions, indices, lengths
 * @param keepDim whether a reduction keeps the reduced dimensions (as size 1)
 * @param reals scalar constants (clamp bounds, softplus's β and threshold)
 */
public record OpParams(int[] ints, boolean keepDim, double[] reals) {
  private static final OpParams NONE = new OpParams(new int[0], false, new double[0]);

  public OpParams {
    ints = ints.clone();
    reals = reals.clone();
  }

  /** No parameters. */
  public static OpParams none() {
    return NONE;
  }

  /** Reduction dimensions (normalised, sorted) and whether they are kept. */
  public static OpParams dims(int[] dims, boolean keepDim) {
    return new OpParams(dims, keepDim, new double[0]);
  }

  public static OpParams ints(int... ints) {
    return new OpParams(ints, false, new double[0]);
  }

  public static OpParams reals(double... reals) {
    return new OpParams(new int[0], false, reals);
  }

  /** {@code ints[i]}. */
  public int integer(int i) {
    return ints[i];
  }

  /** {@code reals[i]}. */
  public double real(int i) {
    return reals[i];
  }

  @Override
  public int[] ints() {
    return ints.clone();
  }

  @Override
  public double[] reals() {
    return reals.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpParams p
        && Arrays.equals(ints, p.ints)
        && keepDim == p.keepDim
        && Arrays.equals(reals, p.reals);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(ints) + Boolean.hashCode(keepDim)) + Arrays.hashCode(reals);
  }

  @Override
  public String toString() {
    return "OpParams[ints="
        + Arrays.toString(ints)
        + ", keepDim="
        + keepDim
        + ", reals="
        + Arrays.toString(reals)
        + "]";
  }
}
