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

  /** {@code y = (x − mean)·scale + shift}, x centred first (so no large terms cancel). */
  void affine(
      float[] x, int xOff, int n, float mean, float scale, float shift, float[] y, int yOff) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] = Math.fma(x[xOff + i] - mean, scale, shift);
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

  /**
   * {@code out = scale·(g − meanG − (x − mean)·k)}: batch norm's input gradient with x centred
   * before it is scaled, as libtorch computes it. Expanded into {@code a·g + b·x + c} the terms
   * {@code b·x} and {@code c} grow with {@code |mean|/σ} and cancel, losing float32 bits.
   */
  void centredCombine(
      float[] g,
      int gOff,
      float[] x,
      int xOff,
      int n,
      float mean,
      float k,
      float meanG,
      float scale,
      float[] out,
      int outOff) {
    for (int i = 0; i < n; i++) {
      float d = (x[xOff + i] - mean) * k;
      out[outOff + i] = (g[gOff + i] - meanG - d) * scale;
    }
  }
}
