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
  NLL_LOSS("NllLossBackward0", 2);

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

  /** Whether operand {@code i} can receive a gradient (indices, masks and conditions cannot). */
  public boolean isDifferentiable(int i) {
    return switch (this) {
      case INDEX_SELECT, GATHER, MASKED_FILL, NLL_LOSS -> i == 0;
      case WHERE -> i > 0;
      default -> true;
    };
  }
}
