package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.HandBuiltIr.HERE;
import static dev.adjoint.processor.diff.HandBuiltIr.apply;
import static dev.adjoint.processor.diff.HandBuiltIr.concat;
import static dev.adjoint.processor.diff.HandBuiltIr.copy;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleConst;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleVar;
import static dev.adjoint.processor.diff.HandBuiltIr.increment;
import static dev.adjoint.processor.diff.HandBuiltIr.intConst;
import static dev.adjoint.processor.diff.HandBuiltIr.intVar;
import static dev.adjoint.processor.diff.HandBuiltIr.less;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A loop's test as one expression, on hand-built IR: {@code n = x.length; m = n - 1; test = i < m}
 * is {@code i < x.length - 1}; a statement of the condition whose value something else reads, that
 * the reverse sweep needs, that is active, or that the test does not read, keeps the statements.
 */
class InlineLoopTestTest {
  private final Value.Var x = new Value.Var("x", IrType.DOUBLE_ARRAY);
  private final Value.Var n = intVar("n");
  private final Value.Var m = intVar("m");
  private final Value.Var i = intVar("i");
  private final Value.Var next = intVar("next");
  private final Value.Var last = intVar("last");
  private final Value.Var f = doubleVar("f");
  private final Value.Var h = doubleVar("h");
  private final Value.Var xi = doubleVar("xi");
  private final Value.Var test = new Value.Var("test", IrType.BOOLEAN);
  private final Value.Var done = new Value.Var("done", IrType.BOOLEAN);

  /** {@code n = x.length; m = n - 1; test = i < m}. */
  private List<Node> belowLastIndex() {
    return List.of(
        new Node.ArrayLength(n, x, HERE),
        apply(m, ElementwiseOp.SUBTRACT, n, intConst(1)),
        less(test, i, m));
  }

  /** The test of {@code while (condition) { pass; i++ }} in a method that is only that loop. */
  private static Optional<JavaExpr> test(
      List<Node> condition,
      Value test,
      List<Node> pass,
      Activity activity,
      Set<Value.Var> needed,
      Value.Var i,
      Value.Var next) {
    Node.While loop = new Node.While(condition, test, concat(pass, increment(i, next)), HERE);
    return InlineLoopTest.find(loop, UseCounts.of(List.of(loop)), activity, needed);
  }

  private Optional<JavaExpr> test(List<Node> condition, List<Node> pass, Set<Value.Var> needed) {
    return test(condition, test, pass, new Activity(Set.of()), needed, i, next);
  }

  @Test
  void aConditionComputingOnlyTheTestIsWrittenAsTheSourceWroteIt() {
    assertEquals(
        "i < x.length - 1", test(belowLastIndex(), List.of(), Set.of()).orElseThrow().text());
    // while (!done): a prefix operator
    Node not = new Node.Operate(test, JavaOperator.NOT, List.of(done), HERE);
    assertEquals("!done", test(List.of(not), List.of(), Set.of()).orElseThrow().text());
  }

  @Test
  void aConditionValueReadElsewhereStaysAStatement() {
    // last = m in the body reads m a second time: inlining would compute it twice, or not at all
    assertTrue(test(belowLastIndex(), List.of(copy(last, m)), Set.of()).isEmpty());
  }

  @Test
  void aConditionValueTheReverseSweepNeedsStaysAStatement() {
    assertTrue(test(belowLastIndex(), List.of(), Set.of(n)).isEmpty());
  }

  @Test
  void anActiveConditionValueStaysAStatement() {
    // h = f * 2.0; test = h < 9.0: fine while f does not depend on an input, not once it does
    List<Node> condition =
        List.of(
            apply(h, ElementwiseOp.MULTIPLY, f, doubleConst("2.0")),
            less(test, h, doubleConst("9.0")));
    assertEquals(
        "f * 2.0 < 9.0",
        test(condition, test, List.of(), new Activity(Set.of()), Set.of(), i, next)
            .orElseThrow()
            .text());
    assertTrue(
        test(condition, test, List.of(), new Activity(Set.of(f, h)), Set.of(), i, next).isEmpty());
  }

  @Test
  void aConditionValueTheTestDoesNotReadStaysAStatement() {
    // n = x.length; test = i < 9, and xi = x[n] in the body reads n: n is no part of the test
    List<Node> condition = List.of(new Node.ArrayLength(n, x, HERE), less(test, i, intConst(9)));
    List<Node> readsN = List.of(new Node.ArrayLoad(xi, x, n, HERE));
    assertTrue(test(condition, readsN, Set.of()).isEmpty());
  }

  @Test
  void aStatementTheFormDoesNotCoverStaysAStatement() {
    // xi = x[i]; test = xi < 0.0: an array read could throw, and its value is no operator's
    List<Node> condition =
        List.of(new Node.ArrayLoad(xi, x, i, HERE), less(test, xi, doubleConst("0.0")));
    assertTrue(test(condition, List.of(), Set.of()).isEmpty());
  }

  @Test
  void aConstantTestOrAnEmptyConditionHasNothingToInline() {
    // while (true), and while (done) with done computed before the loop
    Value always = new Value.Const("true", IrType.BOOLEAN);
    Activity none = new Activity(Set.of());
    assertTrue(test(List.of(), always, List.of(), none, Set.of(), i, next).isEmpty());
    assertTrue(test(List.of(), done, List.of(), none, Set.of(), i, next).isEmpty());
  }
}
