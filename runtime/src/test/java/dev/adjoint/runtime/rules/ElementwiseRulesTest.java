package dev.adjoint.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every elementwise rule against central finite differences in float64, at random points. */
class ElementwiseRulesTest {
  private static final DoubleAlgebra A = DoubleAlgebra.INSTANCE;

  @ParameterizedTest
  @EnumSource(ElementwiseOp.class)
  void partialsMatchCentralDifferences(ElementwiseOp op) {
    Random random = new Random(op.ordinal() * 7919L + 1);
    for (int trial = 0; trial < 50; trial++) {
      List<Double> args = new ArrayList<>();
      for (int k = 0; k < op.arity(); k++) {
        args.add(pointInDomain(op, k, random));
      }
      double y = ElementwiseRules.value(op, A, args);
      double g = 0.5 + random.nextDouble();
      for (int i = 0; i < op.arity(); i++) {
        double analytic = ElementwiseRules.partial(op, A, args, y, g, i);
        double numeric = g * centralDifference(op, args, i);
        assertEquals(
            numeric,
            analytic,
            1e-6 * Math.max(1, Math.abs(numeric)),
            () -> op + " d/dx" + " at " + args);
      }
    }
  }

  @Test
  void piecewiseConstantPrimitivesHaveZeroDerivative() {
    for (ElementwiseOp op : ElementwiseOp.values()) {
      if (op.isPiecewiseConstant()) {
        assertEquals(0.0, ElementwiseRules.partial(op, A, List.of(1.3), 1.0, 1.0, 0));
      }
    }
  }

  @Test
  void nonDifferentiablePointsFollowPyTorch() {
    // |x|' = 0 at 0
    assertEquals(0.0, ElementwiseRules.partial(ElementwiseOp.ABS, A, List.of(0.0), 0.0, 1.0, 0));
    // max splits the gradient on a tie
    List<Double> tie = List.of(2.0, 2.0);
    assertEquals(0.5, ElementwiseRules.partial(ElementwiseOp.MAX, A, tie, 2.0, 1.0, 0));
    assertEquals(0.5, ElementwiseRules.partial(ElementwiseOp.MIN, A, tie, 2.0, 1.0, 1));
    // 0^w has no exponent gradient, and x^0 no base gradient
    assertEquals(
        0.0, ElementwiseRules.partial(ElementwiseOp.POW, A, List.of(0.0, 2.0), 0.0, 1.0, 1));
    assertEquals(
        0.0, ElementwiseRules.partial(ElementwiseOp.POW, A, List.of(0.0, 0.0), 1.0, 1.0, 0));
  }

  @Test
  void wrongArityIsAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ElementwiseRules.value(ElementwiseOp.ADD, A, List.of(1.0)));
    assertEquals("ADD takes 2 operand(s), got 1", e.getMessage());
  }

  private static double centralDifference(ElementwiseOp op, List<Double> args, int i) {
    double h = 1e-6 * Math.max(1, Math.abs(args.get(i)));
    List<Double> plus = new ArrayList<>(args);
    List<Double> minus = new ArrayList<>(args);
    plus.set(i, args.get(i) + h);
    minus.set(i, args.get(i) - h);
    return (ElementwiseRules.value(op, A, plus) - ElementwiseRules.value(op, A, minus)) / (2 * h);
  }

  // Points where the function is smooth, away from kinks and domain edges.
  private static double pointInDomain(ElementwiseOp op, int operand, Random random) {
    double magnitude = 0.1 + 1.9 * random.nextDouble();
    return switch (op) {
      case LOG, LOG10, SQRT, CBRT -> magnitude;
      case POW -> operand == 0 ? magnitude : 3 * random.nextDouble() - 1.5;
      case ASIN, ACOS -> 0.9 * (2 * random.nextDouble() - 1);
      case LOG1P -> magnitude - 0.05;
      case FLOOR, CEIL, RINT -> Math.floor(10 * magnitude) / 10 + 0.05 + 0.02 * operand;
      case MAX, MIN -> operand == 0 ? magnitude : magnitude + (random.nextBoolean() ? 0.3 : -0.3);
      default -> random.nextBoolean() ? magnitude : -magnitude;
    };
  }
}
