package dev.adjoint.corpus;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How a corpus point's coordinates split into a method's floating-point arguments, in order: a
 * scalar takes one coordinate, an array of n elements the next n. Finite differences perturb one
 * coordinate at a time, so an array parameter gets one partial per element.
 *
 * @param lengths for each argument, 0 for a scalar, else its array's length
 * @param floats whether the arrays are {@code float[]} (else {@code double[]})
 */
record Layout(int[] lengths, boolean floats) {
  static final int SCALAR = 0;

  /** Arguments of {@code double}s and {@code double[]}s. */
  static Layout of(int... lengths) {
    return new Layout(lengths, false);
  }

  /** Arguments of {@code float}s and {@code float[]}s. */
  static Layout ofFloats(int... lengths) {
    return new Layout(lengths, true);
  }

  /** {@code arity} scalars. */
  static Layout scalars(int arity) {
    return of(new int[arity]);
  }

  /** How many coordinates a point has. */
  int arity() {
    return Arrays.stream(lengths).map(n -> n == SCALAR ? 1 : n).sum();
  }

  int offset(int argument) {
    int offset = 0;
    for (int i = 0; i < argument; i++) {
      offset += lengths[i] == SCALAR ? 1 : lengths[i];
    }
    return offset;
  }

  boolean isArray(int argument) {
    return lengths[argument] != SCALAR;
  }

  /** Fresh arrays for the accumulating form's array arguments, each element set to {@code fill}. */
  Arguments.AdjointArrays adjointArrays(double fill) {
    Object[] arrays = new Object[lengths.length];
    for (int i = 0; i < lengths.length; i++) {
      if (isArray(i)) {
        double[] values = new double[lengths[i]];
        for (int k = 0; k < values.length; k++) {
          values[k] = fill * (k + 1);
        }
        arrays[i] = floats ? Arguments.narrow(values) : values;
      }
    }
    double[] gradient =
        new double[(int) IntStream.range(0, lengths.length).filter(i -> !isArray(i)).count()];
    for (int k = 0; k < gradient.length; k++) {
      gradient[k] = -fill * (k + 1);
    }
    return new Arguments.AdjointArrays(arrays, gradient);
  }
}
