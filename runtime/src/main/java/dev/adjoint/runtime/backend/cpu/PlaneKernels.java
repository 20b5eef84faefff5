package dev.adjoint.runtime.backend.cpu;

/**
 * The per-channel loops of batch norm over one contiguous float32 run (a plane of a channel), in
 * plain Java; {@link VectorPlaneKernels} overrides them with Vector API loops. Sums are returned as
 * double; within a run they accumulate in float lanes, so callers keep runs short (a plane, or
 * {@link #RUN} elements) and add the runs in double.
 */
class PlaneKernels {
  /** The longest run whose sums are accumulated in float before they are added in double. */
  static final int RUN = 1024;

  static final PlaneKernels INSTANCE = create();

  private static PlaneKernels create() {
    try {
      if (VectorSupport.ENABLED) {
        return new VectorPlaneKernels();
      }
    } catch (LinkageError e) {
      // no jdk.incubator.vector: the plain loops
    }
    return new PlaneKernels();
  }

  /** {@code Σ (x − mean)²}. */
  double squaredDeviations(float[] x, int off, int n, float mean) {
    double s = 0;
    for (int i = off; i < off + n; i++) {
      float d = x[i] - mean;
      s += d * d;
    }
    return s;
  }

  /** {@code y = scale·x + shift}. */
  void affine(float[] x, int xOff, int n, float scale, float shift, float[] y, int yOff) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] = scale * x[xOff + i] + shift;
    }
  }

  /** Adds {@code Σ g} to {@code sums[0]} and {@code Σ g·(x − mean)} to {@code sums[1]}. */
  void gradientSums(float[] g, int gOff, float[] x, int xOff, int n, float mean, double[] sums) {
    double sg = 0;
    double sgx = 0;
    for (int i = 0; i < n; i++) {
      float gv = g[gOff + i];
      sg += gv;
      sgx += gv * (x[xOff + i] - mean);
    }
    sums[0] += sg;
    sums[1] += sgx;
  }

  /** {@code out = a·g + b·x + c}. */
  void combine(
      float[] g,
      int gOff,
      float[] x,
      int xOff,
      int n,
      float a,
      float b,
      float c,
      float[] out,
      int outOff) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = a * g[gOff + i] + b * x[xOff + i] + c;
    }
  }
}
