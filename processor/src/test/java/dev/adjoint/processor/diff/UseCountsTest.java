package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.HandBuiltIr.HERE;
import static dev.adjoint.processor.diff.HandBuiltIr.apply;
import static dev.adjoint.processor.diff.HandBuiltIr.concat;
import static dev.adjoint.processor.diff.HandBuiltIr.copy;
import static dev.adjoint.processor.diff.HandBuiltIr.countedLoop;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleConst;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleVar;
import static dev.adjoint.processor.diff.HandBuiltIr.increment;
import static dev.adjoint.processor.diff.HandBuiltIr.intVar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Def-use counts on hand-built IR: nested blocks, operand positions, call results. */
class UseCountsTest {
  private final Value.Var x = doubleVar("x");
  private final Value.Var y = doubleVar("y");
  private final Value.Var s = doubleVar("s");
  private final Value.Var i = intVar("i");
  private final Value.Var next = intVar("next");
  private final Value.Var test = new Value.Var("test", IrType.BOOLEAN);
  private final Value.Var flag = new Value.Var("flag", IrType.BOOLEAN);
  private final Value.Var xs = new Value.Var("xs", IrType.DOUBLE_ARRAY);

  @Test
  void eachOperandPositionIsOneReadAndConstantsAreNone() {
    // y = x * x; s = y + 2.0; return s
    List<Node> body =
        List.of(
            apply(y, ElementwiseOp.MULTIPLY, x, x),
            apply(s, ElementwiseOp.ADD, y, doubleConst("2.0")),
            new Node.Return(s, HERE));
    UseCounts uses = UseCounts.of(body);
    assertEquals(2, uses.readsOf(x));
    assertEquals(1, uses.readsOf(y));
    assertEquals(1, uses.readsOf(s), "the return reads s");
    assertEquals(0, uses.definitionsOf(x), "a parameter is defined by no statement");
    assertEquals(1, uses.definitionsOf(y));
    assertEquals(Map.of(x, 2, y, 1, s, 1), uses.reads(), "no entry for the constant 2.0");
  }

  @Test
  void blocksInsideBranchesAndLoopsCountAndTheirConditionsAreReads() {
    // if (flag) s = x; else s = y;  while (i < 9) { xs[i] = s; next = i + 1; i = next }
    Node branch = new Node.If(flag, List.of(copy(s, x)), List.of(copy(s, y)), HERE);
    Node.While loop =
        countedLoop(
            i, test, concat(List.of(new Node.ArrayStore(xs, i, s, HERE)), increment(i, next)));
    UseCounts uses = UseCounts.of(List.of(branch, loop));
    assertEquals(2, uses.definitionsOf(s), "one definition in each arm");
    assertEquals(1, uses.readsOf(flag), "the branch's condition");
    assertEquals(1, uses.readsOf(x), "read in the then arm");
    assertEquals(1, uses.readsOf(y), "read in the else arm");
    assertEquals(1, uses.readsOf(test), "the loop reads its test; nothing else does");
    // i < 9, xs[i], i + 1: three reads; i = next one definition
    assertEquals(3, uses.readsOf(i));
    assertEquals(1, uses.definitionsOf(i));
    assertEquals(1, uses.definitionsOf(test), "the condition's statements count too");
    assertEquals(1, uses.readsOf(xs), "a store reads the array it writes into");
  }

  @Test
  void aCallOfADifferentiableMethodAlsoDefinesItsResultRecord() {
    DifferentiableCallee callee =
        new DifferentiableCallee(
            ClassName.get("demo", "FGrad"),
            "g",
            "GGradient",
            List.of(new DifferentiableCallee.Parameter("u", IrType.DOUBLE, true)),
            IrType.DOUBLE);
    Value.Var record = new Value.Var("gResult", IrType.OBJECT);
    Node call = new Node.CallDifferentiable(y, record, callee, false, List.of(x), HERE);
    Map<Value.Var, Integer> definitions = new HashMap<>();
    UseCounts.countDefinitions(call, definitions);
    assertEquals(Map.of(y, 1, record, 1), definitions);
  }

  @Test
  void definedOnceInLooksAtTheConditionAndTheBody() {
    Node.While loop =
        countedLoop(
            i, test, concat(List.of(apply(s, ElementwiseOp.ADD, s, x)), increment(i, next)));
    assertTrue(UseCounts.definedOnceIn(loop, s));
    assertTrue(UseCounts.definedOnceIn(loop, test), "test = i < 9 in the condition");
    assertFalse(UseCounts.definedOnceIn(loop, x), "x is not defined in the loop");
    // s = s + x; s = s * x: twice
    Node.While twice =
        countedLoop(
            i,
            test,
            concat(
                List.of(apply(s, ElementwiseOp.ADD, s, x), apply(s, ElementwiseOp.MULTIPLY, s, x)),
                increment(i, next)));
    assertFalse(UseCounts.definedOnceIn(twice, s));
    // while (s < 9) with s = s + 1 in the condition and s = s + x in the body: twice
    Node.While inCondition =
        new Node.While(
            List.of(
                apply(s, ElementwiseOp.ADD, s, doubleConst("1.0")),
                HandBuiltIr.less(test, s, doubleConst("9.0"))),
            test,
            List.of(apply(s, ElementwiseOp.ADD, s, x)),
            HERE);
    assertFalse(UseCounts.definedOnceIn(inCondition, s));
  }
}
