package dev.adjoint.runtime.backend.cpu;

/** The plain-Java micro-kernel, used where the Vector API is not available. */
final class ScalarDoubleKernel extends DoubleKernel {
  ScalarDoubleKernel() {
    super(4, 8);
  }

  @Override
  void multiply(
      int kc, double[] ap, int apOff, double[] bp, int bpOff, double[] c, int cOff, int ldc) {
    for (int r = 0; r < 4; r++) {
      int row = cOff + r * ldc;
      for (int j = 0; j < 8; j++) {
        double s = 0d;
        for (int p = 0; p < kc; p++) {
          s += ap[apOff + p * 4 + r] * bp[bpOff + p * 8 + j];
        }
        c[row + j] += s;
      }
    }
  }
}
