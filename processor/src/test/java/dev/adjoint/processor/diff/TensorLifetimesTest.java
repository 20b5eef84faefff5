package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.HandBuiltIr.HERE;
import static dev.adjoint.processor.diff.HandBuiltIr.concat;
import static dev.adjoint.processor.diff.HandBuiltIr.copy;
import static dev.adjoint.processor.diff.HandBuiltIr.countedLoop;
import static dev.adjoint.processor.diff.HandBuiltIr.function;
import static dev.adjoint.processor.diff.HandBuiltIr.increment;
import static dev.adjoint.processor.diff.HandBuiltIr.intVar;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.ir.CustomFunctionRef;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.RegisteredCallee;
import dev.adjoint.processor.ir.TensorPrimitive;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.TensorOp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whether a tensor operation's result is dead after its reverse step, on hand-built IR: {@code h =
 * x.matmul(w)} read only by operations that make new tensors is; returned, viewed, aliased, passed
 * to a call, or computed per pass of a loop or in one arm of a branch, it is not.
 */
class TensorLifetimesTest {
  private static final TensorPrimitive MATMUL =
      TensorPrimitive.tensor("Tensor.matmul", TensorOp.MATMUL, "{0}.matmul({1})", "");
  private static final TensorPrimitive RELU =
      TensorPrimitive.tensor("Tensor.relu", TensorOp.RELU, "{0}.relu()", "");
  private static final TensorPrimitive RESHAPE =
      TensorPrimitive.tensor("Tensor.reshape", TensorOp.RESHAPE, "{0}.reshape(-1)", "");
  private static final TensorPrimitive TRANSPOSE =
      TensorPrimitive.tensor("Tensor.transpose", TensorOp.TRANSPOSE, "{0}.transpose(0, 1)", "");
  private static final TensorPrimitive MUL =
      TensorPrimitive.elementwise("Tensor.mul", ElementwiseOp.MULTIPLY, "{0}.mul({1})");

  /** A layer without a bias hands its product through: the result may be the operand itself. */
  private static final TensorPrimitive MAYBE_BIAS =
      TensorPrimitive.elementwise("Linear.bias", ElementwiseOp.ADD, "addBias({0}, {1})", true);

  private final Value.Var x = tensor("x");
  private final Value.Var w = tensor("w");
  private final Value.Var h = tensor("h");
  private final Value.Var y = tensor("y");
  private final Value.Var z = tensor("z");
  private final Value.Var i = intVar("i");
  private final Value.Var next = intVar("next");
  private final Value.Var test = new Value.Var("test", IrType.BOOLEAN);
  private final Value.Var flag = new Value.Var("flag", IrType.BOOLEAN);
  private final Node.TensorApply product = op(h, MATMUL, x, w);

  private static Value.Var tensor(String name) {
    return new Value.Var(name, IrType.TENSOR);
  }

  private static Node.TensorApply op(Value.Var target, TensorPrimitive primitive, Value... args) {
    return new Node.TensorApply(target, primitive, List.of(args), List.of(), HERE);
  }

  /** {@code h = x.matmul(w); rest; return y}: whether h is dead after the product's step. */
  private boolean productDead(Node... rest) {
    List<Node> body = concat(List.of(product), List.of(rest), List.of(new Node.Return(y, HERE)));
    return TensorLifetimes.resultDeadAfterItsStep(function(IrType.TENSOR, body), product);
  }

  @Test
  void aResultReadOnlyByOperationsMakingNewTensorsIsDead() {
    // relu and mul make new tensors: their steps, which read h, run before the product's
    assertTrue(productDead(op(z, RELU, h), op(y, MUL, z, h)));
  }

  @Test
  void aReturnedResultIsNotDead() {
    List<Node> body = List.of(product, new Node.Return(h, HERE));
    assertFalse(TensorLifetimes.resultDeadAfterItsStep(function(IrType.TENSOR, body), product));
  }

  @Test
  void aViewedResultIsNotDead() {
    // z shares h's elements: writing over h would change z, which outlives the product's step
    assertFalse(productDead(op(z, RESHAPE, h), op(y, RELU, z)));
    assertFalse(productDead(op(z, TRANSPOSE, h), op(y, RELU, z)));
  }

  @Test
  void aResultAReaderMayHandThroughIsNotDead() {
    // y = addBias(h, w) may be h itself, and y is returned
    assertFalse(productDead(op(y, MAYBE_BIAS, h, w)));
  }

  @Test
  void aResultReadByACustomFunctionIsNotDead() {
    // the user's forward may hand its operand through, or a view of it
    CustomFunctionRef square = new CustomFunctionRef("SQUARE", "Square", List.of(true), false);
    TensorPrimitive custom = TensorPrimitive.custom("Square.apply", square, "SQUARE.apply({0})");
    assertFalse(productDead(op(y, custom, h)));
  }

  @Test
  void anAliasedOrDetachedResultIsNotDead() {
    assertFalse(productDead(copy(z, h), op(y, RELU, z)));
    assertFalse(productDead(new Node.Detach(z, h, HERE), op(y, MUL, z, h)));
  }

  @Test
  void aResultPassedToACallIsNotDead() {
    // the called method may keep h (in its tape, in a field) past the product's step
    RegisteredCallee registered =
        new RegisteredCallee(
            ClassName.get("demo", "Layers"),
            "norm",
            IrType.TENSOR,
            List.of(new RegisteredCallee.Parameter("t", IrType.TENSOR, Optional.empty())));
    assertFalse(productDead(new Node.CallWithDerivative(y, registered, List.of(h), HERE)));
    DifferentiableCallee differentiable =
        new DifferentiableCallee(
            ClassName.get("demo", "LayersGrad"),
            "block",
            "BlockGradient",
            List.of(new DifferentiableCallee.Parameter("t", IrType.TENSOR, true)),
            IrType.TENSOR);
    Value.Var record = new Value.Var("blockResult", IrType.OBJECT);
    assertFalse(
        productDead(
            new Node.CallDifferentiable(y, record, differentiable, false, List.of(h), HERE)));
  }

  @Test
  void aResultComputedInALoopOrABranchIsNotDead() {
    // per pass a new h, each kept on the tape for its pass's step
    Node.While loop = countedLoop(i, test, concat(List.of(product), increment(i, next)));
    List<Node> inLoop = List.of(loop, op(y, RELU, x), new Node.Return(y, HERE));
    assertFalse(TensorLifetimes.resultDeadAfterItsStep(function(IrType.TENSOR, inLoop), product));
    Node branch = new Node.If(flag, List.of(product), List.of(), HERE);
    List<Node> inBranch = List.of(branch, op(y, RELU, x), new Node.Return(y, HERE));
    assertFalse(TensorLifetimes.resultDeadAfterItsStep(function(IrType.TENSOR, inBranch), product));
  }

  @Test
  void aResultReadInALoopIsDeadOnlyIfEveryReaderThereMakesANewTensor() {
    // the loop's reverse passes all run before the product's step, the sweep being in reverse
    Node relu = op(z, RELU, h);
    Node.While reads = countedLoop(i, test, concat(List.of(relu), increment(i, next)));
    assertTrue(productDead(reads, op(y, RELU, x)));
    // a copy in the loop makes an alias that the loop carries out of it
    Node.While aliases = countedLoop(i, test, concat(List.of(copy(z, h)), increment(i, next)));
    assertFalse(productDead(aliases, op(y, RELU, z)));
  }

  @Test
  void aResultRedefinedElsewhereIsNotDead() {
    // if (flag) h = x.relu(): which h the step sees is known only when it runs
    Node redefined = new Node.If(flag, List.of(op(h, RELU, x)), List.of(), HERE);
    assertFalse(productDead(redefined, op(y, RELU, h)));
    assertTrue(productDead(op(y, RELU, h)), "without the branch, h is dead");
  }
}
