package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backend;
import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;

/**
 * Batch norm and dropout as differentiable operations (see {@link TensorOp#BATCH_NORM} and {@link
 * TensorOp#DROPOUT}), with PyTorch's semantics; {@code nn.Functional} is the friendly front.
 */
public final class NormalizationOps {
  private NormalizationOps() {}

  private static Backend backend() {
    return Backends.current();
  }

  /**
   * PyTorch's {@code batch_norm}: each channel (dimension 1) of {@code input} [N, C, ...] is
   * normalised by its mean and variance and scaled by {@code weight}, shifted by {@code bias}
   * (either may be null: 1 and 0). In training the statistics are the batch's own (the biased
   * variance), and the running statistics, when given, are updated in place, unrecorded: {@code r =
   * (1 − momentum)·r + momentum·s}, with the unbiased variance (n/(n − 1)) for the running
   * variance. In evaluation the running statistics are used and left as they are.
   */
  public static Tensor batchNorm(
      Tensor input,
      Tensor runningMean,
      Tensor runningVar,
      Tensor weight,
      Tensor bias,
      boolean training,
      double momentum,
      double eps) {
    checkBatchNorm(input, runningMean, runningVar, weight, bias, training, eps);
    Tensor[] statistics = statistics(input, runningMean, runningVar, training, momentum, eps);
    int channels = input.size(1);
    DType type = input.dtype();
    // without affine parameters, an identity scale and shift where the input is
    Tensor w = weight != null ? weight : Tensor.ones(input.device(), type, channels);
    Tensor b = bias != null ? bias : Tensor.zeros(input.device(), type, channels);
    Tensor y = normalise(input, w, b, statistics[0], statistics[1]);
    return Ops.record(
        TensorOp.BATCH_NORM,
        OpParams.ints(training ? 1 : 0),
        y,
        input,
        w,
        b,
        statistics[0],
        statistics[1]);
  }

  /**
   * Batch norm's statistics, unrecorded: {mean, invstd = 1/√(var + ε)} per channel, the batch's in
   * training (updating the running statistics when given, as {@link #batchNorm} documents), else
   * the running ones. The generated adjoint of a {@code BatchNorm2d} runs this, so that both
   * engines update the running statistics alike.
   */
  public static Tensor[] statistics(
      Tensor input,
      Tensor runningMean,
      Tensor runningVar,
      boolean training,
      double momentum,
      double eps) {
    checkBatchNorm(input, runningMean, runningVar, null, null, training, eps);
    if (!training) {
      return new Tensor[] {runningMean, inverseStd(runningVar, eps)};
    }
    int channels = input.size(1);
    Tensor moments = backend().nn().batchNormMoments(input);
    Tensor mean = Views.select(moments, 0, 0);
    Tensor variance = Views.select(moments, 0, 1);
    Tensor invstd = inverseStd(variance, eps);
    if (runningMean != null) {
      updateRunning(runningMean, mean, momentum, 1);
    }
    if (runningVar != null) {
      long n = input.numel() / channels;
      updateRunning(runningVar, variance, momentum, n / (n - 1.0));
    }
    return new Tensor[] {mean, invstd};
  }

  /** {@code (x − mean)·invstd·w + b} per channel, unrecorded. */
  public static Tensor normalise(Tensor input, Tensor w, Tensor b, Tensor mean, Tensor invstd) {
    return backend().nn().batchNorm(input, w, b, mean, invstd);
  }

  // 1/√(var + ε), on the backend, unrecorded
  private static Tensor inverseStd(Tensor variance, double eps) {
    Backend be = backend();
    DType type = variance.dtype();
    Tensor std =
        be.unary(
            ElementwiseOp.SQRT,
            be.binary(ElementwiseOp.ADD, variance, Tensor.wrappedNumber(eps), type),
            type);
    return be.binary(ElementwiseOp.DIVIDE, Tensor.wrappedNumber(1), std, type);
  }

  // running = (1 − momentum)·running + momentum·scale·statistic, in place, bumping the version
  private static void updateRunning(
      Tensor running, Tensor statistic, double momentum, double scale) {
    backend().scaleInPlace(running, 1 - momentum);
    backend().addScaledInPlace(running, statistic, momentum * scale);
    running.storage().bumpVersion();
  }

  private static void checkBatchNorm(
      Tensor input,
      Tensor runningMean,
      Tensor runningVar,
      Tensor weight,
      Tensor bias,
      boolean training,
      double eps) {
    if (input.dim() < 2) {
      throw new IllegalArgumentException(
          "batchNorm: expected an input [N, C, ...] of at least 2 dimensions, got "
              + Shape.format(input.shape()));
    }
    ConvolutionOps.checkFloating("batchNorm", input);
    checkChannels(input, "runningMean", runningMean);
    checkChannels(input, "runningVar", runningVar);
    checkChannels(input, "weight", weight);
    checkChannels(input, "bias", bias);
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("batchNorm: eps must be a finite number ≥ 0, got " + eps);
    }
    if (!training && (runningMean == null || runningVar == null)) {
      throw new IllegalArgumentException(
          "batchNorm: evaluation (training = false) normalises by the running mean and variance,"
              + " but "
              + (runningMean == null ? "runningMean" : "runningVar")
              + " is null; pass both, or use training = true");
    }
    if (training && input.numel() / Math.max(1, input.size(1)) <= 1) {
      throw new IllegalArgumentException(
          "batchNorm: expected more than 1 value per channel when training, got input of shape "
              + Shape.format(input.shape()));
    }
  }

  private static void checkChannels(Tensor input, String name, Tensor t) {
    if (t == null) {
      return;
    }
    if (t.dim() != 1 || t.size(0) != input.size(1)) {
      throw new IllegalArgumentException(
          "batchNorm: "
              + name
              + " of shape "
              + Shape.format(t.shape())
              + " does not match the "
              + input.size(1)
              + " channels of input "
              + Shape.format(input.shape())
              + "; expected ["
              + input.size(1)
              + "]");
    }
    ConvolutionOps.checkSameType("batchNorm", input, name, t);
  }

  /**
   * PyTorch's CPU {@code dropout}: in training each element is kept with probability 1 − p and
   * scaled by 1/(1 − p), or zeroed, the mask drawn from {@code generator}; p = 0 and evaluation
   * return {@code input} itself, p = 1 gives zeros. The node is {@code MulBackward0}, as PyTorch's
   * CPU dropout is a product with its mask.
   */
  public static Tensor dropout(Tensor input, double p, boolean training, Generator generator) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "dropout: probability has to be between 0 and 1, but got " + p);
    }
    if (!training || p == 0 || input.numel() == 0) {
      return input;
    }
    ConvolutionOps.checkFloating("dropout", input);
    // drawn on the host, so that a GPU model draws the CPU's numbers, then moved to the input
    Tensor mask = dropoutMask(input, p, generator).to(input.device());
    Tensor y = backend().binary(ElementwiseOp.MULTIPLY, input, mask, input.dtype());
    return Ops.record(TensorOp.DROPOUT, OpParams.none(), y, input, mask);
  }

  /**
   * The mask dropout multiplies {@code input} by: per element, 1/(1 − p) with probability 1 − p
   * (one uniform draw from {@code generator} each, in row-major order), else 0.
   */
  public static Tensor dropoutMask(Tensor input, double p, Generator generator) {
    Tensor mask = Tensor.empty(input.dtype(), input.shape());
    double keep = 1 - p;
    double scale = p == 1 ? 0 : 1 / keep;
    for (int i = 0, n = mask.numel(); i < n; i++) {
      mask.storage().set(i, generator.nextUniform() < keep ? scale : 0);
    }
    return mask;
  }
}
