package dev.adjoint.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Load reuse on hand-built IR: which second loads of an element are dropped, which are kept. */
class LoadReuseTest {
  private static final Origin HERE = new Origin("F.java", 1, 0);
  private final Value.Var x = new Value.Var("x", IrType.DOUBLE_ARRAY);
  private final Value.Var i = new Value.Var("i", IrType.INT);

  private IrFunction function(List<Node> body) {
    return new IrFunction(
        "f",
        "FGradient",
        List.of(new IrFunction.Parameter(x, true), new IrFunction.Parameter(i, false)),
        IrType.DOUBLE,
        Optional.empty(),
        body);
  }

  private static Value.Var v(String name) {
    return new Value.Var(name, IrType.DOUBLE);
  }

  private Node load(Value.Var target) {
    return new Node.ArrayLoad(target, x, i, HERE);
  }

  @Test
  void aSecondLoadOfTheSameElementReadsTheFirst() {
    Value.Var t1 = v("t1");
    Value.Var t2 = v("t2");
    Value.Var p = v("p");
    IrFunction reused =
        LoadReuse.apply(
            function(
                List.of(
                    load(t1),
                    load(t2),
                    new Node.Apply(p, ElementwiseOp.MULTIPLY, List.of(t1, t2), "Math", HERE),
                    new Node.Return(p, HERE))));
    assertEquals(3, reused.body().size());
    Node.Apply product = (Node.Apply) reused.body().get(1);
    assertEquals(List.of(t1, t1), product.args());
  }

  @Test
  void aStoreInBetweenKeepsTheSecondLoad() {
    Value.Var t1 = v("t1");
    Value.Var t2 = v("t2");
    Value.Var p = v("p");
    Value.Var y = new Value.Var("y", IrType.DOUBLE_ARRAY); // may alias x
    IrFunction function =
        function(
            List.of(
                load(t1),
                new Node.ArrayStore(y, i, t1, HERE),
                load(t2),
                new Node.Apply(p, ElementwiseOp.MULTIPLY, List.of(t1, t2), "Math", HERE),
                new Node.Return(p, HERE)));
    assertSame(function, LoadReuse.apply(function));
  }

  @Test
  void aNewIndexKeepsTheSecondLoad() {
    Value.Var t1 = v("t1");
    Value.Var t2 = v("t2");
    Value.Var p = v("p");
    IrFunction function =
        function(
            List.of(
                load(t1),
                new Node.Apply(
                    i,
                    ElementwiseOp.ADD,
                    List.of(i, new Value.Const("1", IrType.INT)),
                    "Math",
                    HERE),
                load(t2),
                new Node.Apply(p, ElementwiseOp.MULTIPLY, List.of(t1, t2), "Math", HERE),
                new Node.Return(p, HERE)));
    assertSame(function, LoadReuse.apply(function));
  }

  @Test
  void aLoadReadBeforeItsDefinitionInTheBlockIsKept() {
    // in a loop body, the read of t2 before its load sees the previous pass's value
    Value.Var t1 = v("t1");
    Value.Var t2 = v("t2");
    Value.Var p = v("p");
    List<Node> body =
        List.of(
            load(t1),
            new Node.Apply(p, ElementwiseOp.MULTIPLY, List.of(t1, t2), "Math", HERE),
            load(t2));
    IrFunction function =
        function(
            List.of(
                new Node.While(List.of(), new Value.Const("true", IrType.BOOLEAN), body, HERE),
                new Node.Return(p, HERE)));
    assertSame(function, LoadReuse.apply(function));
  }
}
