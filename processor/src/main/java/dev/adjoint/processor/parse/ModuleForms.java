package dev.adjoint.processor.parse;

import dev.adjoint.runtime.rules.TensorOp;
import java.util.List;

/**
 * How the forward of each runtime {@code nn} module is written in generated code, as data: the
 * operations {@link ModuleCalls} lowers a module call to, each with the runtime rule that
 * differentiates it ({@link TensorForm}'s notation: {@code {0}} the operands, {@code {p0}} the
 * parameters, here the module's configuration read through its accessors). The forward templates
 * call {@code Adjoints}' module functions, which run exactly what the module's forward runs on the
 * tape.
 */
final class ModuleForms {
  private ModuleForms() {}

  /** {@code Linear}: {@code x · weightᵀ}, then its bias. */
  static final TensorForm TRANSPOSE = TensorOpTable.TRANSPOSE;

  static final TensorForm MATMUL = TensorOpTable.MATMUL;

  static final TensorForm LINEAR_BIAS = TensorOpTable.LINEAR_BIAS;

  /** {@code Conv2d}: the convolution with the layer's stride, padding, dilation and groups. */
  static final TensorForm CONV2D =
      form(
          TensorOp.CONV2D,
          "{ModuleAdjoints}.conv2d({0}, {1}, {2}, {p0}, {p1}, {p2}, {p3})",
          "{ModuleAdjoints}.convolution({p0}, {p1}, {p2}, {p3})",
          true);

  static final TensorForm MAX_POOL2D =
      form(
          TensorOp.MAX_POOL2D,
          "{ModuleAdjoints}.maxPool2d({0}, {p0}, {p1}, {p2}, {p3}, {p4})",
          "{ModuleAdjoints}.maxPooling({p0}, {p1}, {p2}, {p3}, {p4})",
          true);

  static final TensorForm ADAPTIVE_AVG_POOL2D =
      form(
          TensorOp.ADAPTIVE_AVG_POOL2D,
          "{ModuleAdjoints}.adaptiveAvgPool2d({0}, {p0}, {p1})",
          "{OpParams}.ints({p0}, {p1})",
          true);

  /** {@code ReLU}: {@code x.relu()}, as {@code Tensor}'s own row writes it. */
  static final TensorForm RELU =
      ((TensorOpTable.Applied) TensorOpTable.method("relu", List.of()).orElseThrow()).form();

  /** {@code Flatten}: {@code x.flatten(startDim)}; the rule reshapes the adjoint back. */
  static final TensorForm FLATTEN =
      form(TensorOp.RESHAPE, "{0}.flatten({p0})", "{OpParams}.none()", false);

  /**
   * {@code Dropout}'s mask, drawn from the module's generator on the input detached: a constant of
   * the product, which the forward sweep computes once (the operation named never differentiates
   * it: its operand carries no derivative).
   */
  static final TensorForm DROPOUT_MASK =
      form(
          TensorOp.CONTIGUOUS,
          "{ModuleAdjoints}.dropoutMask({0}, {p0}, {p1}, {p2})",
          "{OpParams}.none()",
          true);

  /** {@code Dropout}: the input times its mask; the rule multiplies the adjoint by the mask. */
  static final TensorForm DROPOUT =
      form(TensorOp.DROPOUT, "{0}.mul({1})", "{OpParams}.none()", true);

  /**
   * {@code BatchNorm2d}'s statistics, [2, C] (mean; invstd), on the input detached, updating the
   * running statistics in training: run once per call, in the forward sweep.
   */
  static final TensorForm BATCH_NORM_STATISTICS =
      form(
          TensorOp.CONTIGUOUS,
          "{ModuleAdjoints}.batchNormStatistics({0}, {p0}, {p1}, {p2}, {p3}, {p4}, {p5})",
          "{OpParams}.none()",
          true);

  /**
   * The normalisation, with the statistics as operands 3 and 4; its rule's flag says whether they
   * are the batch's (training, or no running statistics), as {@code BatchNorm2d.forward} decides.
   */
  static final TensorForm BATCH_NORM =
      form(
          TensorOp.BATCH_NORM,
          "{ModuleAdjoints}.batchNorm({0}, {1}, {2}, {3}, {4})",
          "{OpParams}.ints({p0} || {p1} == null ? 1 : 0)",
          true);

  /** Row {@code row} of the batch-norm statistics: 0 the mean, 1 the inverse deviation. */
  static TensorForm statisticsRow(int row) {
    return form(
        TensorOp.SELECT,
        "{0}.select(0, " + row + ")",
        "{Adjoints}.selection({0}, 0, " + row + ")",
        false);
  }

  private static TensorForm form(TensorOp op, String forward, String params, boolean fresh) {
    return new TensorForm(null, op, n -> forward, n -> params, null, fresh);
  }
}
