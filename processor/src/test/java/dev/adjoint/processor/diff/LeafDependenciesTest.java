package dev.adjoint.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which leaves each value depends on, on hand-built IR. */
class LeafDependenciesTest {
  private static final Origin HERE = new Origin("F.java", 1, 0);
  private final Value.Var w = new Value.Var("w", IrType.TENSOR);
  private final Value.Var b = new Value.Var("b", IrType.TENSOR);
  private final Value.Var h = new Value.Var("h", IrType.TENSOR);
  private final Value.Var t = new Value.Var("t", IrType.TENSOR);
  private final Value.Var u = new Value.Var("u", IrType.TENSOR);
  private final Value.Var go = new Value.Var("go", IrType.BOOLEAN);
  private final Value.Var n = new Value.Var("n", IrType.INT);

  private static Node apply(Value.Var target, ElementwiseOp op, Value x, Value y) {
    return new Node.Apply(target, op, List.of(x, y), "Math", HERE);
  }

  @Test
  void aValueDependsOnTheLeavesItIsComputedFrom() {
    List<Node> body =
        List.of(apply(t, ElementwiseOp.MULTIPLY, h, w), apply(u, ElementwiseOp.ADD, t, b));
    LeafDependencies deps = LeafDependencies.of(body, List.of(w, b));
    assertEquals(Set.of(w), deps.behind(t));
    assertEquals(List.of(w, b), List.copyOf(deps.behind(u)), "in the order the leaves came");
    assertEquals(Set.of(), deps.behind(h), "an input that is no leaf");
  }

  @Test
  void aLoopCarriesDependenciesAroundItsBackEdge() {
    // while (n < 3) { u = h + b; t = u; h = t * w }: u depends on w only through the back edge
    Node loop =
        new Node.While(
            List.of(
                new Node.Operate(
                    go, JavaOperator.LESS, List.of(n, new Value.Const("3", IrType.INT)), HERE)),
            go,
            List.of(
                apply(u, ElementwiseOp.ADD, h, b),
                new Node.Copy(t, u, HERE),
                apply(h, ElementwiseOp.MULTIPLY, t, w)),
            HERE);
    LeafDependencies deps = LeafDependencies.of(List.of(loop), List.of(w, b));
    assertEquals(Set.of(w, b), deps.behind(u));
    assertEquals(Set.of(w, b), deps.behind(h));
  }
}
