package dev.adjoint.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The analysis on hand-built IR: no javac involved. */
class ActivityAnalysisTest {
  private static final Origin HERE = new Origin("F.java", 1, 0);
  private final Value.Var x = new Value.Var("x", IrType.DOUBLE);
  private final Value.Var k = new Value.Var("k", IrType.DOUBLE);

  private IrFunction function(List<Node> body) {
    return new IrFunction(
        "f",
        "FGradient",
        List.of(new IrFunction.Parameter(x, true), new IrFunction.Parameter(k, false)),
        IrType.DOUBLE,
        Optional.empty(),
        body);
  }

  private static Value.Var v(String name) {
    return new Value.Var(name, IrType.DOUBLE);
  }

  @Test
  void onlyValuesThatAreVariedAndUsefulAreActive() {
    Value.Var varied = v("t1"); // x * k: varied and useful
    Value.Var constant = v("t2"); // k * k: useful, not varied
    Value.Var unused = v("t3"); // exp(x): varied, not useful
    Value.Var result = v("t4");
    Activity activity =
        ActivityAnalysis.analyze(
            function(
                List.of(
                    new Node.Apply(varied, ElementwiseOp.MULTIPLY, List.of(x, k), "Math", HERE),
                    new Node.Apply(constant, ElementwiseOp.MULTIPLY, List.of(k, k), "Math", HERE),
                    new Node.Apply(unused, ElementwiseOp.EXP, List.of(x), "Math", HERE),
                    new Node.Apply(
                        result, ElementwiseOp.ADD, List.of(varied, constant), "Math", HERE),
                    new Node.Return(result, HERE))));
    assertTrue(activity.isActive(x));
    assertTrue(activity.isActive(varied));
    assertTrue(activity.isActive(result));
    assertFalse(activity.isActive(k));
    assertFalse(activity.isActive(constant));
    assertFalse(activity.isActive(unused));
  }

  @Test
  void detachStopsTheGradient() {
    Value.Var detached = v("t1");
    Value.Var result = v("t2");
    Activity activity =
        ActivityAnalysis.analyze(
            function(
                List.of(
                    new Node.Detach(detached, x, HERE),
                    new Node.Apply(result, ElementwiseOp.SIN, List.of(detached), "Math", HERE),
                    new Node.Return(result, HERE))));
    assertFalse(activity.isActive(x));
    assertFalse(activity.isActive(result));
  }

  @Test
  void aComparisonMakesNothingActive() {
    Value.Var floor = v("t1");
    Value.Var test = new Value.Var("t2", IrType.BOOLEAN);
    Activity activity =
        ActivityAnalysis.analyze(
            function(
                List.of(
                    new Node.Apply(floor, ElementwiseOp.FLOOR, List.of(x), "Math", HERE),
                    new Node.Operate(
                        test,
                        JavaOperator.GREATER,
                        List.of(floor, new Value.Const("2", IrType.INT)),
                        HERE),
                    new Node.Return(k, HERE))));
    assertFalse(activity.isActive(floor));
  }

  @Test
  void aPiecewiseConstantFunctionOnTheGradientPathIsAnError() {
    Value.Var floor = v("t1");
    DiagnosticException e =
        assertThrows(
            DiagnosticException.class,
            () ->
                ActivityAnalysis.analyze(
                    function(
                        List.of(
                            new Node.Apply(floor, ElementwiseOp.FLOOR, List.of(x), "Math", HERE),
                            new Node.Return(floor, HERE)))));
    assertEquals(DiagnosticId.ADJ104, e.id());
    assertEquals(HERE, e.origin());
  }
}
