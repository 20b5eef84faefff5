package dev.adjoint.processor.ir;

import java.util.List;

/**
 * A call of a user's {@code CustomFunction} ({@code Swish.SWISH.apply(x)}) in differentiated tensor
 * code: the forward sweep calls its {@code forward}, the reverse sweep its {@code backward}.
 *
 * @param instance how generated code names the function object ({@code Swish.SWISH})
 * @param className the function's simple class name, for comments and messages
 * @param tensorParameters for each of forward's parameters, whether it is a tensor (an operand that
 *     receives a gradient) rather than a Java number
 * @param takesResult whether backward declares forward's result as its last parameter
 */
public record CustomFunctionRef(
    String instance, String className, List<Boolean> tensorParameters, boolean takesResult) {
  public CustomFunctionRef {
    tensorParameters = List.copyOf(tensorParameters);
  }

  /** Whether forward's parameter {@code i} is a tensor. */
  public boolean isTensor(int i) {
    return tensorParameters.get(i);
  }

  /** The index of parameter {@code i} among forward's tensor parameters. */
  public int tensorIndex(int i) {
    int k = 0;
    for (int j = 0; j < i; j++) {
      k += tensorParameters.get(j) ? 1 : 0;
    }
    return k;
  }

  /**
   * Whether backward returns one {@code Tensor} (forward takes one tensor), not a {@code Tensor[]}.
   */
  public boolean oneGradient() {
    return tensorParameters.stream().filter(t -> t).count() == 1;
  }
}
