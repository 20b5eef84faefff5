package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * PyTorch's {@code nn.BatchNorm2d}: per channel of an [N, C, H, W] input, {@code y = (x − μ)/√(σ² +
 * eps)·weight + bias}.
 *
 * <ul>
 *   <li>In training, μ and σ² are the batch's (over N, H, W; the biased variance), and the running
 *       statistics move towards them: {@code running = (1 − momentum)·running + momentum·batch},
 *       with the unbiased variance for {@code running_var}; {@code num_batches_tracked} counts the
 *       training calls.
 *   <li>In evaluation, μ and σ² are the running statistics.
 * </ul>
 *
 * Defaults as PyTorch's: eps 1e-5, momentum 0.1, affine (weight 1, bias 0, parameters), tracking
 * running statistics (buffers {@code running_mean} 0, {@code running_var} 1, {@code
 * num_batches_tracked} an int64 scalar 0). Without tracking there are no buffers and the batch's
 * statistics are used in both modes.
 */
public final class BatchNorm2d extends Module {
  private final int numFeatures;
  private final double eps;
  private final double momentum;
  private final Tensor weight;
  private final Tensor bias;
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final Tensor numBatchesTracked;

  /** PyTorch's defaults, float32. */
  public BatchNorm2d(int numFeatures) {
    this(numFeatures, DType.FLOAT32);
  }

  /** PyTorch's defaults in {@code dtype}. */
  public BatchNorm2d(int numFeatures, DType dtype) {
    this(numFeatures, 1e-5, 0.1, true, true, dtype);
  }

  public BatchNorm2d(
      int numFeatures,
      double eps,
      double momentum,
      boolean affine,
      boolean trackRunningStats,
      DType dtype) {
    if (numFeatures <= 0) {
      throw new IllegalArgumentException("BatchNorm2d: numFeatures must be positive");
    }
    if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException(
          "BatchNorm2d: eps must be > 0 and momentum in [0, 1], got eps "
              + eps
              + ", momentum "
              + momentum);
    }
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException("BatchNorm2d: dtype must be floating point");
    }
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.weight = affine ? registerParameter("weight", Tensor.ones(dtype, numFeatures)) : null;
    this.bias = affine ? registerParameter("bias", Tensor.zeros(dtype, numFeatures)) : null;
    if (trackRunningStats) {
      runningMean = registerBuffer("running_mean", Tensor.zeros(dtype, numFeatures));
      runningVar = registerBuffer("running_var", Tensor.ones(dtype, numFeatures));
      numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(DType.INT64, 0));
    } else {
      runningMean = null;
      runningVar = null;
      numBatchesTracked = null;
    }
  }

  @Override
  public Tensor forward(Tensor input) {
    if (input.dim() != 4 || input.size(1) != numFeatures) {
      throw new IllegalArgumentException(
          "BatchNorm2d("
              + numFeatures
              + "): expected an input [N, "
              + numFeatures
              + ", H, W], got "
              + Shape.format(input.shape()));
    }
    boolean training = isTraining();
    if (training && numBatchesTracked != null) {
      numBatchesTracked.fillInPlace(numBatchesTracked.item() + 1);
    }
    // without running statistics, the batch's are used in evaluation too (PyTorch's bn_training)
    boolean batchStatistics = training || runningMean == null;
    return Functional.batchNorm(
        input, runningMean, runningVar, weight, bias, batchStatistics, momentum, eps);
  }

  public int numFeatures() {
    return numFeatures;
  }

  public double eps() {
    return eps;
  }

  public double momentum() {
    return momentum;
  }

  /** The scale γ, or {@code null} when not affine. */
  public Tensor weight() {
    return weight;
  }

  /** The shift β, or {@code null} when not affine. */
  public Tensor bias() {
    return bias;
  }

  /** The running mean, or {@code null} when running statistics are not tracked. */
  public Tensor runningMean() {
    return runningMean;
  }

  /** The running (unbiased) variance, or {@code null} when not tracked. */
  public Tensor runningVar() {
    return runningVar;
  }

  /** The number of training calls so far, or {@code null} when not tracked. */
  public Tensor numBatchesTracked() {
    return numBatchesTracked;
  }

  @Override
  public String toString() {
    return "BatchNorm2d("
        + numFeatures
        + ", eps="
        + eps
        + ", momentum="
        + momentum
        + ", affine="
        + (weight != null ? "True" : "False")
        + ", track_running_stats="
        + (runningMean != null ? "True" : "False")
        + ")";
  }
}
