package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.HandBuiltIr.HERE;
import static dev.adjoint.processor.diff.HandBuiltIr.apply;
import static dev.adjoint.processor.diff.HandBuiltIr.copy;
import static dev.adjoint.processor.diff.HandBuiltIr.countedLoop;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleVar;
import static dev.adjoint.processor.diff.HandBuiltIr.intConst;
import static dev.adjoint.processor.diff.HandBuiltIr.intVar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Counter steps, on hand-built IR: the arithmetic of one ({@code i += c}, {@code i -= c}) and which
 * statement pairs the loop planner takes for one. {@link LoopPlannerTest} covers {@code i = i + 1}.
 */
class CounterStepTest {
  private final Value.Var i = intVar("i");
  private final Value.Var next = intVar("next");
  private final Value.Var test = new Value.Var("test", IrType.BOOLEAN);

  private CounterStep step(boolean adds, String amount) {
    return new CounterStep(i, adds, JavaExpr.literal(amount));
  }

  @Test
  void aSubtractedStepIsUndoneByAddingItBack() {
    CounterStep down = step(false, "2");
    assertEquals("i + 2", down.undo().source());
    assertEquals("-2", down.signed().text());
    assertTrue(down.decreases());
    assertFalse(down.unit(), "a step of 2 is not a unit step");
  }

  @Test
  void theSignOfTheConstantCountsWithTheOperator() {
    // i = i + -1 goes down, i = i - -1 goes up; both change i by one
    CounterStep plusMinusOne = step(true, "-1");
    assertTrue(plusMinusOne.decreases());
    assertTrue(plusMinusOne.unit());
    assertEquals("-1", plusMinusOne.signed().text());
    CounterStep minusMinusOne = step(false, "-1");
    assertFalse(minusMinusOne.decreases());
    assertTrue(minusMinusOne.unit());
    assertEquals("-(-1)", minusMinusOne.signed().text());
  }

  @Test
  void aNamedConstantHasNoKnownDirection() {
    // i = i + STRIDE: its sign is known only when the code runs
    CounterStep named = step(true, "STRIDE");
    assertFalse(named.decreases());
    assertFalse(named.unit());
    assertEquals("i - STRIDE", named.undo().source());
  }

  /** The planner's step for {@code pass}'s last statement, in {@code while (i < 9) { pass }}. */
  private CounterStep planned(List<Node> pass) {
    Node.While loop = countedLoop(i, test, pass);
    List<Node> body = List.of(loop, new Node.Return(doubleVar("f"), HERE));
    LoopPlan plan = LoopPlanner.plan(body, new Activity(Set.of()), UseCounts.of(body));
    return plan.steps().get(pass.get(pass.size() - 1));
  }

  @Test
  void thePlannerTakesAnIntegralCounterMinusAConstant() {
    CounterStep found =
        planned(List.of(apply(next, ElementwiseOp.SUBTRACT, i, intConst(3)), copy(i, next)));
    assertEquals(i, found.counter());
    assertFalse(found.adds());
    assertEquals("i + 3", found.undo().source());
  }

  @Test
  void thePlannerRejectsWhatIsNotACounterPlusOrMinusAConstant() {
    // next = 3 - i: i is the subtrahend, the step is not i ± c
    assertNull(
        planned(List.of(apply(next, ElementwiseOp.SUBTRACT, intConst(3), i), copy(i, next))));
    // next = k + 1; i = next: a step from another variable, not i's own
    Value.Var k = intVar("k");
    assertNull(planned(List.of(apply(next, ElementwiseOp.ADD, k, intConst(1)), copy(i, next))));
    // next = i * 2: not a sum
    assertNull(
        planned(List.of(apply(next, ElementwiseOp.MULTIPLY, i, intConst(2)), copy(i, next))));
    // next = i + k with k a variable: the step's amount is not known at the undo
    assertNull(planned(List.of(apply(next, ElementwiseOp.ADD, i, k), copy(i, next))));
    // a double counter: undoing its step by arithmetic would round
    Value.Var d = doubleVar("d");
    Value.Var dNext = doubleVar("dNext");
    Value one = new Value.Const("1.0", IrType.DOUBLE);
    assertNull(planned(List.of(apply(dNext, ElementwiseOp.ADD, d, one), copy(d, dNext))));
    // i = next not right after the addition that defines next
    assertNull(
        planned(
            List.of(
                apply(next, ElementwiseOp.ADD, i, intConst(1)),
                apply(k, ElementwiseOp.ADD, i, intConst(5)),
                copy(i, next))));
  }
}
