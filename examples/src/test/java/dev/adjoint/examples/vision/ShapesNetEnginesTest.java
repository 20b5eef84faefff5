package dev.adjoint.examples.vision;

import static dev.adjoint.examples.vision.ModelAgreement.buffersEqual;
import static dev.adjoint.examples.vision.ModelAgreement.gradientsAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The small CNN's generated adjoint ({@code ShapesNetGrad.lossBackward}) against the tape, in
 * float64: the loss, every parameter's gradient (relative 1e-9), and the batch norms' running
 * statistics and call counts, which both engines update once per call, bit for bit alike.
 */
class ShapesNetEnginesTest {
  private static final double TOLERANCE = 1e-9;

  private static ShapesNet model() {
    return new ShapesNet(RenderedShapes.CLASSES.length, DType.FLOAT64, new Generator(41));
  }

  private static final RenderedShapes.Batch DATA = RenderedShapes.generate(6, 5);

  private static Tensor images() {
    return DATA.images().to(DType.FLOAT64);
  }

  @Test
  void trainingStepAgreesWithTheTapeAndUpdatesRunningStatisticsOncePerCall() {
    ShapesNet onTape = model();
    ShapesNet written = model();
    Tensor before = written.bn1.runningMean().copy();
    for (int call = 1; call <= 2; call++) {
      onTape.zeroGrad();
      written.zeroGrad();
      Tensor tapeLoss = onTape.loss(images(), DATA.labels());
      tapeLoss.backward();
      Tensor loss = ShapesNetGrad.lossBackward(written, images(), DATA.labels());
      assertEquals(tapeLoss.item(), loss.item(), 1e-12 * Math.abs(tapeLoss.item()));
      gradientsAgree(written, onTape, TOLERANCE);
      buffersEqual(written, onTape);
      assertEquals(call, written.bn2.numBatchesTracked().item(), "one update per call");
    }
    assertFalse(written.bn1.runningMean().allClose(before, 0, 0), "the running mean moved");
  }

  @Test
  void evaluationUsesTheRunningStatisticsAndLeavesThemAlone() {
    ShapesNet onTape = model();
    ShapesNet written = model();
    // running statistics away from their initial 0 and 1, by one training step on each
    onTape.loss(images(), DATA.labels());
    ShapesNetGrad.lossBackward(written, images(), DATA.labels());
    onTape.zeroGrad();
    written.zeroGrad();
    onTape.eval();
    written.eval();
    Tensor tapeLoss = onTape.loss(images(), DATA.labels());
    tapeLoss.backward();
    Tensor loss = ShapesNetGrad.lossBackward(written, images(), DATA.labels());
    assertEquals(tapeLoss.item(), loss.item(), 1e-12 * Math.abs(tapeLoss.item()));
    gradientsAgree(written, onTape, TOLERANCE);
    buffersEqual(written, onTape);
    assertEquals(1, written.bn1.numBatchesTracked().item(), "no update in evaluation");
  }
}
