package dev.adjoint.runtime.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link GeneratedChecks}' numerics, with hand-written gradients standing in for generated ones: a
 * right gradient passes, a wrong coordinate is named, and a tensor check leaves leaves as found.
 */
class GeneratedChecksTest {
  // f(a, v) = a·(v₀² + v₁), ∇ = (v₀² + v₁, [2a·v₀, a])
  private static double f(double[][] p) {
    return p[0][0] * (p[1][0] * p[1][0] + p[1][1]);
  }

  @Test
  void aRightScalarGradientPassesAndAWrongCoordinateIsNamed() {
    double[][] at = {{1.5}, {0.5, -2}};
    GradientReport right =
        GeneratedChecks.scalar(
            "F.f",
            new String[] {"a", "v[]"},
            at,
            GeneratedChecksTest::f,
            p -> new double[][] {{p[1][0] * p[1][0] + p[1][1]}, {2 * p[0][0] * p[1][0], p[0][0]}});
    assertTrue(right.passed(), right.toString());
    assertEquals(3, right.coordinates());
    GradientReport wrong =
        GeneratedChecks.scalar(
            "F.f",
            new String[] {"a", "v[]"},
            at,
            GeneratedChecksTest::f,
            p -> new double[][] {{p[1][0] * p[1][0] + p[1][1]}, {p[0][0] * p[1][0], p[0][0]}});
    assertFalse(wrong.passed());
    assertEquals("v[0]", wrong.worstCoordinate());
    assertEquals(0.75, wrong.analytic(), 0);
    assertEquals(1.5, wrong.numeric(), 1e-8);
    assertArrayEquals(new double[] {0.5, -2}, at[1], 0, "the point is not moved");
  }

  @Test
  void aTensorCheckComparesEveryElementAndRestoresGradients() {
    Tensor x = Tensor.randn(new Generator(3), DType.FLOAT64, 2, 2).requiresGrad(true);
    Tensor before = Tensor.ones(DType.FLOAT64, 2, 2);
    x.setGrad(before);
    double[] values = x.toArray();
    // y = x², its vector-Jacobian product 2x·seed, written into .grad() as a generated one is
    GradientReport right =
        GeneratedChecks.tensor(
            "F.square",
            new String[] {"x"},
            new Tensor[] {x},
            () -> x.mul(x),
            seed -> {
              x.setGrad(x.detach().mul(2).mul(seed));
              return x.mul(x);
            });
    assertTrue(right.passed(), right.toString());
    assertEquals(4, right.coordinates());
    assertTrue(x.grad() == before, "the gradient found is the gradient left");
    assertArrayEquals(values, x.toArray(), 0, "the elements are put back");
    GradientReport wrong =
        GeneratedChecks.tensor(
            "F.square",
            new String[] {"x"},
            new Tensor[] {x, null},
            () -> x.mul(x),
            seed -> {
              x.setGrad(x.detach().mul(seed));
              return x.mul(x);
            });
    assertFalse(wrong.passed());
    assertTrue(wrong.worstCoordinate().startsWith("x["), wrong.worstCoordinate());
  }

  @Test
  void anAbsentSubModelIsNoLeaf() {
    Tensor[] absent = {null};
    assertNull(GeneratedChecks.leaf(() -> absent[0].t()));
  }

  @Test
  void aRuleIsComparedInItsOneParameter() {
    assertTrue(GeneratedChecks.derivative("R.sinDx", "x", 0.3, Math::sin, Math.cos(0.3)).passed());
    GradientReport wrong = GeneratedChecks.derivative("R.sinDx", "x", 0.3, Math::sin, 1.0);
    assertFalse(wrong.passed());
    assertTrue(
        wrong.toString().startsWith("R.sinDx: FAILED; worst of 1 coordinates x:"),
        wrong.toString());
  }
}
