package dev.adjoint.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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

/** Which statements leave their loops, on hand-built IR. */
class LoopInvariantsTest {
  private static final Origin HERE = new Origin("F.java", 1, 0);
  private final Value.Var dt = new Value.Var("dt", IrType.DOUBLE);
  private final Value.Var k = new Value.Var("k", IrType.DOUBLE);
  private final Value.Var x = new Value.Var("x", IrType.DOUBLE);
  private final Value.Var xs = new Value.Var("xs", IrType.DOUBLE_ARRAY);
  private final Value.Var half = new Value.Var("half", IrType.DOUBLE);
  private final Value.Var step = new Value.Var("step", IrType.DOUBLE);
  private final Value.Var minusK = new Value.Var("minusK", IrType.DOUBLE);
  private final Value.Var force = new Value.Var("force", IrType.DOUBLE);
  private final Value.Var first = new Value.Var("first", IrType.DOUBLE);
  private final Value.Var next = new Value.Var("next", IrType.DOUBLE);
  private final Value.Var i = new Value.Var("i", IrType.INT);
  private final Value.Var i1 = new Value.Var("i1", IrType.INT);
  private final Value.Var test = new Value.Var("test", IrType.BOOLEAN);
  private static final Value ONE = new Value.Const("1", IrType.INT);

  private static Node apply(Value.Var target, ElementwiseOp op, Value a, Value b) {
    return new Node.Apply(target, op, List.of(a, b), "Math", HERE);
  }

  private IrFunction function(List<Node> body) {
    List<IrFunction.Parameter> none = List.of();
    return new IrFunction("f", "FGradient", none, IrType.DOUBLE, Optional.empty(), body);
  }

  private Node.While loop(List<Node> body) {
    return new Node.While(
        List.of(
            new Node.Operate(
                test, JavaOperator.LESS, List.of(i, new Value.Const("9", IrType.INT)), HERE)),
        test,
        body,
        HERE);
  }

  @Test
  void arithmeticOnValuesTheLoopNeverAssignsMovesBeforeItInOrder() {
    Node half = apply(this.half, ElementwiseOp.MULTIPLY, new Value.Const("0.5", IrType.DOUBLE), dt);
    Node force = apply(this.force, ElementwiseOp.MULTIPLY, minusK, x); // x changes every pass
    Node step = apply(this.step, ElementwiseOp.MULTIPLY, this.half, this.force);
    Node minusK = new Node.Apply(this.minusK, ElementwiseOp.NEGATE, List.of(k), "Math", HERE);
    Node update = apply(next, ElementwiseOp.ADD, x, this.step);
    Node carry = new Node.Copy(x, next, HERE);
    Node counter = apply(i1, ElementwiseOp.ADD, i, ONE);
    Node.While loop =
        loop(
            List.of(half, minusK, force, step, update, carry, counter, new Node.Copy(i, i1, HERE)));
    List<Node> body =
        LoopInvariants.apply(function(List.of(loop, new Node.Return(x, HERE)))).body();
    // 0.5·dt and -k leave; -k·x and what reads it stay
    assertEquals(List.of(half, minusK), body.subList(0, 2));
    Node.While left = (Node.While) body.get(2);
    assertEquals(
        List.of(force, step, update, carry, counter, new Node.Copy(i, i1, HERE)), left.body());
  }

  @Test
  void arrayReadsCallsAndValuesReadEarlierInTheBodyStay() {
    // first = xs[0] could throw before a loop that makes no pass; next is read before it is set
    Node load = new Node.ArrayLoad(first, xs, new Value.Const("0", IrType.INT), HERE);
    Node readsNext = apply(x, ElementwiseOp.ADD, x, next);
    Node setsNext = apply(next, ElementwiseOp.MULTIPLY, dt, dt);
    Node counter = apply(i1, ElementwiseOp.ADD, i, ONE);
    Node.While loop = loop(List.of(load, readsNext, setsNext, counter, new Node.Copy(i, i1, HERE)));
    IrFunction f = function(List.of(loop, new Node.Return(x, HERE)));
    assertSame(f, LoopInvariants.apply(f));
  }

  @Test
  void aValueLeavesAnInnerLoopAndThenTheOuterOne() {
    Node half = apply(this.half, ElementwiseOp.MULTIPLY, new Value.Const("0.5", IrType.DOUBLE), dt);
    Node update = apply(next, ElementwiseOp.ADD, x, this.half);
    Node carry = new Node.Copy(x, next, HERE);
    Node counter = apply(i1, ElementwiseOp.ADD, i, ONE);
    Node.While inner = loop(List.of(half, update, carry, counter, new Node.Copy(i, i1, HERE)));
    Node.While outer = loop(List.of(inner));
    List<Node> body =
        LoopInvariants.apply(function(List.of(outer, new Node.Return(x, HERE)))).body();
    assertEquals(half, body.get(0));
    Node.While outerLeft = (Node.While) body.get(1);
    Node.While innerLeft = (Node.While) outerLeft.body().get(0);
    assertEquals(List.of(update, carry, counter, new Node.Copy(i, i1, HERE)), innerLeft.body());
  }
}
