package dev.adjoint.processor.parse;

import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.TensorOp;
import java.util.function.IntFunction;

/**
 * How one tensor operation is written and differentiated: a row of {@link TensorOpTable} (and of
 * {@link ModuleForms}), in its notation: {@code {0}}, {@code {1}}, ... the operands, {@code {p0}},
 * ... the parameters.
 *
 * @param elementwise its elementwise rule (broadcast), or null
 * @param tensorOp its tensor rule, or null; exactly one of the two is set
 * @param forward how the forward sweep computes it
 * @param params the {@code OpParams} its rule reads (unused for elementwise operations)
 * @param overFirst how the forward sweep computes it over operand {@code {0}} when that is a
 *     temporary nothing else reads, or null where it never does
 * @param freshResult whether its result is a new tensor whose rule does not read it, which the
 *     operation consuming it may therefore overwrite
 * @param mayReturnFirstOperand whether the forward may hand operand {@code {0}} through as its
 *     result (a layer without a bias returns the product itself)
 */
record TensorForm(
    ElementwiseOp elementwise,
    TensorOp tensorOp,
    Template forward,
    Template params,
    Template overFirst,
    boolean freshResult,
    boolean mayReturnFirstOperand) {
  /** A template for {@code count} parameters. */
  @FunctionalInterface
  interface Template extends IntFunction<String> {}

  /** A form whose result is never one of its operands. */
  TensorForm(
      ElementwiseOp elementwise,
      TensorOp tensorOp,
      Template forward,
      Template params,
      Template overFirst,
      boolean freshResult) {
    this(elementwise, tensorOp, forward, params, overFirst, freshResult, false);
  }
}
