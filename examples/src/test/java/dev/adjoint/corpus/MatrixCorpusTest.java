package dev.adjoint.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Two-dimensional arrays: each partial of the generated gradient against float64 central
 * differences (element by element, ragged rows too), and the accumulating form against the record
 * form.
 */
class MatrixCorpusTest {
  private final Random random = new Random(5);

  private double[][] matrix(int... rowLengths) {
    double[][] m = new double[rowLengths.length][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new double[rowLengths[i]];
      for (int j = 0; j < m[i].length; j++) {
        m[i][j] = 2 * random.nextDouble() - 1;
      }
    }
    return m;
  }

  /** Checks {@code partials} (shaped like {@code m}) against central differences of {@code f}. */
  private static void checkPartials(
      String name, double[][] m, ToDoubleFunction<double[][]> f, double[][] partials) {
    int n = 0;
    for (double[] row : m) {
      n += row.length;
    }
    double[] flat = new double[n];
    int k = 0;
    for (double[] row : m) {
      for (double v : row) {
        flat[k++] = v;
      }
    }
    CorpusEntry.Primal primal = x -> f.applyAsDouble(unflatten(x, m));
    k = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        double expected = FiniteDifferences.partial(primal, flat, k++);
        assertEquals(
            expected,
            partials[i][j],
            1e-7 * Math.max(1, Math.abs(expected)),
            name + ": ∂/∂m[" + i + "][" + j + "]");
      }
    }
  }

  private static double[][] unflatten(double[] x, double[][] like) {
    double[][] m = new double[like.length][];
    int k = 0;
    for (int i = 0; i < like.length; i++) {
      m[i] = new double[like[i].length];
      for (int j = 0; j < m[i].length; j++) {
        m[i][j] = x[k++];
      }
    }
    return m;
  }

  @Test
  void quadraticForm() {
    double[][] m = matrix(3, 3, 3);
    double[] x = {0.5, -1, 2};
    MatrixCorpusGrad.QuadraticFormGradient g = MatrixCorpusGrad.quadraticForm(m, x);
    assertEquals(MatrixCorpus.quadraticForm(m, x), g.value(), 0);
    checkPartials("quadraticForm", m, a -> MatrixCorpus.quadraticForm(a, x), g.m());
    for (int i = 0; i < 3; i++) {
      double expected = 0;
      for (int j = 0; j < 3; j++) {
        expected += (m[i][j] + m[j][i]) * x[j];
        assertEquals(x[i] * x[j], g.m()[i][j], 1e-15);
      }
      assertEquals(expected, g.x()[i], 1e-12);
    }
  }

  @Test
  void rowsAndRaggedRows() {
    double[][] m = matrix(4, 4, 4);
    checkPartials("frobenius", m, MatrixCorpus::frobenius, MatrixCorpusGrad.frobenius(m).m());
    checkPartials("diagonals", m, MatrixCorpus::diagonals, MatrixCorpusGrad.diagonals(m).m());
    checkPartials(
        "neighbouringRows",
        m,
        MatrixCorpus::neighbouringRows,
        MatrixCorpusGrad.neighbouringRows(m).m());
    double[][] ragged = matrix(1, 4, 2, 3);
    checkPartials(
        "logSumExpOfRows",
        ragged,
        MatrixCorpus::logSumExpOfRows,
        MatrixCorpusGrad.logSumExpOfRows(ragged).ragged());
  }

  @Test
  void productOfTwoMatrices() {
    double[][] a23 = matrix(3, 3); // 2 × 3
    double[][] b32 = matrix(3, 3, 3); // 3 × 3
    double[][] w = matrix(3, 3, 3);
    MatrixCorpusGrad.WeightedProductGradient g = MatrixCorpusGrad.weightedProduct(a23, b32, w);
    checkPartials("weightedProduct A", a23, x -> MatrixCorpus.weightedProduct(x, b32, w), g.a());
    checkPartials("weightedProduct B", b32, x -> MatrixCorpus.weightedProduct(a23, x, w), g.b());
  }

  @Test
  void theAccumulatingFormAddsIntoCallerRowsAndAllocatesThem() {
    double[][] m = matrix(2, 3);
    double[][] dM = {{1, 1}, {1, 1, 1}};
    double value = MatrixCorpusGrad.frobenius(m, 2.0, dM);
    double[][] once = MatrixCorpusGrad.frobenius(m).m();
    assertEquals(MatrixCorpus.frobenius(m), value, 0);
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        assertEquals(1 + 2 * once[i][j], dM[i][j], 1e-15);
      }
    }
  }

  @Test
  void floatMatrices() {
    float[][] m = {{0.5f, -1f}, {2f, 0.25f, 1.5f}};
    MatrixCorpusGrad.MeanSquareGradient g = MatrixCorpusGrad.meanSquare(m);
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        assertEquals(2 * m[i][j] / 5, g.m()[i][j], 1e-6); // ∂(Σv²/n)/∂v = 2v/n
      }
    }
  }
}
