package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.HandBuiltIr.HERE;
import static dev.adjoint.processor.diff.HandBuiltIr.apply;
import static dev.adjoint.processor.diff.HandBuiltIr.concat;
import static dev.adjoint.processor.diff.HandBuiltIr.copy;
import static dev.adjoint.processor.diff.HandBuiltIr.countedLoop;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleConst;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleVar;
import static dev.adjoint.processor.diff.HandBuiltIr.increment;
import static dev.adjoint.processor.diff.HandBuiltIr.intConst;
import static dev.adjoint.processor.diff.HandBuiltIr.intVar;
import static dev.adjoint.processor.diff.HandBuiltIr.less;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whether a loop adding into the result fuses, on hand-built IR: the sum of squares {@code while (i
 * < 9) { xi = x[i]; sq = xi * xi; t = f + sq; f = t; i++ } return f} does, and each condition of
 * {@link LoopPlanner}'s planFusion, violated once on that loop, stops it.
 */
class FusedLoopsTest {
  private final Value.Var x = new Value.Var("x", IrType.DOUBLE_ARRAY);
  private final Value.Var ys = new Value.Var("ys", IrType.DOUBLE_ARRAY);
  private final Value.Var i = intVar("i");
  private final Value.Var next = intVar("next");
  private final Value.Var k = intVar("k");
  private final Value.Var test = new Value.Var("test", IrType.BOOLEAN);
  private final Value.Var flag = new Value.Var("flag", IrType.BOOLEAN);
  private final Value.Var xi = doubleVar("xi");
  private final Value.Var sq = doubleVar("sq");
  private final Value.Var t = doubleVar("t");
  private final Value.Var f = doubleVar("f");
  private final Value.Var g = doubleVar("g");
  private final Value.Var bound = doubleVar("bound");
  private final Value.Var limit = doubleVar("limit");
  private final Set<Value.Var> active = new HashSet<>(Set.of(x, xi, sq, t, f));

  /** The reverse sweep reads xi (the rule of xi * xi); t = f + sq reads neither operand. */
  private final Set<Value.Var> needed = new HashSet<>(Set.of(xi));

  private Node.Apply load() {
    return new Node.Apply(sq, ElementwiseOp.MULTIPLY, List.of(xi, xi), "Math", HERE);
  }

  /** The pass before its counter update: {@code xi = x[i]; sq = xi * xi; t = f + sq; f = t}. */
  private List<Node> sumOfSquares() {
    return new ArrayList<>(
        List.of(
            new Node.ArrayLoad(xi, x, i, HERE),
            load(),
            apply(t, ElementwiseOp.ADD, f, sq),
            copy(f, t)));
  }

  /** The fusion of {@code while (i < 9) { prefix; next = i + 1; i = next }; return f}. */
  private Optional<LoopPlan.Fusion> fusion(List<Node> prefix, Node... before) {
    return fusion(countedLoop(i, test, concat(prefix, increment(i, next))), prefix.size(), before);
  }

  private Optional<LoopPlan.Fusion> fusion(Node.While loop, int suffixStart, Node... before) {
    List<Node> method = concat(List.of(before), List.of(loop, new Node.Return(f, HERE)));
    Recomputation.Plan plan = new Recomputation.Plan(suffixStart, List.of(), Set.of(), List.of());
    return FusedLoops.fusion(
        loop, f, plan, new Activity(active), UseCounts.of(method), Set.copyOf(needed));
  }

  @Test
  void theSumOfSquaresFusesAtItsAccumulatorStep() {
    List<Node> pass = sumOfSquares();
    LoopPlan.Fusion fusion = fusion(pass).orElseThrow();
    assertSame(pass.get(2), fusion.step()); // t = f + sq
    assertSame(pass.get(3), fusion.carry()); // f = t
    assertEquals(f, fusion.result());
  }

  @Test
  void theAccumulatorMayBeTheSecondAddendOrTheMinuend() {
    // d(e + f)/df = 1 and d(f - e)/df = 1: the result's adjoint stays the seed either way
    List<Node> added = sumOfSquares();
    added.set(2, apply(t, ElementwiseOp.ADD, sq, f));
    assertTrue(fusion(added).isPresent());
    List<Node> subtracted = sumOfSquares();
    subtracted.set(2, apply(t, ElementwiseOp.SUBTRACT, f, sq));
    assertTrue(fusion(subtracted).isPresent());
  }

  @Test
  void aProductOrASubtrahendAccumulatorDoesNotFuse() {
    // d(f * sq)/df = sq and d(sq - f)/df = -1: the passes' adjoints of f differ, order matters
    List<Node> product = sumOfSquares();
    product.set(2, apply(t, ElementwiseOp.MULTIPLY, f, sq));
    assertTrue(fusion(product).isEmpty());
    List<Node> subtrahend = sumOfSquares();
    subtrahend.set(2, apply(t, ElementwiseOp.SUBTRACT, sq, f));
    assertTrue(fusion(subtrahend).isEmpty());
  }

  @Test
  void aLoopWithoutARecomputationPlanDoesNotFuse() {
    Node.While loop = countedLoop(i, test, concat(sumOfSquares(), increment(i, next)));
    List<Node> method = List.of(loop, new Node.Return(f, HERE));
    Optional<LoopPlan.Fusion> none =
        FusedLoops.fusion(loop, f, null, new Activity(active), UseCounts.of(method), needed);
    assertTrue(none.isEmpty());
  }

  @Test
  void anActiveConditionDoesNotFuse() {
    // while (i < limit * 1.0): the test's value depends on limit; fused only while it is inactive
    Node.While loop =
        new Node.While(
            List.of(
                apply(bound, ElementwiseOp.MULTIPLY, limit, doubleConst("1.0")),
                less(test, i, bound)),
            test,
            concat(sumOfSquares(), increment(i, next)),
            HERE);
    assertTrue(fusion(loop, 4).isPresent());
    active.addAll(Set.of(limit, bound));
    assertTrue(fusion(loop, 4).isEmpty());
  }

  @Test
  void anActiveStatementInTheSuffixDoesNotFuse() {
    // g = xi * 2 after the counter update: the pass's reverse would run after the next test
    List<Node> pass = concat(sumOfSquares(), increment(i, next));
    pass.add(apply(g, ElementwiseOp.MULTIPLY, xi, doubleConst("2.0")));
    Node.While loop = countedLoop(i, test, pass);
    assertTrue(fusion(loop, 4).isPresent(), "g inactive: the suffix computes nothing active");
    active.add(g);
    assertTrue(fusion(loop, 4).isEmpty());
  }

  @Test
  void anArrayStoreOrAnInnerLoopInThePassDoesNotFuse() {
    // ys[i] = sq, with ys inactive: a store is not straight-line code the fused pass can undo
    List<Node> store = sumOfSquares();
    store.add(new Node.ArrayStore(ys, i, sq, HERE));
    assertTrue(fusion(store).isEmpty());
    List<Node> inner = sumOfSquares();
    inner.add(countedLoop(k, flag, List.of(apply(k, ElementwiseOp.ADD, k, intConst(1)))));
    assertTrue(fusion(inner).isEmpty());
  }

  @Test
  void anArrayCopyInThePassDoesNotFuse() {
    // row = x: a second name for an array, whose reverse the fused pass does not write
    Value.Var row = new Value.Var("row", IrType.DOUBLE_ARRAY);
    List<Node> pass = sumOfSquares();
    pass.add(0, copy(row, x));
    assertTrue(fusion(pass).isEmpty());
    // a scalar copy there is straight-line code
    List<Node> scalar = sumOfSquares();
    scalar.add(0, copy(k, i));
    assertTrue(fusion(scalar).isPresent());
  }

  @Test
  void aStatementBetweenTheAdditionAndTheCarryDoesNotFuse() {
    // t = f + sq; k = i + 1; f = t: f = t does not follow the addition that defines t
    List<Node> pass = sumOfSquares();
    pass.add(3, apply(k, ElementwiseOp.ADD, i, intConst(1)));
    assertTrue(fusion(pass).isEmpty());
  }

  @Test
  void aPassReadingTheAccumulatorOrTheSumElsewhereDoesNotFuse() {
    // sq = xi * f: d sq/df = xi, the pass's adjoint of f is no longer the seed
    List<Node> readsResult = sumOfSquares();
    readsResult.set(1, apply(sq, ElementwiseOp.MULTIPLY, xi, f));
    assertTrue(fusion(readsResult).isEmpty());
    // g = t * 2 after f = t: t's adjoint gets a second share
    List<Node> readsSum = sumOfSquares();
    readsSum.add(apply(g, ElementwiseOp.MULTIPLY, t, doubleConst("2.0")));
    active.add(g);
    assertTrue(fusion(readsSum).isEmpty());
  }

  @Test
  void aValueTheReverseSweepReadsMustBeDefinedOnceInTheMethod() {
    // k = i + 1 in the pass and k = 0 before the loop: undone inside the forward loop, a pass would
    // see k as the forward sweep left it, which is the same only if k is defined once; that
    // matters only once the reverse sweep reads k
    List<Node> pass = sumOfSquares();
    pass.add(apply(k, ElementwiseOp.ADD, i, intConst(1)));
    Node before = copy(k, intConst(0));
    assertTrue(fusion(pass, before).isPresent(), "k unread by the reverse sweep");
    needed.add(k);
    assertTrue(fusion(pass, before).isEmpty());
  }

  @Test
  void aValueDefinedInBothArmsOfABranchIsDefinedOncePerPass() {
    // if (flag) sq = xi * xi; else sq = xi * 2: two definitions, one on each path
    List<Node> pass = sumOfSquares();
    pass.set(
        1,
        new Node.If(
            flag,
            List.of(load()),
            List.of(apply(sq, ElementwiseOp.MULTIPLY, xi, doubleConst("2.0"))),
            HERE));
    assertTrue(fusion(pass).isPresent());
    // ... but sq = xi * xi before the branch makes two on one path
    pass.add(1, load());
    assertTrue(fusion(pass).isEmpty());
  }

  @Test
  void aSecondDefinitionOfTheResultInThePassDoesNotFuse() {
    // if (flag) f = 0 after f = t: the result's adjoint no longer flows through the addition alone
    List<Node> pass = sumOfSquares();
    pass.add(new Node.If(flag, List.of(copy(f, doubleConst("0.0"))), List.of(), HERE));
    assertTrue(fusion(pass).isEmpty());
  }
}
