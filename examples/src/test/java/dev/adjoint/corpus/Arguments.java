package dev.adjoint.corpus;

import java.util.Arrays;

/**
 * A corpus point split into a method's arguments by a {@link Layout}; arguments are numbered as the
 * method's floating-point parameters. Arrays are fresh copies, so that a function cannot change the
 * point.
 */
final class Arguments {
  private final Layout layout;
  private final double[] x;

  Arguments(Layout layout, double[] x) {
    this.layout = layout;
    this.x = x;
  }

  double scalar(int argument) {
    return x[layout.offset(argument)];
  }

  float floatScalar(int argument) {
    return (float) scalar(argument);
  }

  double[] doubles(int argument) {
    int offset = layout.offset(argument);
    return Arrays.copyOfRange(x, offset, offset + layout.lengths()[argument]);
  }

  float[] floats(int argument) {
    return narrow(doubles(argument));
  }

  static float[] narrow(double[] values) {
    float[] narrowed = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      narrowed[i] = (float) values[i];
    }
    return narrowed;
  }

  /** The arrays a test passes to an accumulating form, and reads back after the call. */
  /**
   * What the accumulating form adds into: {@code gradient} for the scalar arguments' partials, in
   * order, and one array per array argument (null at scalar positions).
   */
  record AdjointArrays(Object[] arrays, double[] gradient) {
    double[] doubles(int argument) {
      return (double[]) arrays[argument];
    }

    float[] floats(int argument) {
      return (float[]) arrays[argument];
    }

    /** All elements, argument after argument, widened to double. */
    double[] flatten() {
      return CorpusGradientTest.flatten(arrays);
    }
  }
}
