package dev.adjoint.examples.tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The float32 bound the README states. Where the generated code fuses an elementwise rule of
 * several operations into one pass, it evaluates the rule in double precision and rounds once,
 * while the tape rounds after every operation; the two engines then differ by rounding, and the
 * generated one must be no less accurate: over each gradient, its worst error against the same
 * computation in float64 (on the same, float32-representable, inputs) is at most twice the tape's
 * worst error plus one unit of float32 rounding (2⁻²⁴) of the gradient's largest element. Where
 * nothing is fused (products, reductions, views), both engines run the same kernels in the same
 * order and agree bit for bit.
 */
class Float32EnginesTest {
  private static final double UNIT = 0x1p-24;
  private static final Generator GEN = new Generator(3232);

  /** A method on both engines: the tape's call, and its generated {@code ...Backward}. */
  private record Method(
      String name,
      Function<List<Tensor>, Tensor> tape,
      BiFunction<List<Tensor>, Tensor, Tensor> generated) {}

  /** The gradients one engine gives at {@code values}, converted to {@code dtype} first. */
  private static List<double[]> gradients(
      Method m, boolean generated, List<Tensor> values, DType dtype) {
    List<Tensor> inputs = new ArrayList<>();
    for (Tensor v : values) {
      inputs.add(v.to(dtype).detach().requiresGrad(true));
    }
    if (generated) {
      m.generated().apply(inputs, null);
    } else {
      m.tape().apply(inputs).backward();
    }
    List<double[]> out = new ArrayList<>();
    for (Tensor in : inputs) {
      out.add(in.grad().to(DType.FLOAT64).contiguous().storage().doubles().clone());
    }
    return out;
  }

  private static double worstError(double[] got, double[] reference) {
    double worst = 0;
    for (int i = 0; i < got.length; i++) {
      worst = Math.max(worst, Math.abs(got[i] - reference[i]));
    }
    return worst;
  }

  private static double largest(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** Values of {@code shape}, rounded to float32 so that both precisions see the same numbers. */
  private static Tensor normal(int... shape) {
    return Tensor.randn(GEN, DType.FLOAT32, shape).to(DType.FLOAT64);
  }

  private static Tensor positive(int... shape) {
    return Tensor.rand(GEN, DType.FLOAT32, shape).add(0.5).to(DType.FLOAT64);
  }

  private static void noLessAccurateThanTheTape(Method m, Tensor... values) {
    List<Tensor> inputs = List.of(values);
    List<double[]> reference = gradients(m, false, inputs, DType.FLOAT64);
    List<double[]> tape = gradients(m, false, inputs, DType.FLOAT32);
    List<double[]> generated = gradients(m, true, inputs, DType.FLOAT32);
    for (int i = 0; i < inputs.size(); i++) {
      double tapeError = worstError(tape.get(i), reference.get(i));
      double generatedError = worstError(generated.get(i), reference.get(i));
      double bound = 2 * tapeError + UNIT * largest(reference.get(i));
      assertTrue(
          generatedError <= bound,
          String.format(
              "%s, gradient %d: generated float32 error %.3g, tape's %.3g (bound %.3g)",
              m.name(), i, generatedError, tapeError, bound));
    }
  }

  private static void bitForBit(Method m, Tensor... values) {
    List<Tensor> inputs = List.of(values);
    List<double[]> tape = gradients(m, false, inputs, DType.FLOAT32);
    List<double[]> generated = gradients(m, true, inputs, DType.FLOAT32);
    for (int i = 0; i < inputs.size(); i++) {
      assertArrayEquals(tape.get(i), generated.get(i), 0.0, m.name() + ", gradient " + i);
    }
  }

  @Test
  void fusedRulesRoundOnceAndAreNoLessAccurateThanTheTape() {
    noLessAccurateThanTheTape(
        new Method(
            "expLogFamily",
            x -> LiftedCorpus.expLogFamily(x.get(0)),
            (x, s) -> LiftedCorpusGrad.expLogFamilyBackward(x.get(0), s)),
        positive(64));
    noLessAccurateThanTheTape(
        new Method(
            "trigonometry",
            x -> LiftedCorpus.trigonometry(x.get(0), x.get(1), x.get(2)),
            (x, s) -> LiftedCorpusGrad.trigonometryBackward(x.get(0), x.get(1), x.get(2), s)),
        normal(8, 16),
        normal(16),
        normal(8, 1));
    noLessAccurateThanTheTape(
        new Method(
            "activations",
            x -> LiftedCorpus.activations(x.get(0)),
            (x, s) -> LiftedCorpusGrad.activationsBackward(x.get(0), s)),
        normal(64));
    noLessAccurateThanTheTape(
        new Method(
            "gaussianDensity",
            x -> LiftedCorpus.gaussianDensity(x.get(0), x.get(1), x.get(2)),
            (x, s) -> LiftedCorpusGrad.gaussianDensityBackward(x.get(0), x.get(1), x.get(2), s)),
        normal(64),
        normal(64),
        positive(64));
    noLessAccurateThanTheTape(
        new Method(
            "logistic",
            x -> LiftedCorpus.logistic(x.get(0)),
            (x, s) -> LiftedCorpusGrad.logisticBackward(x.get(0), s)),
        normal(64));
    noLessAccurateThanTheTape(
        new Method(
            "logSumExp3",
            x -> LiftedCorpus.logSumExp3(x.get(0), x.get(1), x.get(2)),
            (x, s) -> LiftedCorpusGrad.logSumExp3Backward(x.get(0), x.get(1), x.get(2), s)),
        normal(64),
        normal(64),
        normal(64));
    noLessAccurateThanTheTape(
        new Method(
            "projectileRange",
            x -> LiftedCorpus.projectileRange(x.get(0), x.get(1)),
            (x, s) -> LiftedCorpusGrad.projectileRangeBackward(x.get(0), x.get(1), s)),
        positive(64),
        normal(64));
  }

  @Test
  void whatIsNotFusedIsBitForBitTheTapes() {
    bitForBit(
        new Method(
            "dot",
            x -> LiftedCorpus.dot(x.get(0), x.get(1)),
            (x, s) -> LiftedCorpusGrad.dotBackward(x.get(0), x.get(1), s)),
        normal(4),
        normal(4));
    bitForBit(
        new Method(
            "vectorMatrix",
            x -> LiftedCorpus.vectorMatrix(x.get(0), x.get(1)),
            (x, s) -> LiftedCorpusGrad.vectorMatrixBackward(x.get(0), x.get(1), s)),
        normal(3),
        normal(3, 4));
    bitForBit(
        new Method(
            "batchedByBatched",
            x -> LiftedCorpus.batchedByBatched(x.get(0), x.get(1)),
            (x, s) -> LiftedCorpusGrad.batchedByBatchedBackward(x.get(0), x.get(1), s)),
        normal(2, 3, 4),
        normal(2, 4, 5));
    bitForBit(
        new Method(
            "addSubBroadcast",
            x -> LiftedCorpus.addSubBroadcast(x.get(0), x.get(1), x.get(2)),
            (x, s) -> LiftedCorpusGrad.addSubBroadcastBackward(x.get(0), x.get(1), x.get(2), s)),
        normal(3, 4),
        normal(4),
        normal(3, 1));
  }
}
