package dev.adjoint.bench.rosenbrock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The hand-written Rosenbrock adjoints the benchmark compares the generated gradient with compute
 * the same value and gradient as the generated one (a benchmark of a wrong adjoint would say
 * nothing), at the benchmark's size and at the smallest sizes, where the gathered form peels its
 * first and last elements.
 */
class HandAdjointsTest {
  @Test
  void everyHandWrittenAdjointMatchesTheGeneratedGradient() {
    for (int n : new int[] {1, 2, 3, 1000}) {
      double[] x = randomPoint(n);
      RosenbrockGrad.ValueGradient generated = RosenbrockGrad.value(x);
      check("fused", Rosenbrock::fused, x, generated);
      check("twoSweeps", Rosenbrock::twoSweeps, x, generated);
      check("fission", Rosenbrock::fission, x, generated);
      check("gather", Rosenbrock::gather, x, generated);
    }
  }

  private static void check(
      String name,
      BiFunction<double[], double[], Double> adjoint,
      double[] x,
      RosenbrockGrad.ValueGradient generated) {
    double[] gradient = new double[x.length];
    double value = adjoint.apply(x, gradient);
    assertEquals(generated.value(), value, 1e-12 * Math.abs(generated.value()), name + " value");
    for (int i = 0; i < x.length; i++) {
      double expected = generated.x()[i];
      assertEquals(
          expected,
          gradient[i],
          1e-12 * Math.max(1, Math.abs(expected)),
          name + " ∂/∂x[" + i + "]");
    }
  }

  private static double[] randomPoint(int n) {
    Random random = new Random(7 + n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2 * random.nextDouble() - 1;
    }
    return x;
  }
}
