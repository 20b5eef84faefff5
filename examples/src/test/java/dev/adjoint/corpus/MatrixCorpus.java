package dev.adjoint.corpus;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/** Functions of two-dimensional arrays ({@code double[][]}: arrays of rows, maybe ragged). */
final class MatrixCorpus {
  private MatrixCorpus() {}

  /** xᵀ·M·x, through a row alias: ∂/∂M = x·xᵀ, ∂/∂x = (M + Mᵀ)·x. */
  @Differentiable
  static double quadraticForm(double[][] m, double[] x) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      double[] row = m[i];
      double r = 0;
      for (int j = 0; j < row.length; j++) {
        r += row[j] * x[j];
      }
      s += x[i] * r;
    }
    return s;
  }

  /** ‖M‖_F over the rows with enhanced for loops. */
  @Differentiable
  static double frobenius(double[][] m) {
    double s = 0;
    for (double[] row : m) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }

  /** Diagonal times anti-diagonal, with m[i][j] and m[i].length. */
  @Differentiable
  static double diagonals(double[][] m) {
    double t = 0;
    for (int i = 0; i < m.length; i++) {
      t += m[i][i] * m[i][m[i].length - 1 - i];
    }
    return t;
  }

  /** A ragged matrix: the row sums' softmax-weighted total (log-sum-exp of the row sums). */
  @Differentiable
  static double logSumExpOfRows(double[][] ragged) {
    double max = Double.NEGATIVE_INFINITY;
    double[] sums = new double[ragged.length];
    for (int i = 0; i < ragged.length; i++) {
      double s = 0;
      for (double v : ragged[i]) {
        s += v;
      }
      sums[i] = s;
      max = Math.max(max, s);
    }
    double total = 0;
    for (double s : sums) {
      total += Math.exp(s - max);
    }
    return max + Math.log(total);
  }

  /** A matrix product's entries summed against weights: Σᵢₖ wᵢₖ (A·B)ᵢₖ. */
  @Differentiable
  static double weightedProduct(double[][] a, double[][] b, @NoDerivative double[][] w) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b[0].length; k++) {
        double c = 0;
        for (int j = 0; j < b.length; j++) {
          c += a[i][j] * b[j][k];
        }
        s += w[i][k] * c;
      }
    }
    return s;
  }

  /** Rows passed to a @Differentiable method taking a vector: Σᵢ dot(mᵢ, mᵢ₊₁). */
  @Differentiable
  static double neighbouringRows(double[][] m) {
    double s = 0;
    for (int i = 0; i + 1 < m.length; i++) {
      s += dot(m[i], m[i + 1]);
    }
    return s;
  }

  @Differentiable
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** float[][] too: a float matrix's mean square. */
  @Differentiable
  static float meanSquare(float[][] m) {
    float s = 0;
    int n = 0;
    for (float[] row : m) {
      for (float v : row) {
        s += v * v;
        n++;
      }
    }
    return s / n;
  }
}
