package dev.adjoint.runtime.rules;

/**
 * The tensor-level primitives: operations that are not elementwise {@link ElementwiseOp}s. Each has
 * its derivative in {@link TensorRules}; a constant added here without a rule there does not
 * compile. The comment on each constant gives its operands and its {@link OpParams}.
 */
public enum TensorOp {
  /** (a, b): PyTorch's matmul. */
  MATMUL("MmBackward0", 2),
  /** (x): sum; ints = dims (all when empty), keepDim. */
  SUM("SumBackward1", 1),
  /** (x): mean; ints = dims (all when empty), keepDim. */
  MEAN("MeanBackward1", 1),
  /** (x): maximum; ints = dims (all when empty), keepDim. Ties share the gradient evenly. */
  AMAX("AmaxBackward0", 1),
  /** (x): the same elements in another shape. */
  RESHAPE("ViewBackward0", 1),
  /** (x): ints = {d0, d1}. */
  TRANSPOSE("TransposeBackward0", 1),
  /** (x): ints = the new order of dimensions. */
  PERMUTE("PermuteBackward0", 1),
  /** (x): ints = {dim, start, length}. */
  NARROW("SliceBackward0", 1),
  /** (x): ints = {dim, index}; the dimension is removed. */
  SELECT("SelectBackward0", 1),
  /** (x): dimensions of size 1 removed. */
  SQUEEZE("SqueezeBackward1", 1),
  /** (x): ints = {dim}. */
  UNSQUEEZE("UnsqueezeBackward0", 1),
  /** (x): broadcast to a larger shape. */
  EXPAND("ExpandBackward0", 1),
  /** (x): a contiguous copy. */
  CONTIGUOUS("CloneBackward0", 1),
  /** (x): converted to another floating-point type. */
  TO_DTYPE("ToCopyBackward0", 1),
  /** (x₀, x₁, ...): concatenation; ints = {dim}. */
  CAT("CatBackward0", -1),
  /** (x, index): ints = {dim}; index is 1-D int64. */
  INDEX_SELECT("IndexSelectBackward0", 2),
  /** (x, index): ints = {dim}. */
  GATHER("GatherBackward0", 2),
  /** (cond, a, b): cond ? a : b. */
  WHERE("WhereBackward0", 3),
  /** (x, mask): reals = {value} written where mask holds. */
  MASKED_FILL("MaskedFillBackward0", 2),
  /** (x): reals = {min, max}. */
  CLAMP("ClampBackward1", 1),
  /** (x): ints = {dim}. */
  SOFTMAX("SoftmaxBackward0", 1),
  /** (x): ints = {dim}. */
  LOG_SOFTMAX("LogSoftmaxBackward0", 1),
  /** (x). */
  SIGMOID("SigmoidBackward0", 1),
  /** (x). */
  RELU("ReluBackward0", 1),
  /** (x): reals = {β, threshold}. */
  SOFTPLUS("SoftplusBackward0", 1),
  /** (input, target): mean of squared differences. */
  MSE_LOSS("MseLossBackward0", 2),
  /** (logits, target): mean binary cross-entropy of sigmoid(logits). */
  BCE_WITH_LOGITS("BinaryCrossEntropyWithLogitsBackward0", 2),
  /** (logProbabilities [N, C], target [N] int64): mean of -logProbabilities[n, target[n]]. */
  NLL_LOSS("NllLossBackward0", 2),
  /**
   * (input [N, C, H, W], weight [O, C/groups, kH, kW]) or (input, weight, bias [O]): 2-D
   * cross-correlation, as PyTorch's conv2d; ints = {@link Conv2dParams#toOpParams}.
   */
  CONV2D("ConvolutionBackward0", -1),
  /**
   * (input [N, C, H, W] or [C, H, W]): the maximum of each window; ints = {@link
   * Pool2dParams#toOpParams}. The gradient goes to the window's first maximum in row-major order
   * (PyTorch's index), or to its last NaN.
   */
  MAX_POOL2D("MaxPool2DWithIndicesBackward0", 1),
  /** (input [N, C, H, W] or [C, H, W]): the mean of each window; ints = {@link Pool2dParams}. */
  AVG_POOL2D("AvgPool2DBackward0", 1),
  /**
   * (input [N, C, H, W] or [C, H, W]): the mean over PyTorch's adaptive windows, rows {@code
   * ⌊i·H/oH⌋ ..< ⌈(i+1)·H/oH⌉}; ints = {outputHeight, outputWidth}.
   */
  ADAPTIVE_AVG_POOL2D("AdaptiveAvgPool2DBackward0", 1),
  /**
   * (input [N, C, ...], weight [C], bias [C], mean [C], invstd [C]): {@code y = (x − mean)·invstd·w
   * + b} per channel (dimension 1); ints = {training}. In training mean and invstd = 1/√(var + ε)
   * are the batch's own statistics (functions of x, which the gradient follows), in evaluation the
   * running ones (constants). Only the first three operands are differentiable.
   */
  BATCH_NORM("NativeBatchNormBackward0", 5),
  /**
   * (input, mask): {@code input·mask} with mask 0 or 1/(1 − p) per element, drawn by the caller;
   * the mask is not differentiable. PyTorch's CPU dropout is this product, hence its name.
   */
  DROPOUT("MulBackward0", 2);

  private final String gradFnName;
  private final int arity;

  TensorOp(String gradFnName, int arity) {
    this.gradFnName = gradFnName;
    this.arity = arity;
  }

  /** The name PyTorch gives the backward node of this operation. */
  public String gradFnName() {
    return gradFnName;
  }

  /** How many operands it takes; -1 for any number. */
  public int arity() {
    return arity;
  }

  /**
   * Whether its result is always a new tensor, never a view of (or the same tensor as) an operand,
   * as the runtime computes it: then a reader of this kind leaves no alias of its operands behind,
   * and the generated code may release an operand once the reader's reverse step has run. Views and
   * the conversions that return their operand when there is nothing to do are not.
   */
  public boolean makesNewTensor() {
    return switch (this) {
      case RESHAPE, TRANSPOSE, PERMUTE, NARROW, SELECT, SQUEEZE, UNSQUEEZE, EXPAND -> false;
      case CONTIGUOUS, TO_DTYPE -> false;
      case WHERE, CLAMP, CAT, CONV2D, MAX_POOL2D, AVG_POOL2D, ADAPTIVE_AVG_POOL2D -> true;
      case BATCH_NORM, DROPOUT -> true;
      case MATMUL, SUM, MEAN, AMAX, INDEX_SELECT, GATHER, MASKED_FILL -> true;
      case SOFTMAX, LOG_SOFTMAX, SIGMOID, RELU, SOFTPLUS -> true;
      case MSE_LOSS, BCE_WITH_LOGITS, NLL_LOSS -> true;
    };
  }

  /** Whether operand {@code i} can receive a gradient (indices, masks and conditions cannot). */
  public boolean isDifferentiable(int i) {
    return switch (this) {
      case INDEX_SELECT, GATHER, MASKED_FILL, NLL_LOSS, DROPOUT -> i == 0;
      case BATCH_NORM -> i < 3;
      case WHERE -> i > 0;
      default -> true;
    };
  }
}
