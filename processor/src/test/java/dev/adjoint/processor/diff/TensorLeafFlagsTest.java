package dev.adjoint.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run-time condition for a tensor contribution, from hand-built leaf dependencies. */
class TensorLeafFlagsTest {
  private static final Value.Var X = new Value.Var("x", IrType.TENSOR);
  private static final Value.Var W = new Value.Var("w", IrType.TENSOR);
  private static final Value.Var LEAF = new Value.Var("leaf", IrType.TENSOR);
  private static final Value.Var H = new Value.Var("h", IrType.TENSOR);
  private static final Value.Var T = new Value.Var("t", IrType.TENSOR);
  private static final Value.Var C = new Value.Var("c", IrType.TENSOR);

  private static TensorLeafFlags flags(Map<Value.Var, Set<Value.Var>> behind) {
    Map<Value.Var, String> flags = new LinkedHashMap<>();
    flags.put(X, "xNeedsGrad");
    flags.put(W, "wNeedsGrad");
    return new TensorLeafFlags(flags, new LeafDependencies(behind, Set.of(LEAF)));
  }

  @Test
  void aValueNeedsTheFlagsOfTheLeavesBehindIt() {
    TensorLeafFlags f = flags(Map.of(H, Set.of(X, W), T, Set.of(W), C, Set.of()));
    assertEquals("(xNeedsGrad || wNeedsGrad)", f.needsGradient(H).source());
    assertEquals("wNeedsGrad", f.needsGradient(T).source());
    assertEquals("false", f.needsGradient(C).source());
  }

  @Test
  void aPassLeafIsAskedWhereItIsReadAndWhatDependsOnOneIsAlwaysComputed() {
    TensorLeafFlags f = flags(Map.of(H, Set.of(X, LEAF)));
    assertEquals(
        "dev.adjoint.runtime.autograd.Adjoints.requiresGrad(leaf)", f.needsGradient(LEAF).source());
    assertEquals("true", f.needsGradient(H).source());
  }
}
