package dev.adjoint.runtime.backend.cpu;

/**
 * Every other element of a row, the gather a stride-2 convolution's unfolding does for each of its
 * patch rows ({@link Im2col}): plain loops here, two loads and one two-vector rearrange per vector
 * of results in {@link VectorStridedRows}.
 */
class StridedRows {
  static final StridedRows INSTANCE = create();

  private static StridedRows create() {
    try {
      if (VectorSupport.ENABLED) {
        return new VectorStridedRows();
      }
    } catch (LinkageError e) {
      // no jdk.incubator.vector: the plain loop
    }
    return new StridedRows();
  }

  /** {@code out[dst + t] = x[src + 2t]} for {@code t < count}. */
  void everyOther(float[] x, int src, float[] out, int dst, int count) {
    for (int t = 0; t < count; t++) {
      out[dst + t] = x[src + 2 * t];
    }
  }
}
