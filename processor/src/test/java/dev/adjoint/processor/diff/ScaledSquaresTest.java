package dev.adjoint.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Def-use counts and the scaled-squares plan, on hand-built IR. */
class ScaledSquaresTest {
  private static final Origin HERE = new Origin("F.java", 1, 0);
  private final Value.Var a = new Value.Var("a", IrType.DOUBLE);
  private final Value.Var u = new Value.Var("u", IrType.DOUBLE);
  private final Value.Var t = new Value.Var("t", IrType.DOUBLE);
  private final Value.Var r = new Value.Var("r", IrType.DOUBLE);
  private final Value c = new Value.Const("100", IrType.DOUBLE);

  private static Node.Apply times(Value.Var target, Value x, Value y) {
    return new Node.Apply(target, ElementwiseOp.MULTIPLY, List.of(x, y), "Math", HERE);
  }

  private Activity allActive() {
    return new Activity(Set.of(a, u, t, r));
  }

  // u = 100 * a; t = u * a; return t
  private List<Node> square() {
    return List.of(times(u, c, a), times(t, u, a), new Node.Return(t, HERE));
  }

  @Test
  void useCountsCountEveryStatementAndOperand() {
    UseCounts uses = UseCounts.of(square());
    assertEquals(1, uses.definitionsOf(u));
    assertEquals(1, uses.readsOf(u));
    assertEquals(2, uses.readsOf(a));
    assertEquals(0, uses.definitionsOf(a));
  }

  @Test
  void aCoefficientTimesASquareIsOnePlannedUpdate() {
    List<Node> body = square();
    ScaledSquares plan = ScaledSquares.plan(body, allActive(), UseCounts.of(body));
    assertEquals(Map.of((Node.Apply) body.get(1), u), plan.factorOf());
    assertEquals(Set.of(body.get(0)), plan.factors());
    assertEquals(a, ScaledSquares.otherOperand((Node.Apply) body.get(1), u));
  }

  @Test
  void aFactorReadElsewhereOrAProductOfOtherValuesIsNot() {
    List<Node> readTwice = new ArrayList<>(square());
    readTwice.add(2, times(r, u, u)); // u is read again
    assertTrue(
        ScaledSquares.plan(readTwice, allActive(), UseCounts.of(readTwice)).factorOf().isEmpty());

    // t = u * r: not the operand u was scaled from
    List<Node> other = List.of(times(u, c, a), times(t, u, r), new Node.Return(t, HERE));
    assertTrue(ScaledSquares.plan(other, allActive(), UseCounts.of(other)).factorOf().isEmpty());
  }

  @Test
  void anInactiveOperandHasNoShareToMerge() {
    List<Node> body = square();
    Activity onlyResult = new Activity(Set.of(u, t));
    assertTrue(ScaledSquares.plan(body, onlyResult, UseCounts.of(body)).factorOf().isEmpty());
  }
}
