package dev.adjoint.examples.tensors;

import static dev.adjoint.examples.tensors.EngineAgreement.agree;
import static dev.adjoint.examples.tensors.EngineAgreement.compareEngines;
import static dev.adjoint.examples.tensors.EngineAgreement.data;
import static dev.adjoint.examples.tensors.EngineAgreement.trainable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.tensors.EngineAgreement.Input;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every tensor method of the examples through both engines, in float64 ({@link EngineAgreement}):
 * the tape and the generated {@code ...Backward} method give the same value and gradients, and the
 * tape agrees with central differences.
 */
class TensorEnginesTest {
  private static final Generator GEN = new Generator(2026);

  private static Input grad(int... shape) {
    return trainable(Tensor.randn(GEN, DType.FLOAT64, shape));
  }

  @Test
  void referenceR2VectorJacobianProduct() {
    Tensor a = Tensor.fromArray(DType.FLOAT64, new double[] {2, 3}, 2);
    Tensor b = Tensor.fromArray(DType.FLOAT64, new double[] {6, 4}, 2);
    Tensor seed = Tensor.ones(DType.FLOAT64, 2);
    agree(
        "q",
        x -> TensorModels.q(x.get(0), x.get(1)),
        (x, s) -> TensorModelsGrad.qBackward(x.get(0), x.get(1), s),
        seed,
        new Input(a, true),
        new Input(b, true));
    // and the numbers PyTorch printed: a.grad = 9a² = [36, 81], b.grad = -2b = [-12, -8]
    Tensor ga = a.copy().requiresGrad(true);
    Tensor gb = b.copy().requiresGrad(true);
    TensorModelsGrad.qBackward(ga, gb, seed);
    assertTrue(ga.grad().allClose(new double[] {36, 81}, 0));
    assertTrue(gb.grad().allClose(new double[] {-12, -8}, 0));
  }

  @Test
  void aVectorResultNeedsASeedOfItsShape() {
    Tensor a = Tensor.of(2, 3).requiresGrad(true);
    Tensor b = Tensor.of(6, 4).requiresGrad(true);
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> TensorModelsGrad.qBackward(a, b));
    assertTrue(none.getMessage().contains("one-element"), none.getMessage());
    IllegalArgumentException wrong =
        assertThrows(
            IllegalArgumentException.class, () -> TensorModelsGrad.qBackward(a, b, Tensor.ones(3)));
    assertTrue(wrong.getMessage().contains("[3]"), wrong.getMessage());
  }

  @Test
  void referenceR3SeedLayer() {
    agree(
        "seedLayer",
        x -> TensorModels.seedLayer(x.get(0), x.get(1), x.get(2), x.get(3)),
        (x, s) -> TensorModelsGrad.seedLayerBackward(x.get(0), x.get(1), x.get(2), x.get(3), s),
        null,
        data(Tensor.ones(DType.FLOAT64, 5)),
        grad(5, 3),
        grad(3),
        data(Tensor.zeros(DType.FLOAT64, 3)));
  }

  @Test
  void referenceR4TemperatureGradientAtTheStart() {
    double[] tC = {0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0};
    double[] tU = {35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4};
    Tensor w = Tensor.scalar(1.0).requiresGrad(true);
    Tensor b = Tensor.scalar(0.0).requiresGrad(true);
    TensorModelsGrad.temperatureBackward(w, b, Tensor.of(tU), Tensor.of(tC));
    // REFERENCE.md R4: the gradient at [1, 0] with the unnormalised t_u
    assertEquals(4517.2969, w.grad().item(), 5e-4);
    assertEquals(82.6000, b.grad().item(), 5e-4);
    agree(
        "temperature",
        x -> TensorModels.temperature(x.get(0), x.get(1), x.get(2), x.get(3)),
        (x, s) -> TensorModelsGrad.temperatureBackward(x.get(0), x.get(1), x.get(2), x.get(3), s),
        null,
        grad(),
        grad(),
        data(Tensor.fromArray(DType.FLOAT64, tU, tU.length).mul(0.1)),
        data(Tensor.fromArray(DType.FLOAT64, tC, tC.length)));
  }

  @Test
  void referenceR5LineFit() {
    agree(
        "lineFit",
        x -> TensorModels.lineFit(x.get(0), x.get(1), x.get(2), x.get(3)),
        (x, s) -> TensorModelsGrad.lineFitBackward(x.get(0), x.get(1), x.get(2), x.get(3), s),
        null,
        grad(),
        grad(),
        data(Tensor.randn(GEN, DType.FLOAT64, 20)),
        data(Tensor.randn(GEN, DType.FLOAT64, 20)));
  }

  @Test
  void temporariesWrittenOverAgreeWithTheTape() {
    // odd sizes; the bias broadcasts over the batch, and ReLU sees both signs
    agree(
        "sharedRelu",
        x -> TensorModels.sharedRelu(x.get(0), x.get(1), x.get(2)),
        (x, s) -> TensorModelsGrad.sharedReluBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(7, 3),
        grad(3, 5),
        grad(5));
  }

  @Test
  void gradientsAccumulateAcrossCallsAsOnTheTape() {
    Tensor w = Tensor.randn(GEN, DType.FLOAT64, 5, 3).requiresGrad(true);
    Tensor b = Tensor.randn(GEN, DType.FLOAT64, 3).requiresGrad(true);
    Tensor x = Tensor.ones(DType.FLOAT64, 5);
    Tensor y = Tensor.zeros(DType.FLOAT64, 3);
    TensorModelsGrad.seedLayerBackward(x, w, b, y);
    Tensor once = w.grad().copy();
    TensorModelsGrad.seedLayerBackward(x, w, b, y);
    assertTrue(w.grad().allClose(once.mul(2), 1e-15, 0));
    // a leaf that does not require grad gets nothing, and costs nothing
    Tensor frozen = b.detach();
    TensorModelsGrad.seedLayerBackward(x, w, frozen, y);
    assertNull(frozen.grad());
    assertTrue(w.grad().allClose(once.mul(3), 1e-15, 0));
  }

  @Test
  void branchesOnItemFollowTheArmTaken() {
    for (double limit : new double[] {0.5, 1e6}) {
      agree(
          "clippedEnergy " + limit,
          v -> TensorCorpus.clippedEnergy(v.get(0), limit),
          (v, s) -> TensorCorpusGrad.clippedEnergyBackward(v.get(0), limit, s),
          null,
          grad(5));
    }
  }

  @Test
  void aNoGradScopeMakesItsResultsConstants() {
    Input x = grad(6);
    compareEngines(
        "normalisedByConstant",
        v -> TensorCorpus.normalisedByConstant(v.get(0)),
        (v, s) -> TensorCorpusGrad.normalisedByConstantBackward(v.get(0), s),
        null,
        x);
    Tensor leaf = x.value().copy().requiresGrad(true);
    TensorCorpusGrad.normalisedByConstantBackward(leaf);
    double norm = Math.sqrt(x.value().mul(x.value()).sum().item());
    assertTrue(leaf.grad().allClose(Tensor.full(DType.FLOAT64, 1 / norm, 6), 1e-15, 0));
  }

  @Test
  void gradientsThatAliasTheSeedOrEachOtherAreCopied() {
    // x + y: both adjoints are the seed itself, which the caller keeps
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 4).requiresGrad(true);
    Tensor y = Tensor.randn(GEN, DType.FLOAT64, 4).requiresGrad(true);
    Tensor seed = Tensor.randn(GEN, DType.FLOAT64, 4);
    Tensor expected = seed.copy();
    TensorCorpusGrad.plusBackward(x, y, seed);
    seed.addInPlace(Tensor.ones(DType.FLOAT64, 4));
    x.grad().addInPlace(Tensor.ones(DType.FLOAT64, 4));
    assertTrue(y.grad().allClose(expected, 0, 0), "y.grad " + y.grad());
    assertTrue(x.grad().allClose(expected.add(1), 0, 0), "x.grad " + x.grad());
    // a gradient the sweep computed alone is adopted; later calls accumulate into it in place
    Tensor w = Tensor.randn(GEN, DType.FLOAT64, 5, 3).requiresGrad(true);
    Tensor b = Tensor.randn(GEN, DType.FLOAT64, 3).requiresGrad(true);
    Tensor ones = Tensor.ones(DType.FLOAT64, 5);
    Tensor zeros = Tensor.zeros(DType.FLOAT64, 3);
    TensorModelsGrad.seedLayerBackward(ones, w, b, zeros);
    Tensor first = w.grad().copy();
    TensorModelsGrad.seedLayerBackward(ones, w, b, zeros);
    assertTrue(w.grad().allClose(first.mul(2), 1e-15, 0));
    assertTrue(b.grad().allClose(w.grad().select(0, 0), 1e-15, 0), "R3: rows of w.grad = b.grad");
  }

  @Test
  void modelClassAccumulatesIntoItsLayers() {
    Mlp onTape = new Mlp(6, 5, 4, new Generator(3));
    Mlp written = new Mlp(6, 5, 4, new Generator(3));
    List<Tensor> tapeParams = onTape.parameters();
    List<Tensor> params = written.parameters();
    Tensor x = Tensor.randn(GEN, DType.FLOAT32, 8, 6);
    Tensor labels = Tensor.ofLongs(0, 3, 1, 2, 3, 0, 1, 2);
    Tensor tapeLoss = onTape.loss(x, labels);
    tapeLoss.backward();
    Tensor loss = MlpGrad.lossBackward(written, x, labels);
    assertEquals(tapeLoss.item(), loss.item(), 0.0, "float32 loss, same operations");
    for (int i = 0; i < params.size(); i++) {
      assertTrue(
          params.get(i).grad().allClose(tapeParams.get(i).grad(), 1e-6, 1e-7),
          "parameter " + i + ": " + params.get(i).grad() + " vs " + tapeParams.get(i).grad());
    }
  }

  @Test
  void modelClassCallingItsOwnMethodAgreesWithTheTape() {
    TwoTowers onTape = new TwoTowers(5, 3, new Generator(11));
    TwoTowers written = new TwoTowers(5, 3, new Generator(11));
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 4, 5);
    Tensor target = Tensor.randn(GEN, DType.FLOAT64, 4, 3);
    gradientsAgree(
        onTape.loss(x, target),
        TwoTowersGrad.lossBackward(written, x, target),
        onTape.parameters(),
        written.parameters());
  }

  @Test
  void modelOfSubModelsAgreesWithTheTape() {
    Ensemble onTape = new Ensemble(5, 3, new Generator(12));
    Ensemble written = new Ensemble(5, 3, new Generator(12));
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 4, 5);
    Tensor target = Tensor.randn(GEN, DType.FLOAT64, 4, 3);
    assertEquals(13, written.parameters().size());
    gradientsAgree(
        onTape.loss(x, target),
        EnsembleGrad.lossBackward(written, x, target),
        onTape.parameters(),
        written.parameters());
  }

  /**
   * Runs the tape's backward from {@code tapeLoss} and compares, in float64 to 1e-9, the loss the
   * generated method returned and every parameter's {@code .grad()} with the tape's.
   */
  private static void gradientsAgree(
      Tensor tapeLoss, Tensor loss, List<Tensor> tapeParams, List<Tensor> params) {
    tapeLoss.backward();
    assertEquals(tapeLoss.item(), loss.item(), 1e-12);
    for (int i = 0; i < params.size(); i++) {
      assertTrue(
          params.get(i).grad().allClose(tapeParams.get(i).grad(), 1e-9, 1e-12),
          "parameter " + i + ": " + params.get(i).grad() + " vs " + tapeParams.get(i).grad());
    }
  }

  @Test
  void corpusLiftedToTensorsAgrees() {
    agree(
        "polynomial",
        x -> TensorCorpus.polynomial(x.get(0)),
        (x, s) -> TensorCorpusGrad.polynomialBackward(x.get(0), s),
        null,
        grad(7));
    agree(
        "product",
        x -> TensorCorpus.product(x.get(0), x.get(1)),
        (x, s) -> TensorCorpusGrad.productBackward(x.get(0), x.get(1), s),
        null,
        grad(6),
        new Input(Tensor.rand(GEN, DType.FLOAT64, 6).add(0.5), true));
    agree(
        "transcendental",
        x -> TensorCorpus.transcendental(x.get(0)),
        (x, s) -> TensorCorpusGrad.transcendentalBackward(x.get(0), s),
        null,
        new Input(Tensor.rand(GEN, DType.FLOAT64, 5), true));
    agree(
        "roots",
        x -> TensorCorpus.roots(x.get(0)),
        (x, s) -> TensorCorpusGrad.rootsBackward(x.get(0), s),
        null,
        grad(5));
    agree(
        "softplusOf",
        x -> TensorCorpus.softplusOf(x.get(0), x.get(1)),
        (x, s) -> TensorCorpusGrad.softplusOfBackward(x.get(0), x.get(1), s),
        null,
        grad(6),
        grad(6));
    agree(
        "maxAndClamp",
        x -> TensorCorpus.maxAndClamp(x.get(0), x.get(1)),
        (x, s) -> TensorCorpusGrad.maxAndClampBackward(x.get(0), x.get(1), s),
        null,
        grad(9),
        grad(9));
    agree(
        "expm1AndRsub",
        x -> TensorCorpus.expm1AndRsub(x.get(0)),
        (x, s) -> TensorCorpusGrad.expm1AndRsubBackward(x.get(0), s),
        null,
        grad(4));
    agree(
        "quadraticForm",
        x -> TensorCorpus.quadraticForm(x.get(0), x.get(1)),
        (x, s) -> TensorCorpusGrad.quadraticFormBackward(x.get(0), x.get(1), s),
        null,
        grad(4, 4),
        grad(4));
    agree(
        "rowSoftmax",
        x -> TensorCorpus.rowSoftmax(x.get(0)),
        (x, s) -> TensorCorpusGrad.rowSoftmaxBackward(x.get(0), s),
        null,
        grad(3, 5));
    agree(
        "reductions",
        x -> TensorCorpus.reductions(x.get(0)),
        (x, s) -> TensorCorpusGrad.reductionsBackward(x.get(0), s),
        null,
        grad(3, 4));
    agree(
        "views",
        x -> TensorCorpus.views(x.get(0)),
        (x, s) -> TensorCorpusGrad.viewsBackward(x.get(0), s),
        null,
        grad(3, 4));
    agree(
        "broadcasting",
        x -> TensorCorpus.broadcasting(x.get(0), x.get(1)),
        (x, s) -> TensorCorpusGrad.broadcastingBackward(x.get(0), x.get(1), s),
        null,
        grad(3, 4),
        grad(4));
    agree(
        "slices",
        x -> TensorCorpus.slices(x.get(0)),
        (x, s) -> TensorCorpusGrad.slicesBackward(x.get(0), s),
        null,
        grad(3, 4, 5));
    agree(
        "rankZero",
        x -> TensorCorpus.rankZero(x.get(0), x.get(1)),
        (x, s) -> TensorCorpusGrad.rankZeroBackward(x.get(0), x.get(1), s),
        null,
        grad(4),
        grad(4));
    // float32 arithmetic: finite differences in float64 are no reference, 2x (to float32's
    // precision) is
    Input doubles = grad(6);
    compareEngines(
        "singlePrecisionSquares",
        x -> TensorCorpus.singlePrecisionSquares(x.get(0)),
        (x, s) -> TensorCorpusGrad.singlePrecisionSquaresBackward(x.get(0), s),
        null,
        doubles);
    Tensor leaf = doubles.value().copy().requiresGrad(true);
    TensorCorpusGrad.singlePrecisionSquaresBackward(leaf);
    assertEquals(DType.FLOAT64, leaf.grad().dtype());
    assertTrue(leaf.grad().allClose(leaf.detach().mul(2), 1e-6, 1e-6), leaf.grad().toString());
    agree(
        "composed",
        x -> TensorCorpus.composed(x.get(0), x.get(1), x.get(2)),
        (x, s) -> TensorCorpusGrad.composedBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(5),
        grad(5),
        data(Tensor.randn(GEN, DType.FLOAT64, 5)));
    agree(
        "afterQuartering",
        x -> TensorCorpus.afterQuartering(x.get(0)),
        (x, s) -> TensorCorpusGrad.afterQuarteringBackward(x.get(0), s),
        null,
        grad(5));
    // rounds of [1.5, 1, 0.8] take the return after the callee's loop (sum < -1) twice, then the
    // one inside it twice; [1, -1, 0.3] falls through to the last return
    double[][] starts = {{1.5, 1.0, 0.8}, {1.0, -1.0, 0.3}};
    int[] roundsOf = {4, 1};
    for (int k = 0; k < starts.length; k++) {
      int rounds = roundsOf[k];
      agree(
          "callsEarlyReturns " + k,
          x -> TensorCorpus.callsEarlyReturns(x.get(0), rounds),
          (x, s) -> TensorCorpusGrad.callsEarlyReturnsBackward(x.get(0), rounds, s),
          null,
          new Input(Tensor.fromArray(DType.FLOAT64, starts[k], 3), true));
    }
    Tensor loopWeights = Tensor.randn(GEN, DType.FLOAT64, 4).mul(0.5);
    for (int times : new int[] {0, 1, 3}) {
      agree(
          "callsInALoop " + times,
          x -> TensorCorpus.callsInALoop(x.get(0), x.get(1), times),
          (x, s) -> TensorCorpusGrad.callsInALoopBackward(x.get(0), x.get(1), times, s),
          null,
          grad(4),
          data(loopWeights));
    }
    Tensor rows = Tensor.fromArray(DType.INT64, new double[] {2, 0, 2, 3, 2}, 5);
    Tensor picks = Tensor.fromArray(DType.INT64, new double[] {0, 2, 1, 1, 2, 0, 0, 0}, 4, 2);
    Tensor fillMask = Tensor.rand(GEN, DType.FLOAT64, 4, 3).gt(0.5);
    agree(
        "indexed",
        x -> TensorCorpus.indexed(x.get(0), x.get(1), x.get(2), x.get(3)),
        (x, s) -> TensorCorpusGrad.indexedBackward(x.get(0), x.get(1), x.get(2), x.get(3), s),
        null,
        grad(4, 3),
        data(rows),
        data(picks),
        data(fillMask));
    Tensor mask = Tensor.rand(GEN, DType.FLOAT64, 6).gt(0.5);
    agree(
        "chooseByMask",
        x -> TensorCorpus.chooseByMask(x.get(0), x.get(1), x.get(2)),
        (x, s) -> TensorCorpusGrad.chooseByMaskBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(6),
        grad(6),
        data(mask));
    for (boolean square : new boolean[] {true, false}) {
      agree(
          "branch " + square,
          x -> TensorCorpus.branch(x.get(0), square),
          (x, s) -> TensorCorpusGrad.branchBackward(x.get(0), square, s),
          null,
          grad(5));
    }
    for (int steps : new int[] {0, 1, 4}) {
      agree(
          "iterate " + steps,
          x -> TensorCorpus.iterate(x.get(0), x.get(1), steps),
          (x, s) -> TensorCorpusGrad.iterateBackward(x.get(0), x.get(1), steps, s),
          null,
          grad(5),
          grad(5));
    }
    // detach() stops the derivative by request, so finite differences (which see x² in full)
    // are no reference: d(x·c)/dx = c = x, on both engines
    Input x0 = grad(5);
    compareEngines(
        "detached",
        x -> TensorCorpus.detached(x.get(0)),
        (x, s) -> TensorCorpusGrad.detachedBackward(x.get(0), s),
        null,
        x0);
    Tensor x1 = x0.value().copy().requiresGrad(true);
    TensorCorpusGrad.detachedBackward(x1);
    assertTrue(x1.grad().allClose(x0.value(), 0, 0));
  }
}
