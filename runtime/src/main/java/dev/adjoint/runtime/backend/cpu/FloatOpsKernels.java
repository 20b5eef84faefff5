package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.backend.Relation;

/**
 * The plain-Java implementations behind {@link FloatOps}; {@link VectorFloatOps} overrides them
 * with Vector API loops. Arguments are already checked.
 */
class FloatOpsKernels {
  void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = a[aOff + i] + b[bOff + i];
    }
  }

  void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = a[aOff + i] * b[bOff + i];
    }
  }

  void exp(float[] x, int xOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = (float) Math.exp(x[xOff + i]);
    }
  }

  void relu(float[] x, int xOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      float v = x[xOff + i];
      // v > 0 ? v : 0 would turn NaN into 0; keep NaN visible.
      out[outOff + i] = v < 0f ? 0f : v;
    }
  }

  float sum(float[] x, int xOff, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) {
      s += x[xOff + i];
    }
    return s;
  }

  /** {@code out = c ? x : y} elementwise. */
  void select(
      boolean[] c,
      int cOff,
      float[] x,
      int xOff,
      float[] y,
      int yOff,
      float[] out,
      int outOff,
      int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = c[cOff + i] ? x[xOff + i] : y[yOff + i];
    }
  }

  /** {@code out = c ? x : otherwise} elementwise. */
  void select(
      boolean[] c, int cOff, float[] x, int xOff, float otherwise, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = c[cOff + i] ? x[xOff + i] : otherwise;
    }
  }

  /** {@code out = x > w} (GREATER), {@code x >= w} or {@code x == w} elementwise. */
  void compare(Relation rel, float[] x, int xOff, float w, boolean[] out, int outOff, int n) {
    switch (rel) {
      case GREATER -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = x[xOff + i] > w;
        }
      }
      case GREATER_OR_EQUAL -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = x[xOff + i] >= w;
        }
      }
      case EQUAL -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = x[xOff + i] == w;
        }
      }
    }
  }

  /** {@code d = (float) (d + alpha * s)}, computed in double and rounded once. */
  void addScaled(float[] d, int dOff, float[] s, int sOff, double alpha, int n) {
    for (int i = 0; i < n; i++) {
      d[dOff + i] = (float) (d[dOff + i] + alpha * s[sOff + i]);
    }
  }

  /** {@code out = x > 0 ? x : (NaN ? x : +0)}: relu with NaN kept and -0 turned into +0. */
  void reluPositiveZero(float[] x, int xOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = Math.max(x[xOff + i], 0f);
    }
  }

  /** {@code y = y > 0 ? g : +0}: relu's gradient from its result, written over the result. */
  void keepWherePositive(float[] y, int yOff, float[] g, int gOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] = y[yOff + i] > 0f ? g[gOff + i] : 0f;
    }
  }

  /**
   * SGD with momentum on {@code n} elements ({@link MomentumUpdate}): {@code b = (float) ((float)
   * (b·μ) + g·keep)}, then {@code p = (float) (p + b·step)}, each product and sum in double, each
   * line rounded once to float, as the unfused kernels round them.
   */
  void momentumStep(
      float[] p,
      int pOff,
      float[] g,
      int gOff,
      float[] b,
      int bOff,
      double momentum,
      double keep,
      double step,
      int n) {
    for (int i = 0; i < n; i++) {
      float scaled = (float) (b[bOff + i] * momentum);
      float v = (float) (scaled + g[gOff + i] * keep);
      b[bOff + i] = v;
      p[pOff + i] = (float) (p[pOff + i] + v * step);
    }
  }
}
