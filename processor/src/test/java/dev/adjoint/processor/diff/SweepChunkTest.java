package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.HandBuiltIr.apply;
import static dev.adjoint.processor.diff.HandBuiltIr.countedLoop;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleVar;
import static dev.adjoint.processor.diff.HandBuiltIr.increment;
import static dev.adjoint.processor.diff.HandBuiltIr.intVar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weights by which the sweeps are split into methods the JIT compiles, on hand-built IR. */
class SweepChunkTest {
  private final Value.Var x = doubleVar("x");
  private final Value.Var y = doubleVar("y");
  private final Value.Var i = intVar("i");
  private final Value.Var next = intVar("next");
  private final Value.Var test = new Value.Var("test", IrType.BOOLEAN);

  @Test
  void aStatementOutsideLoopsWeighsOneAndThreeWithChecksOfItsValue() {
    Node product = apply(y, ElementwiseOp.MULTIPLY, x, x);
    assertEquals(1, SweepChunk.weightOf(product, false));
    assertEquals(3, SweepChunk.weightOf(product, true));
  }

  @Test
  void checksAddNothingForIntegerAndBooleanValues() {
    Node counter = increment(i, next).get(0);
    assertEquals(1, SweepChunk.weightOf(counter, false));
    assertEquals(1, SweepChunk.weightOf(counter, true));
  }

  @Test
  void nodesInsideALoopWeighThreeAndChecksAddTwoPerFloatingValue() {
    List<Node> pass = new ArrayList<>();
    pass.add(apply(y, ElementwiseOp.MULTIPLY, x, x)); // floating: 3, checked 5
    pass.addAll(increment(i, next)); // integer: 3 each, checks add nothing
    Node loop = countedLoop(i, test, pass); // the loop 1, its condition (boolean) 3
    assertEquals(1 + 3 + 3 + 3 + 3, SweepChunk.weightOf(loop, false));
    assertEquals(1 + 3 + 5 + 3 + 3, SweepChunk.weightOf(loop, true));
  }
}
