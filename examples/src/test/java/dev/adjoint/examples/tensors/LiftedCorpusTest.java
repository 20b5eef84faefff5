package dev.adjoint.examples.tensors;

import static dev.adjoint.examples.tensors.EngineAgreement.agree;
import static dev.adjoint.examples.tensors.EngineAgreement.compareEngines;
import static dev.adjoint.examples.tensors.EngineAgreement.data;
import static dev.adjoint.examples.tensors.EngineAgreement.trainable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.tensors.EngineAgreement.Input;
import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.tape.Tape;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link LiftedCorpus} through both engines in float64 ({@link EngineAgreement}): the generated
 * {@code ...Backward} agrees with the dynamic tape (relative 1e-9) and the tape with central
 * differences; plus seeds for larger results, leaves that do not require grad, accumulation across
 * calls, and the errors of a missing or misshapen seed.
 */
class LiftedCorpusTest {
  private static final Generator GEN = new Generator(505);

  /** Standard normal values that require grad. */
  private static Input grad(int... shape) {
    return trainable(Tensor.randn(GEN, DType.FLOAT64, shape));
  }

  /** Values uniform in [lo, lo + 1) that require grad (for logarithms, roots, divisors). */
  private static Input positive(double lo, int... shape) {
    return trainable(Tensor.rand(GEN, DType.FLOAT64, shape).add(lo));
  }

  private static Input mask(int... shape) {
    return data(Tensor.rand(GEN, DType.FLOAT64, shape).gt(0.5));
  }

  private static Input weights(int... shape) {
    return data(Tensor.randn(GEN, DType.FLOAT64, shape));
  }

  // ---------------------------------------------------------------- elementwise

  @Test
  void elementwiseWithBroadcasting() {
    agree(
        "addSubBroadcast",
        x -> LiftedCorpus.addSubBroadcast(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.addSubBroadcastBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(3, 4),
        grad(4),
        grad(3, 1));
    agree(
        "mulDivBroadcast",
        x -> LiftedCorpus.mulDivBroadcast(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.mulDivBroadcastBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(3, 4),
        grad(4),
        positive(0.5, 3, 1));
    agree(
        "trigonometry",
        x -> LiftedCorpus.trigonometry(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.trigonometryBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(3, 4),
        grad(4),
        grad(3, 1));
    agree(
        "maximumMinimumBroadcast",
        x -> LiftedCorpus.maximumMinimumBroadcast(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.maximumMinimumBroadcastBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(3, 4),
        grad(4),
        grad(3, 1));
    agree(
        "powTensorExponent",
        x -> LiftedCorpus.powTensorExponent(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.powTensorExponentBackward(x.get(0), x.get(1), s),
        null,
        positive(0.5, 3, 4),
        grad(4));
  }

  @Test
  void elementwiseFunctionsAndNumberOperands() {
    agree(
        "numberOperands",
        x -> LiftedCorpus.numberOperands(x.get(0)),
        (x, s) -> LiftedCorpusGrad.numberOperandsBackward(x.get(0), s),
        null,
        grad(6));
    for (int k : new int[] {-1, 2}) {
      agree(
          "noDerivativeNumbers " + k,
          x -> LiftedCorpus.noDerivativeNumbers(x.get(0), 0.75, k),
          (x, s) -> LiftedCorpusGrad.noDerivativeNumbersBackward(x.get(0), 0.75, k, s),
          null,
          grad(5));
    }
    agree(
        "negAbsPow",
        x -> LiftedCorpus.negAbsPow(x.get(0)),
        (x, s) -> LiftedCorpusGrad.negAbsPowBackward(x.get(0), s),
        null,
        // |x| away from 0, of both signs
        trainable(Tensor.of(-1.3, -0.4, 0.6, 1.7, 2.2).to(DType.FLOAT64)));
    agree(
        "expLogFamily",
        x -> LiftedCorpus.expLogFamily(x.get(0)),
        (x, s) -> LiftedCorpusGrad.expLogFamilyBackward(x.get(0), s),
        null,
        positive(0.2, 7));
    agree(
        "activations",
        x -> LiftedCorpus.activations(x.get(0)),
        (x, s) -> LiftedCorpusGrad.activationsBackward(x.get(0), s),
        null,
        // away from relu's kink at 0 and clamp's at −0.3 and 0.4
        trainable(Tensor.of(-2.1, -0.7, -0.2, 0.1, 0.3, 0.9, 2.4).to(DType.FLOAT64)));
    agree(
        "clampBounds",
        x -> LiftedCorpus.clampBounds(x.get(0), -0.5, 1.0),
        (x, s) -> LiftedCorpusGrad.clampBoundsBackward(x.get(0), -0.5, 1.0, s),
        null,
        trainable(Tensor.of(-1.4, -0.8, -0.3, 0.2, 0.7, 1.3).to(DType.FLOAT64)));
  }

  // ---------------------------------------------------------------- reductions, softmax

  @Test
  void reductionsAndSoftmax() {
    agree(
        "sumDims",
        x -> LiftedCorpus.sumDims(x.get(0)),
        (x, s) -> LiftedCorpusGrad.sumDimsBackward(x.get(0), s),
        null,
        grad(3, 4));
    agree(
        "meanDims",
        x -> LiftedCorpus.meanDims(x.get(0)),
        (x, s) -> LiftedCorpusGrad.meanDimsBackward(x.get(0), s),
        null,
        grad(2, 3, 4));
    agree(
        "maxDims",
        x -> LiftedCorpus.maxDims(x.get(0)),
        (x, s) -> LiftedCorpusGrad.maxDimsBackward(x.get(0), s),
        null,
        grad(2, 3, 4));
    agree(
        "softmaxDims",
        x -> LiftedCorpus.softmaxDims(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.softmaxDimsBackward(x.get(0), x.get(1), s),
        null,
        grad(2, 3, 4),
        weights(2, 3, 4));
    agree(
        "logSoftmaxDims",
        x -> LiftedCorpus.logSoftmaxDims(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.logSoftmaxDimsBackward(x.get(0), x.get(1), s),
        null,
        grad(3, 5),
        weights(3, 5));
  }

  // ---------------------------------------------------------------- matrix products, views

  @Test
  void matrixProductsInEveryRank() {
    agree(
        "dot",
        x -> LiftedCorpus.dot(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.dotBackward(x.get(0), x.get(1), s),
        null,
        grad(4),
        grad(4));
    agree(
        "vectorMatrix",
        x -> LiftedCorpus.vectorMatrix(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.vectorMatrixBackward(x.get(0), x.get(1), s),
        null,
        grad(3),
        grad(3, 4));
    agree(
        "matrixVector",
        x -> LiftedCorpus.matrixVector(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.matrixVectorBackward(x.get(0), x.get(1), s),
        null,
        grad(3, 4),
        grad(4));
    agree(
        "matrixMatrix",
        x -> LiftedCorpus.matrixMatrix(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.matrixMatrixBackward(x.get(0), x.get(1), s),
        Tensor.randn(GEN, DType.FLOAT64, 3, 5),
        grad(3, 4),
        grad(4, 5));
    agree(
        "batchedByMatrix",
        x -> LiftedCorpus.batchedByMatrix(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.batchedByMatrixBackward(x.get(0), x.get(1), s),
        null,
        grad(2, 3, 4),
        grad(4, 5));
    agree(
        "batchedByBatched",
        x -> LiftedCorpus.batchedByBatched(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.batchedByBatchedBackward(x.get(0), x.get(1), s),
        null,
        grad(2, 3, 4),
        grad(2, 4, 5));
    agree(
        "vectorByBatch",
        x -> LiftedCorpus.vectorByBatch(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.vectorByBatchBackward(x.get(0), x.get(1), s),
        null,
        grad(4),
        grad(2, 4, 5));
  }

  @Test
  void viewsAndShapes() {
    agree(
        "transposes",
        x -> LiftedCorpus.transposes(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.transposesBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(2, 3, 4),
        grad(3, 4),
        weights(6));
    agree(
        "reshapes",
        x -> LiftedCorpus.reshapes(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.reshapesBackward(x.get(0), x.get(1), s),
        null,
        grad(2, 3, 4),
        weights(24));
    agree(
        "squeezes",
        x -> LiftedCorpus.squeezes(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.squeezesBackward(x.get(0), x.get(1), s),
        null,
        grad(3, 1),
        grad(4));
    agree(
        "expands",
        x -> LiftedCorpus.expands(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.expandsBackward(x.get(0), x.get(1), s),
        null,
        grad(4),
        grad(3, 1));
  }

  // ---------------------------------------------------------------- masks, losses, detach

  @Test
  void masks() {
    agree(
        "whereBroadcast",
        x -> LiftedCorpus.whereBroadcast(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.whereBroadcastBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(3, 4),
        grad(4),
        mask(3, 4));
    agree(
        "whereNested",
        x -> LiftedCorpus.whereNested(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.whereNestedBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(8),
        mask(8),
        mask(8));
  }

  @Test
  void everyLoss() {
    agree(
        "mseLoss",
        x -> LiftedCorpus.mseLoss(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.mseLossBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        weights(5, 3),
        grad(3),
        grad(5));
    agree(
        "bceLoss",
        x -> LiftedCorpus.bceLoss(x.get(0), x.get(1), x.get(2), x.get(3)),
        (x, s) -> LiftedCorpusGrad.bceLossBackward(x.get(0), x.get(1), x.get(2), x.get(3), s),
        null,
        weights(5, 3),
        grad(3),
        grad(),
        data(Tensor.rand(GEN, DType.FLOAT64, 5)));
    Tensor labels = Tensor.ofLongs(3, 0, 2, 2, 1);
    agree(
        "crossEntropyLoss",
        x -> LiftedCorpus.crossEntropyLoss(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.crossEntropyLossBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        weights(5, 3),
        grad(3, 4),
        data(labels));
    agree(
        "nllLoss",
        x -> LiftedCorpus.nllLoss(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.nllLossBackward(x.get(0), x.get(1), s),
        null,
        grad(5, 4),
        data(labels));
    agree(
        "allLosses",
        x -> LiftedCorpus.allLosses(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.allLossesBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(5, 4),
        data(labels),
        data(Tensor.rand(GEN, DType.FLOAT64, 5, 4)));
  }

  @Test
  void crossEntropyMatchesItsDefinition() {
    // REFERENCE-style check by hand: for logits z and label c, ∂CE/∂z = (softmax(z) − onehot(c))/N
    Tensor z = Tensor.fromArray(DType.FLOAT64, new double[] {1, 2, 3, 0, 0, 0}, 2, 3);
    Tensor w = Tensor.fromArray(DType.FLOAT64, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
    Tensor logits = z.copy().requiresGrad(true);
    LiftedCorpusGrad.nllLossBackward(logits, Tensor.ofLongs(2, 0));
    double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
    double[] expected = {
      Math.exp(1) / e / 2, Math.exp(2) / e / 2, (Math.exp(3) / e - 1) / 2,
      (1 / 3.0 - 1) / 2, 1 / 3.0 / 2, 1 / 3.0 / 2
    };
    assertTrue(logits.grad().allClose(expected, 1e-15), logits.grad().toString());
    // through a matrix product with the identity: the same gradient reaches the weights' rows
    Tensor weight = w.copy().requiresGrad(true);
    LiftedCorpusGrad.crossEntropyLossBackward(z, weight, Tensor.ofLongs(2, 0));
    assertTrue(weight.grad().allClose(z.t().matmul(logits.grad()), 1e-15, 1e-15));
  }

  @Test
  void detachStopsTheDerivative() {
    // finite differences see the detached factors vary, so they are no reference here; the
    // gradients by hand: ∂/∂x Σ x·d(y) = y, ∂/∂y Σ d(x)·eʸ = x·eʸ
    Input x = grad(6);
    Input y = grad(6);
    compareEngines(
        "detachMix",
        v -> LiftedCorpus.detachMix(v.get(0), v.get(1)),
        (v, s) -> LiftedCorpusGrad.detachMixBackward(v.get(0), v.get(1), s),
        null,
        x,
        y);
    Tensor gx = x.value().copy().requiresGrad(true);
    Tensor gy = y.value().copy().requiresGrad(true);
    LiftedCorpusGrad.detachMixBackward(gx, gy);
    assertTrue(gx.grad().allClose(y.value(), 0, 0));
    assertTrue(gy.grad().allClose(x.value().mul(y.value().exp()), 1e-15, 0));
  }

  // ---------------------------------------------------------------- control flow

  @Test
  void branches() {
    for (int mode : new int[] {0, 1, 2}) {
      agree(
          "branchOnInt " + mode,
          x -> LiftedCorpus.branchOnInt(x.get(0), mode),
          (x, s) -> LiftedCorpusGrad.branchOnIntBackward(x.get(0), mode, s),
          null,
          grad(5));
    }
    for (boolean flag : new boolean[] {true, false}) {
      agree(
          "ifWithoutElse " + flag,
          x -> LiftedCorpus.ifWithoutElse(x.get(0), flag),
          (x, s) -> LiftedCorpusGrad.ifWithoutElseBackward(x.get(0), flag, s),
          null,
          grad(5));
      agree(
          "conditionalExpression " + flag,
          x -> LiftedCorpus.conditionalExpression(x.get(0), flag),
          (x, s) -> LiftedCorpusGrad.conditionalExpressionBackward(x.get(0), flag, s),
          null,
          grad(5));
    }
  }

  @Test
  void loops() {
    int before = Tape.current().size();
    for (int steps : new int[] {0, 1, 3}) {
      Input w = trainable(Tensor.randn(GEN, DType.FLOAT64, 4, 4).mul(0.5));
      agree(
          "recurrence " + steps,
          x -> LiftedCorpus.recurrence(x.get(0), x.get(1), steps),
          (x, s) -> LiftedCorpusGrad.recurrenceBackward(x.get(0), x.get(1), steps, s),
          null,
          grad(4),
          w);
      agree(
          "whileLoop " + steps,
          x -> LiftedCorpus.whileLoop(x.get(0), x.get(1), steps),
          (x, s) -> LiftedCorpusGrad.whileLoopBackward(x.get(0), x.get(1), steps, s),
          null,
          grad(5),
          grad(5));
    }
    for (int stop : new int[] {0, 2, 20}) {
      agree(
          "earlyReturn " + stop,
          x -> LiftedCorpus.earlyReturn(x.get(0), x.get(1), stop),
          (x, s) -> LiftedCorpusGrad.earlyReturnBackward(x.get(0), x.get(1), stop, s),
          null,
          grad(5),
          positive(0.1, 5));
    }
    for (int n : new int[] {1, 2, 5}) {
      agree(
          "seriesSum " + n,
          x -> LiftedCorpus.seriesSum(x.get(0), n),
          (x, s) -> LiftedCorpusGrad.seriesSumBackward(x.get(0), n, s),
          null,
          grad(5));
    }
    for (int[] counts : new int[][] {{0, 3}, {2, 0}, {2, 3}}) {
      agree(
          "nestedLoops " + counts[0] + "x" + counts[1],
          x -> LiftedCorpus.nestedLoops(x.get(0), x.get(1), counts[0], counts[1]),
          (x, s) ->
              LiftedCorpusGrad.nestedLoopsBackward(x.get(0), x.get(1), counts[0], counts[1], s),
          null,
          grad(4),
          grad(4));
    }
    assertEquals(before, Tape.current().size(), "every generated method pops what it pushed");
  }

  @Test
  void moreLoops() {
    int before = Tape.current().size();
    for (int n : new int[] {0, 1, 3}) {
      agree(
          "overwriteParameter " + n,
          x -> LiftedCorpus.overwriteParameter(x.get(0), x.get(1), n),
          (x, s) -> LiftedCorpusGrad.overwriteParameterBackward(x.get(0), x.get(1), n, s),
          null,
          grad(5),
          grad(5));
      agree(
          "loopVectorResult " + n,
          x -> LiftedCorpus.loopVectorResult(x.get(0), x.get(1), n),
          (x, s) -> LiftedCorpusGrad.loopVectorResultBackward(x.get(0), x.get(1), n, s),
          Tensor.randn(GEN, DType.FLOAT64, 5),
          grad(5),
          grad(5));
    }
    for (int n : new int[] {1, 2, 4, 5, 9}) {
      agree(
          "branchInLoop " + n,
          x -> LiftedCorpus.branchInLoop(x.get(0), x.get(1), n),
          (x, s) -> LiftedCorpusGrad.branchInLoopBackward(x.get(0), x.get(1), n, s),
          null,
          grad(4),
          grad(4));
    }
    for (int stop : new int[] {-1, 0, 3, 7}) {
      agree(
          "earlyVectorReturn " + stop,
          x -> LiftedCorpus.earlyVectorReturn(x.get(0), x.get(1), stop),
          (x, s) -> LiftedCorpusGrad.earlyVectorReturnBackward(x.get(0), x.get(1), stop, s),
          Tensor.randn(GEN, DType.FLOAT64, 5),
          grad(5),
          grad(5));
    }
    assertEquals(before, Tape.current().size(), "every generated method pops what it pushed");
  }

  @Test
  void seriesSumMatchesItsDerivative() {
    // ∂/∂x Σ_{i=1..n} xⁱ/i = Σ_{i=1..n} xⁱ⁻¹ = (1 − xⁿ)/(1 − x), elementwise
    Tensor x = Tensor.fromArray(DType.FLOAT64, new double[] {-0.5, 0.25, 0.5, 2}, 4);
    Tensor g = x.copy().requiresGrad(true);
    LiftedCorpusGrad.seriesSumBackward(g, 5);
    assertTrue(g.grad().allClose(x.pow(5).rsub(1).div(x.rsub(1)), 1e-14, 0), g.grad().toString());
  }

  // ---------------------------------------------------------------- reuse, the scalar corpus

  @Test
  void reusedIntermediates() {
    agree(
        "reusedIntermediate",
        x -> LiftedCorpus.reusedIntermediate(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.reusedIntermediateBackward(x.get(0), x.get(1), s),
        null,
        grad(6),
        grad(6));
    agree(
        "reusedProduct",
        x -> LiftedCorpus.reusedProduct(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.reusedProductBackward(x.get(0), x.get(1), s),
        null,
        grad(3, 4),
        grad(4, 5));
  }

  @Test
  void scalarCorpusLifted() {
    agree(
        "negate",
        x -> LiftedCorpus.negate(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.negateBackward(x.get(0), x.get(1), s),
        null,
        grad(5),
        grad(5));
    agree(
        "compound",
        x -> LiftedCorpus.compound(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.compoundBackward(x.get(0), x.get(1), s),
        null,
        grad(5),
        grad(5));
    agree(
        "reassignParameter",
        x -> LiftedCorpus.reassignParameter(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.reassignParameterBackward(x.get(0), x.get(1), s),
        null,
        grad(5),
        grad(5));
    agree(
        "varLocals",
        x -> LiftedCorpus.varLocals(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.varLocalsBackward(x.get(0), x.get(1), s),
        null,
        grad(5),
        grad(5));
    agree(
        "gaussianDensity",
        x -> LiftedCorpus.gaussianDensity(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.gaussianDensityBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(5),
        grad(5),
        positive(0.5, 5));
    agree(
        "logistic",
        x -> LiftedCorpus.logistic(x.get(0)),
        (x, s) -> LiftedCorpusGrad.logisticBackward(x.get(0), s),
        null,
        grad(5));
    agree(
        "logSumExp2",
        x -> LiftedCorpus.logSumExp2(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.logSumExp2Backward(x.get(0), x.get(1), s),
        null,
        grad(6),
        grad(6));
    agree(
        "logSumExp3",
        x -> LiftedCorpus.logSumExp3(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.logSumExp3Backward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(6),
        grad(6),
        grad(6));
    agree(
        "projectileRange",
        x -> LiftedCorpus.projectileRange(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.projectileRangeBackward(x.get(0), x.get(1), s),
        null,
        positive(5, 4),
        positive(0.1, 4));
    agree(
        "noDerivativeParameter",
        x -> LiftedCorpus.noDerivativeParameter(x.get(0), 1.5),
        (x, s) -> LiftedCorpusGrad.noDerivativeParameterBackward(x.get(0), 1.5, s),
        null,
        grad(5));
    for (int n : new int[] {0, 3, -2}) {
      agree(
          "powIntegerExponent " + n,
          x -> LiftedCorpus.powIntegerExponent(x.get(0), n),
          (x, s) -> LiftedCorpusGrad.powIntegerExponentBackward(x.get(0), n, s),
          null,
          positive(0.5, 5));
    }
    agree(
        "integerArithmetic",
        x -> LiftedCorpus.integerArithmetic(x.get(0), 5),
        (x, s) -> LiftedCorpusGrad.integerArithmeticBackward(x.get(0), 5, s),
        null,
        positive(0.5, 5));
    for (boolean greater : new boolean[] {true, false}) {
      for (boolean below : new boolean[] {true, false}) {
        agree(
            "ifElseMerge " + greater + " " + below,
            x -> LiftedCorpus.ifElseMerge(x.get(0), x.get(1), greater, below),
            (x, s) -> LiftedCorpusGrad.ifElseMergeBackward(x.get(0), x.get(1), greater, below, s),
            null,
            grad(5),
            grad(5));
      }
    }
    agree(
        "manyOperations",
        x -> LiftedCorpus.manyOperations(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.manyOperationsBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(6),
        grad(6),
        grad(6));
  }

  // ---------------------------------------------------------------- model classes

  @Test
  void modelWithTensorFields() {
    agree(
        "Affine.loss",
        x -> new LiftedCorpus.Affine(x.get(0), x.get(1)).loss(x.get(2)),
        (x, s) ->
            LiftedCorpus_AffineGrad.lossBackward(
                new LiftedCorpus.Affine(x.get(0), x.get(1)), x.get(2), s),
        null,
        grad(3, 2),
        grad(2),
        weights(5, 3));
    agree(
        "Affine.twice",
        x -> new LiftedCorpus.Affine(x.get(0), x.get(1)).twice(x.get(2)),
        (x, s) ->
            LiftedCorpus_AffineGrad.twiceBackward(
                new LiftedCorpus.Affine(x.get(0), x.get(1)), x.get(2), s),
        null,
        grad(3, 2),
        grad(2),
        grad(5, 3));
  }

  @Test
  void layerReadOnEveryPassOfALoop() {
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 3, 4);
    for (int steps : new int[] {0, 1, 3}) {
      for (boolean skip : new boolean[] {false, true}) {
        LiftedCorpus.Recurrent onTape = new LiftedCorpus.Recurrent(4, new Generator(11));
        LiftedCorpus.Recurrent written = new LiftedCorpus.Recurrent(4, new Generator(11));
        Tensor tapeValue = onTape.loss(x, steps, skip);
        tapeValue.backward();
        Tensor value = LiftedCorpus_RecurrentGrad.lossBackward(written, x, steps, skip);
        String name = "Recurrent " + steps + " " + skip;
        assertEquals(tapeValue.item(), value.item(), 1e-12 * Math.abs(tapeValue.item()), name);
        List<Tensor> expected = List.of(onTape.cell.weight(), onTape.cell.bias(), onTape.readout);
        List<Tensor> actual = List.of(written.cell.weight(), written.cell.bias(), written.readout);
        for (int i = 0; i < actual.size(); i++) {
          if (expected.get(i).grad() == null) {
            assertNull(actual.get(i).grad(), name + " parameter " + i);
            continue;
          }
          assertTrue(
              actual.get(i).grad().allClose(expected.get(i).grad(), 1e-9, 1e-12),
              name
                  + " parameter "
                  + i
                  + ": "
                  + actual.get(i).grad()
                  + " vs "
                  + expected.get(i).grad());
          assertCentralDifferences(
              name + " parameter " + i, () -> written.loss(x, steps, skip), actual.get(i));
        }
      }
    }
  }

  @Test
  void modelWithLinearLayers() {
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 6, 3);
    Tensor target = Tensor.randn(GEN, DType.FLOAT64, 6, 2);
    Tensor labels = Tensor.ofLongs(0, 1, 1, 0, 1, 0);
    assertLayersAgree(
        "TwoLayers.loss",
        m -> m.loss(x, target),
        (m, s) -> LiftedCorpus_TwoLayersGrad.lossBackward(m, x, target, s));
    assertLayersAgree(
        "TwoLayers.deep",
        m -> m.deep(x, labels),
        (m, s) -> LiftedCorpus_TwoLayersGrad.deepBackward(m, x, labels, s));
  }

  private static List<Tensor> parameters(LiftedCorpus.TwoLayers m) {
    assertNull(m.first.bias(), "the first layer has no bias");
    return List.of(m.first.weight(), m.second.weight(), m.second.bias(), m.scale);
  }

  /**
   * Equal models (the same generator seed) through both engines: value and each parameter's
   * gradient agree at 1e-9, and the generated gradients agree with central differences of the loss
   * in every parameter element.
   */
  private static void assertLayersAgree(
      String name,
      java.util.function.Function<LiftedCorpus.TwoLayers, Tensor> method,
      java.util.function.BiFunction<LiftedCorpus.TwoLayers, Tensor, Tensor> generated) {
    LiftedCorpus.TwoLayers onTape = new LiftedCorpus.TwoLayers(3, 4, 2, new Generator(9));
    LiftedCorpus.TwoLayers written = new LiftedCorpus.TwoLayers(3, 4, 2, new Generator(9));
    Tensor tapeValue = method.apply(onTape);
    tapeValue.backward();
    Tensor value = generated.apply(written, null);
    assertEquals(tapeValue.item(), value.item(), 1e-12 * Math.abs(tapeValue.item()), name);
    List<Tensor> expected = parameters(onTape);
    List<Tensor> actual = parameters(written);
    for (int i = 0; i < actual.size(); i++) {
      assertTrue(
          actual.get(i).grad().allClose(expected.get(i).grad(), 1e-9, 1e-12),
          name + " parameter " + i + ": " + actual.get(i).grad() + " vs " + expected.get(i).grad());
      assertCentralDifferences(
          name + " parameter " + i, () -> method.apply(written), actual.get(i));
    }
  }

  /** (f(p + h) − f(p − h)) / 2h in each element of {@code p} against {@code p.grad()}. */
  private static void assertCentralDifferences(String name, Supplier<Tensor> f, Tensor p) {
    double h = 1e-6;
    double[] g = p.grad().toArray();
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      for (int j = 0; j < p.numel(); j++) {
        double v = p.storage().get(j);
        p.storage().set(j, v + h);
        double up = f.get().item();
        p.storage().set(j, v - h);
        double down = f.get().item();
        p.storage().set(j, v);
        double numeric = (up - down) / (2 * h);
        assertEquals(numeric, g[j], 1e-6 + 1e-5 * Math.abs(numeric), name + " element " + j);
      }
    }
  }

  // ---------------------------------------------------------------- seeds, leaves, errors

  @Test
  void seedsForLargerResults() {
    // matrixMatrix returns [3, 5]: its backward is the vector-Jacobian product with the seed S,
    // ∂/∂A = S·Bᵀ and ∂/∂B = Aᵀ·S
    Tensor a = Tensor.randn(GEN, DType.FLOAT64, 3, 4);
    Tensor b = Tensor.randn(GEN, DType.FLOAT64, 4, 5);
    Tensor seed = Tensor.randn(GEN, DType.FLOAT64, 3, 5);
    Tensor ga = a.copy().requiresGrad(true);
    Tensor gb = b.copy().requiresGrad(true);
    Tensor value = LiftedCorpusGrad.matrixMatrixBackward(ga, gb, seed);
    assertTrue(value.allClose(a.matmul(b), 0, 0));
    assertTrue(ga.grad().allClose(seed.matmul(b.t()), 1e-14, 1e-14));
    assertTrue(gb.grad().allClose(a.t().matmul(seed), 1e-14, 1e-14));
    // a seed on a one-element result scales its gradient
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 4);
    Tensor y = Tensor.randn(GEN, DType.FLOAT64, 4);
    Tensor gx = x.copy().requiresGrad(true);
    LiftedCorpusGrad.dotBackward(gx, y, Tensor.scalar(DType.FLOAT64, 3));
    assertTrue(gx.grad().allClose(y.mul(3), 1e-15, 0));
  }

  @Test
  void leavesThatDoNotRequireGradGetNoneAndOthersAccumulate() {
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 4);
    Tensor w = Tensor.randn(GEN, DType.FLOAT64, 4, 4).mul(0.5).requiresGrad(true);
    LiftedCorpusGrad.recurrenceBackward(x, w, 3);
    assertNull(x.grad(), "x does not require grad");
    Tensor once = w.grad().copy();
    LiftedCorpusGrad.recurrenceBackward(x, w, 3);
    assertTrue(w.grad().allClose(once.mul(2), 1e-15, 0), "the second call adds to .grad()");
    assertNull(x.grad());

    // a model: a frozen Tensor field gets nothing, the layers' weights accumulate
    LiftedCorpus.TwoLayers model = new LiftedCorpus.TwoLayers(3, 4, 2, new Generator(4));
    model.scale.requiresGrad(false);
    Tensor input = Tensor.randn(GEN, DType.FLOAT64, 5, 3);
    Tensor target = Tensor.randn(GEN, DType.FLOAT64, 5, 2);
    LiftedCorpus_TwoLayersGrad.lossBackward(model, input, target);
    assertNull(model.scale.grad(), "a frozen field");
    Tensor first = model.first.weight().grad().copy();
    Tensor bias = model.second.bias().grad().copy();
    LiftedCorpus_TwoLayersGrad.lossBackward(model, input, target);
    assertNull(model.scale.grad());
    assertTrue(model.first.weight().grad().allClose(first.mul(2), 1e-15, 0));
    assertTrue(model.second.bias().grad().allClose(bias.mul(2), 1e-15, 0));
    assertNotNull(model.second.weight().grad());
  }

  @Test
  void differentiatedParametersThatDoNotRequireGrad() {
    // the generated code skips each contribution whose operand leads to no leaf that requires
    // grad: with some differentiated parameters frozen, the rest must still match the tape
    agree(
        "manyOperations, y frozen",
        x -> LiftedCorpus.manyOperations(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.manyOperationsBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        grad(6),
        weights(6),
        grad(6));
    agree(
        "reusedProduct, a frozen",
        x -> LiftedCorpus.reusedProduct(x.get(0), x.get(1)),
        (x, s) -> LiftedCorpusGrad.reusedProductBackward(x.get(0), x.get(1), s),
        null,
        weights(3, 4),
        grad(4, 5));
    agree(
        "recurrence, x frozen",
        x -> LiftedCorpus.recurrence(x.get(0), x.get(1), 3),
        (x, s) -> LiftedCorpusGrad.recurrenceBackward(x.get(0), x.get(1), 3, s),
        null,
        weights(4),
        trainable(Tensor.randn(GEN, DType.FLOAT64, 4, 4).mul(0.5)));
    agree(
        "nestedLoops, w frozen",
        x -> LiftedCorpus.nestedLoops(x.get(0), x.get(1), 2, 3),
        (x, s) -> LiftedCorpusGrad.nestedLoopsBackward(x.get(0), x.get(1), 2, 3, s),
        null,
        grad(4),
        weights(4));
    agree(
        "Affine.twice, bias and x frozen",
        x -> new LiftedCorpus.Affine(x.get(0), x.get(1)).twice(x.get(2)),
        (x, s) ->
            LiftedCorpus_AffineGrad.twiceBackward(
                new LiftedCorpus.Affine(x.get(0), x.get(1)), x.get(2), s),
        null,
        grad(3, 2),
        weights(2),
        weights(5, 3));
  }

  @Test
  void kinksAndTiesTakeTheSameSideOnBothEngines() {
    // at |x|'s and relu's kink (0), clamp's bounds, and ties of maximum/minimum and max the
    // derivative is a convention, not a limit: finite differences are no reference, but the
    // generated rules and the tape's must pick the same one-sided value
    Tensor kinks = Tensor.fromArray(DType.FLOAT64, new double[] {-0.3, 0, 0.4, 0, 1, -1}, 6);
    compareEngines(
        "negAbsPow at 0",
        x -> LiftedCorpus.negAbsPow(x.get(0)),
        (x, s) -> LiftedCorpusGrad.negAbsPowBackward(x.get(0), s),
        null,
        trainable(kinks));
    compareEngines(
        "activations at the kinks",
        x -> LiftedCorpus.activations(x.get(0)),
        (x, s) -> LiftedCorpusGrad.activationsBackward(x.get(0), s),
        null,
        trainable(kinks));
    Tensor m =
        Tensor.fromArray(DType.FLOAT64, new double[] {1, 2, 3, 4, 0, 0, 0, 0, 5, 5, 5, 5}, 3, 4);
    Tensor row = Tensor.fromArray(DType.FLOAT64, new double[] {1, 0, 3, 5}, 4);
    Tensor col = Tensor.fromArray(DType.FLOAT64, new double[] {2, 0, 5}, 3, 1);
    compareEngines(
        "maximumMinimumBroadcast with ties",
        x -> LiftedCorpus.maximumMinimumBroadcast(x.get(0), x.get(1), x.get(2)),
        (x, s) -> LiftedCorpusGrad.maximumMinimumBroadcastBackward(x.get(0), x.get(1), x.get(2), s),
        null,
        trainable(m),
        trainable(row),
        trainable(col));
    compareEngines(
        "maxDims with ties",
        x -> LiftedCorpus.maxDims(x.get(0)),
        (x, s) -> LiftedCorpusGrad.maxDimsBackward(x.get(0), s),
        null,
        trainable(m.reshape(2, 3, 2)));
  }

  @Test
  void oneTensorPassedAsTwoParametersGetsBothShares() {
    // product(x, x) = Σ x·x + x/x: on the tape the leaf's two uses add up, 2x + 0 = 2x; the
    // generated method accumulates each parameter's share into the same .grad()
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 5);
    Tensor onTape = x.copy().requiresGrad(true);
    TensorCorpus.product(onTape, onTape).backward();
    Tensor written = x.copy().requiresGrad(true);
    TensorCorpusGrad.productBackward(written, written);
    assertTrue(written.grad().allClose(onTape.grad(), 1e-12, 1e-15), written.grad().toString());
    assertTrue(written.grad().allClose(x.mul(2), 1e-12, 1e-15));
  }

  @Test
  void staticTensorFieldsAreLeavesToo() {
    // before the fix the generated method read static tensors as constants, so SHIFT, which
    // requires grad, got a gradient from the tape and none from the generated method
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 4);
    Tensor onTape = x.copy().requiresGrad(true);
    StaticFields.SHIFT.setGrad(null);
    StaticFields.shifted(onTape).backward();
    Tensor tapeShift = StaticFields.SHIFT.grad().copy();
    Tensor written = x.copy().requiresGrad(true);
    StaticFields.SHIFT.setGrad(null);
    StaticFieldsGrad.shiftedBackward(written);
    Tensor shift = StaticFields.SHIFT.grad();
    StaticFields.SHIFT.setGrad(null);
    assertNull(StaticFields.DATA.grad(), "data gets no gradient");
    assertTrue(written.grad().allClose(onTape.grad(), 1e-12, 1e-15));
    assertNotNull(shift, "a static tensor that requires grad is a leaf");
    assertTrue(shift.allClose(tapeShift, 1e-12, 1e-15), shift + " vs " + tapeShift);
    // by hand: ∂/∂SHIFT = −2(x − SHIFT)·DATA
    Tensor expected = x.sub(StaticFields.SHIFT.detach()).mul(StaticFields.DATA).mul(-2);
    assertTrue(shift.allClose(expected, 1e-14, 1e-15), shift + " vs " + expected);
  }

  @Test
  void aMissingOrMisshapenSeedIsAnError() {
    Tensor a = Tensor.randn(GEN, DType.FLOAT64, 3, 4).requiresGrad(true);
    Tensor b = Tensor.randn(GEN, DType.FLOAT64, 4, 5).requiresGrad(true);
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class, () -> LiftedCorpusGrad.matrixMatrixBackward(a, b));
    assertTrue(none.getMessage().contains("one-element"), none.getMessage());
    assertTrue(none.getMessage().contains("[3, 5]"), none.getMessage());
    IllegalArgumentException wrong =
        assertThrows(
            IllegalArgumentException.class,
            () -> LiftedCorpusGrad.matrixMatrixBackward(a, b, Tensor.ones(DType.FLOAT64, 5, 3)));
    assertTrue(wrong.getMessage().contains("[5, 3]"), wrong.getMessage());
    assertTrue(wrong.getMessage().contains("[3, 5]"), wrong.getMessage());
    assertNull(a.grad(), "nothing is accumulated before the error");
    assertNull(b.grad());
  }

  @Test
  void aSeedErrorAfterALoopLeavesTheTapeAsItWas() {
    // the forward sweep of a loop keeps overwritten tensors on the thread's Tape; a seed error
    // must still take them off, as the scalar adjoints do for a vector result
    int before = Tape.current().size();
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 4).requiresGrad(true);
    Tensor w = Tensor.randn(GEN, DType.FLOAT64, 4, 4).requiresGrad(true);
    assertThrows(
        IllegalArgumentException.class,
        () -> LiftedCorpusGrad.recurrenceBackward(x, w, 3, Tensor.ones(DType.FLOAT64, 2)));
    assertEquals(before, Tape.current().size());
    assertNull(x.grad());
    assertNull(w.grad());
  }
}
