package dev.adjoint.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.adjoint.runtime.nn.Functional;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link TensorOp#makesNewTensor} against what the runtime does: the processor releases a tensor
 * after the reverse step of its last reader when every reader makes a new tensor, so an operation
 * that claims to but returns a view (or its operand) would free memory a live tensor still reads.
 * Each operation is run once on the tape, with the node it records checked, so the sample really is
 * that operation.
 */
class TensorOpResultsTest {
  private static final Generator RANDOM = new Generator(7);

  /** An operation's sample: its operands, and the call that applies it to them. */
  private record Sample(List<Tensor> operands, Function<List<Tensor>, Tensor> apply) {}

  private static Tensor leaf(int... shape) {
    return Tensor.randn(RANDOM, DType.FLOAT64, shape).requiresGrad(true);
  }

  private static Sample of(Function<List<Tensor>, Tensor> apply, Tensor... operands) {
    return new Sample(List.of(operands), apply);
  }

  private static Map<TensorOp, Sample> samples() {
    Map<TensorOp, Sample> s = new EnumMap<>(TensorOp.class);
    Tensor mask = Tensor.rand(RANDOM, DType.FLOAT64, 2, 3).gt(Tensor.of(0.5));
    s.put(TensorOp.MATMUL, of(t -> t.get(0).matmul(t.get(1)), leaf(2, 3), leaf(3, 4)));
    s.put(TensorOp.SUM, of(t -> t.get(0).sum(1), leaf(2, 3)));
    s.put(TensorOp.MEAN, of(t -> t.get(0).mean(1), leaf(2, 3)));
    s.put(TensorOp.AMAX, of(t -> t.get(0).max(new int[] {1}, false), leaf(2, 3)));
    s.put(TensorOp.RESHAPE, of(t -> t.get(0).reshape(3, 2), leaf(2, 3)));
    s.put(TensorOp.TRANSPOSE, of(t -> t.get(0).t(), leaf(2, 3)));
    s.put(TensorOp.PERMUTE, of(t -> t.get(0).permute(1, 0), leaf(2, 3)));
    s.put(TensorOp.NARROW, of(t -> t.get(0).narrow(1, 1, 2), leaf(2, 3)));
    s.put(TensorOp.SELECT, of(t -> t.get(0).select(0, 1), leaf(2, 3)));
    s.put(TensorOp.SQUEEZE, of(t -> t.get(0).squeeze(1), leaf(2, 1, 3)));
    s.put(TensorOp.UNSQUEEZE, of(t -> t.get(0).unsqueeze(0), leaf(2, 3)));
    s.put(TensorOp.EXPAND, of(t -> t.get(0).expand(4, 3), leaf(1, 3)));
    s.put(TensorOp.CONTIGUOUS, of(t -> t.get(0).t().contiguous(), leaf(2, 3)));
    s.put(TensorOp.TO_DTYPE, of(t -> t.get(0).to(DType.FLOAT32), leaf(2, 3)));
    s.put(TensorOp.CAT, of(t -> Tensor.cat(t, 0), leaf(2, 3), leaf(1, 3)));
    Tensor index = Tensor.ofLongs(2, 0);
    s.put(TensorOp.INDEX_SELECT, of(t -> t.get(0).indexSelect(1, index), leaf(2, 3)));
    Tensor gatherIndex = Tensor.ofLongs(0, 2, 1, 1).reshape(2, 2);
    s.put(TensorOp.GATHER, of(t -> t.get(0).gather(1, gatherIndex), leaf(2, 3)));
    s.put(TensorOp.WHERE, of(t -> Tensor.where(mask, t.get(0), t.get(1)), leaf(2, 3), leaf(2, 3)));
    s.put(TensorOp.MASKED_FILL, of(t -> t.get(0).maskedFill(mask, 0.0), leaf(2, 3)));
    s.put(TensorOp.CLAMP, of(t -> t.get(0).clamp(-0.5, 0.5), leaf(2, 3)));
    s.put(TensorOp.SOFTMAX, of(t -> t.get(0).softmax(1), leaf(2, 3)));
    s.put(TensorOp.LOG_SOFTMAX, of(t -> t.get(0).logSoftmax(1), leaf(2, 3)));
    s.put(TensorOp.SIGMOID, of(t -> t.get(0).sigmoid(), leaf(2, 3)));
    s.put(TensorOp.RELU, of(t -> t.get(0).relu(), leaf(2, 3)));
    s.put(TensorOp.SOFTPLUS, of(t -> t.get(0).softplus(), leaf(2, 3)));
    s.put(TensorOp.MSE_LOSS, of(t -> Losses.mse(t.get(0), t.get(1)), leaf(2, 3), leaf(2, 3)));
    Tensor targets = Tensor.rand(RANDOM, DType.FLOAT64, 2, 3);
    s.put(
        TensorOp.BCE_WITH_LOGITS,
        of(t -> Losses.binaryCrossEntropyWithLogits(t.get(0), targets), leaf(2, 3)));
    Tensor classes = Tensor.ofLongs(2, 0);
    s.put(TensorOp.NLL_LOSS, of(t -> Losses.nll(t.get(0).logSoftmax(1), classes), leaf(2, 3)));
    s.put(
        TensorOp.CONV2D,
        of(t -> Functional.conv2d(t.get(0), t.get(1), null), leaf(1, 2, 5, 5), leaf(3, 2, 3, 3)));
    s.put(TensorOp.MAX_POOL2D, of(t -> Functional.maxPool2d(t.get(0), 2, 2, 0), leaf(1, 2, 4, 4)));
    s.put(TensorOp.AVG_POOL2D, of(t -> Functional.avgPool2d(t.get(0), 2, 2, 0), leaf(1, 2, 4, 4)));
    s.put(
        TensorOp.ADAPTIVE_AVG_POOL2D,
        of(t -> Functional.adaptiveAvgPool2d(t.get(0), 2, 2), leaf(1, 2, 4, 4)));
    s.put(
        TensorOp.BATCH_NORM,
        of(
            t -> Functional.batchNorm(t.get(0), null, null, t.get(1), t.get(2), true, 0.1, 1e-5),
            leaf(2, 3, 2, 2),
            leaf(3),
            leaf(3)));
    s.put(
        TensorOp.DROPOUT,
        of(t -> Functional.dropout(t.get(0), 0.5, true, new Generator(3)), leaf(2, 3)));
    return s;
  }

  @Test
  void everyOperationThatClaimsANewTensorMakesOne() {
    Map<TensorOp, Sample> samples = samples();
    assertEquals(
        List.of(TensorOp.values()), List.copyOf(samples.keySet()), "every operation has a sample");
    for (Map.Entry<TensorOp, Sample> e : samples.entrySet()) {
      TensorOp op = e.getKey();
      Sample sample = e.getValue();
      Tensor result = sample.apply().apply(sample.operands());
      assertEquals(op.gradFnName(), result.gradFn().name(), op + ": the sample records " + op);
      if (op.makesNewTensor()) {
        for (Tensor operand : sample.operands()) {
          assertNotSame(operand.storage(), result.storage(), op + " claims a new tensor");
        }
      }
    }
  }

  @Test
  void theViewsAndConversionsCanReturnTheirOperandsStorage() {
    // the operations that do not claim a new tensor really can alias, so the claim is not merely
    // cautious: a reshape, a transposition, ... share storage, and a conversion with nothing to do
    // returns its operand
    Tensor x = leaf(2, 3);
    assertSame(x.storage(), x.reshape(3, 2).storage());
    assertSame(x.storage(), x.t().storage());
    assertSame(x.storage(), x.permute(1, 0).storage());
    assertSame(x.storage(), x.narrow(1, 1, 2).storage());
    assertSame(x.storage(), x.select(0, 1).storage());
    assertSame(x.storage(), x.unsqueeze(0).storage());
    Tensor column = leaf(2, 1, 3);
    assertSame(column.storage(), column.squeeze().storage());
    Tensor row = leaf(1, 3);
    assertSame(row.storage(), row.expand(4, 3).storage());
    assertSame(x.storage(), x.contiguous().storage());
    assertSame(x.storage(), x.to(DType.FLOAT64).storage());
  }
}
