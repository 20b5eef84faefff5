package dev.adjoint.runtime.backend.cpu;

/** The plain-Java micro-kernel, used where the Vector API is not available. */
final class ScalarFloatKernel extends FloatKernel {
  ScalarFloatKernel() {
    super(4, 8);
  }

  @Override
  void multiply(
      int kc,
      float[] ap,
      int apOff,
      float[] bp,
      int bpOff,
      float[] c,
      int cOff,
      int ldc,
      boolean store) {
    for (int r = 0; r < 4; r++) {
      int row = cOff + r * ldc;
      for (int j = 0; j < 8; j++) {
        float s = 0f;
        for (int p = 0; p < kc; p++) {
          s += ap[apOff + p * 4 + r] * bp[bpOff + p * 8 + j];
        }
        c[row + j] = store ? s : c[row + j] + s;
      }
    }
  }
}
