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
    assertEquals("i - 1", step.undo().source());
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

  private final Value.Var r = new Value.Var("r", IrType.DOUBLE);
  private final Value.Var y = new Value.Var("y", IrType.DOUBLE);
  private final Value.Var a = new Value.Var("a", IrType.DOUBLE);
  private final Value.Var b = new Value.Var("b", IrType.DOUBLE);
  private final Value.Var z = new Value.Var("z", IrType.DOUBLE);
  private final Value.Var u = new Value.Var("u", IrType.DOUBLE);

  /**
   * The logistic map {@code while (i < 9) { a = r * y; b = 1 - y; y = a * b; i = i + 1; }}, return
   * y; {@code between} goes after {@code y = a * b}.
   */
  private List<Node> logisticMap(Node... between) {
    List<Node> pass = new java.util.ArrayList<>();
    pass.add(apply(a, ElementwiseOp.MULTIPLY, r, y));
    pass.add(apply(b, ElementwiseOp.SUBTRACT, new Value.Const("1", IrType.DOUBLE), y));
    pass.add(apply(y, ElementwiseOp.MULTIPLY, a, b));
    pass.addAll(List.of(between));
    pass.add(apply(next, ElementwiseOp.ADD, i, new Value.Const("1", IrType.INT)));
    pass.add(new Node.Copy(i, next, HERE));
    Node.While loop =
        new Node.While(
            List.of(
                new Node.Operate(
                    test, JavaOperator.LESS, List.of(i, new Value.Const("9", IrType.INT)), HERE)),
            test,
            pass,
            HERE);
    return List.of(loop, new Node.Return(y, HERE));
  }

  private LoopPlan planLogistic(List<Node> body) {
    return LoopPlanner.plan(body, new Activity(Set.of(r, y, a, b, z, u)), UseCounts.of(body));
  }

  @Test
  void theLogisticMapStoresOnlyTheStateAndRecomputesTheProductsFromIt() {
    List<Node> body = logisticMap();
    LoopPlan plan = planLogistic(body);
    Node.While loop = (Node.While) body.get(0);
    Recomputation.Plan pass = plan.recomputations().get(loop);
    // y's old value is popped at the pass's start: r·y and 1 - y are recomputed from it
    assertEquals(List.of(loop.body().get(2)), pass.hoisted());
    assertEquals(Set.of(a, b), pass.recomputed());
    assertEquals(List.of(loop.body().get(0), loop.body().get(1)), pass.block());
    assertTrue(plan.saved(y));
    assertFalse(plan.saved(a));
    assertFalse(plan.saved(b));
  }

  @Test
  void aHoistedPopThatWouldOvertakeALaterPushIsNotHoisted() {
    // after y = a * b: z = r * 2; u = z * z; z = u: z is defined twice, stored at each definition,
    // and pushed after y, so y's old value cannot come off the tape first
    List<Node> body =
        logisticMap(
            apply(z, ElementwiseOp.MULTIPLY, r, new Value.Const("2", IrType.DOUBLE)),
            apply(u, ElementwiseOp.MULTIPLY, z, z),
            new Node.Copy(z, u, HERE));
    LoopPlan plan = planLogistic(body);
    Recomputation.Plan pass = plan.recomputations().get((Node.While) body.get(0));
    assertTrue(pass.hoisted().isEmpty());
    assertTrue(plan.saved(z));
    assertTrue(plan.saved(a), "without y's value before the pass, r·y is stored");
    assertTrue(plan.saved(b));
    assertTrue(plan.misorderedHoists().isEmpty());
  }

  @Test
  void aStatementWhoseReverseReadsItsOwnResultKeepsItsRestoreInPlace() {
    // u = a * b; y = exp(u): exp's rule reads y's new value, so its old one cannot be popped first
    List<Node> body = logisticMap();
    Node.While loop = (Node.While) body.get(0);
    List<Node> pass = new java.util.ArrayList<>(loop.body());
    pass.set(2, apply(u, ElementwiseOp.MULTIPLY, a, b));
    pass.add(3, new Node.Apply(y, ElementwiseOp.EXP, List.of(u), "Math", HERE));
    List<Node> exp =
        List.of(
            new Node.While(loop.condition(), loop.test(), pass, HERE), new Node.Return(y, HERE));
    LoopPlan plan = planLogistic(exp);
    assertTrue(plan.recomputations().get((Node.While) exp.get(0)).hoisted().isEmpty());
    assertTrue(plan.saved(a), "a = r·y reads y as it was before the pass");
  }
}
