package dev.adjoint.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loop plan, on hand-built IR. */
class LoopPlannerTest {
  private static final Origin HERE = new Origin("F.java", 1, 0);
  private final Value.Var x = new Value.Var("x", IrType.DOUBLE_ARRAY);
  private final Value.Var i = new Value.Var("i", IrType.INT);
  private final Value.Var xi = new Value.Var("xi", IrType.DOUBLE);
  private final Value.Var sq = new Value.Var("sq", IrType.DOUBLE);
  private final Value.Var f = new Value.Var("f", IrType.DOUBLE);
  private final Value.Var t = new Value.Var("t", IrType.DOUBLE);
  private final Value.Var next = new Value.Var("next", IrType.INT);
  private final Value.Var test = new Value.Var("test", IrType.BOOLEAN);
  private final Activity activity = new Activity(Set.of(x, xi, sq, f, t));

  private static Node apply(Value.Var target, ElementwiseOp op, Value a, Value b) {
    return new Node.Apply(target, op, List.of(a, b), "Math", HERE);
  }

  /**
   * {@code while (i < 9) { xi = x[i]; sq = xi * sq'; t = f + sq; f = t; next = i + 1; i = next; }}
   * then {@code return f}; {@code squareOfItself} says whether sq is xi * xi or xi * f.
   */
  private List<Node> sumOfSquares(boolean squareOfItself, Node... after) {
    Node.While loop =
        new Node.While(
            List.of(
                new Node.Operate(
                    test, JavaOperator.LESS, List.of(i, new Value.Const("9", IrType.INT)), HERE)),
            test,
            List.of(
                new Node.ArrayLoad(xi, x, i, HERE),
                apply(sq, ElementwiseOp.MULTIPLY, xi, squareOfItself ? xi : f),
                apply(t, ElementwiseOp.ADD, f, sq),
                new Node.Copy(f, t, HERE),
                apply(next, ElementwiseOp.ADD, i, new Value.Const("1", IrType.INT)),
                new Node.Copy(i, next, HERE)),
            HERE);
    List<Node> body = new java.util.ArrayList<>(List.of(loop));
    body.addAll(List.of(after));
    body.add(new Node.Return(f, HERE));
    return body;
  }

  private LoopPlan plan(List<Node> body) {
    return LoopPlanner.plan(body, activity, UseCounts.of(body));
  }

  @Test
  void anAccumulatorReturnedRightAfterTheLoopFusesItsReversePasses() {
    List<Node> body = sumOfSquares(true);
    LoopPlan plan = plan(body);
    Node.While loop = (Node.While) body.get(0);
    assertTrue(plan.isFused(loop));
    assertEquals(f, plan.fusion().orElseThrow().result());
    // nothing is overwritten before the reverse pass that reads it runs
    assertTrue(plan.definedInLoops().isEmpty());
    assertFalse(plan.saved(xi));
  }

  @Test
  void aPassThatReadsTheAccumulatorOtherwiseIsNotFusedAndSavesWhatItOverwrites() {
    List<Node> body = sumOfSquares(false); // sq = xi * f reads f a second time
    LoopPlan plan = plan(body);
    assertTrue(plan.fusion().isEmpty());
    assertTrue(plan.needed().containsAll(Set.of(xi, f)), "the product's rule reads both");
    assertTrue(plan.saved(f), "f is overwritten every pass and read by the reverse sweep");
    assertTrue(plan.overwritesSaved(((Node.While) body.get(0)).body()));
  }

  @Test
  void theCounterStepIsUndoneByArithmeticAndTheLoadRecomputed() {
    List<Node> body = sumOfSquares(false);
    LoopPlan plan = plan(body);
    Node.While loop = (Node.While) body.get(0);
    CounterStep step = plan.steps().get(loop.body().get(5));
    assertEquals(i, step.counter());
    assertTrue(step.adds() && step.unit() && !step.decreases());
    assertEquals("i - 1", step.undo());
    assertTrue(plan.recomputations().get(loop).recomputed().contains(xi));
    assertFalse(plan.saved(xi), "recomputed from x[i], not stored");
  }

  @Test
  void activeCodeAfterTheLoopPreventsFusion() {
    Value.Var g = new Value.Var("g", IrType.DOUBLE);
    List<Node> body = sumOfSquares(true, apply(g, ElementwiseOp.MULTIPLY, f, f));
    LoopPlan plan =
        LoopPlanner.plan(body, new Activity(Set.of(x, xi, sq, f, t, g)), UseCounts.of(body));
    assertTrue(plan.fusion().isEmpty());
  }
}
