package dev.adjoint.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a loop's reverse passes recompute, on hand-built IR. */
class RecomputationTest {
  private static final Origin HERE = new Origin("F.java", 1, 0);
  private final Value.Var x = new Value.Var("x", IrType.DOUBLE_ARRAY);
  private final Value.Var i = new Value.Var("i", IrType.INT);
  private final Value.Var xi = new Value.Var("xi", IrType.DOUBLE);
  private final Value.Var sq = new Value.Var("sq", IrType.DOUBLE);
  private final Value.Var f = new Value.Var("f", IrType.DOUBLE);
  private final Value.Var next = new Value.Var("next", IrType.INT);
  private final Value.Var test = new Value.Var("test", IrType.BOOLEAN);

  // while (i < n) { xi = x[i]; sq = xi * xi; f = f + sq; next = i + 1; i = next; }
  private Node.While loop() {
    return new Node.While(
        List.of(
            new Node.Operate(
                test, JavaOperator.LESS, List.of(i, new Value.Const("9", IrType.INT)), HERE)),
        test,
        List.of(
            new Node.ArrayLoad(xi, x, i, HERE),
            new Node.Apply(sq, ElementwiseOp.MULTIPLY, List.of(xi, xi), "Math", HERE),
            new Node.Apply(f, ElementwiseOp.ADD, List.of(f, sq), "Math", HERE),
            new Node.Apply(
                next,
                ElementwiseOp.ADD,
                List.of(i, new Value.Const("1", IrType.INT)),
                "Math",
                HERE),
            new Node.Copy(i, next, HERE)),
        HERE);
  }

  private static Map<Value.Var, Integer> once(Value.Var... vars) {
    Map<Value.Var, Integer> counts = new HashMap<>();
    for (Value.Var v : vars) {
      counts.put(v, 1);
    }
    return counts;
  }

  private static Recomputation.Plan plan(
      Node.While loop,
      Set<Value.Var> needed,
      Set<Value.Var> writtenArrays,
      Map<Value.Var, Integer> definitions) {
    // no statement's reverse reads its own result (true of +, * and copies)
    return Recomputation.plan(loop, needed, writtenArrays, definitions, n -> false, Set.of());
  }

  @Test
  void valuesComputedFromUnchangedDataAndTheCounterAreRecomputed() {
    Recomputation.Plan plan = plan(loop(), Set.of(xi), Set.of(), once(xi, sq, next));
    assertEquals(3, plan.suffixStart()); // next = i + 1; i = next
    assertEquals(Set.of(xi), plan.recomputed());
    assertEquals(1, plan.block().size());
  }

  @Test
  void aCarriedValueIsNeverRecomputed() {
    // f is read before its definition in the body: it carries a value between passes
    Recomputation.Plan plan = plan(loop(), Set.of(f), Set.of(), once(f));
    assertTrue(plan.recomputed().isEmpty());
  }

  @Test
  void aWrittenArrayOrAValueDefinedElsewhereIsStoredInstead() {
    assertTrue(plan(loop(), Set.of(xi), Set.of(x), once(xi)).recomputed().isEmpty());
    Map<Value.Var, Integer> twice = once(xi);
    twice.put(xi, 2);
    assertTrue(plan(loop(), Set.of(xi), Set.of(), twice).recomputed().isEmpty());
  }
}
