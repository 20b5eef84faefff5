package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.tensor.Tensor;

/**
 * The tape's record of a {@link CustomFunction} call: one node, named by the function, whose
 * backward is the function's own. It keeps forward's arguments (tensors with their versions) and,
 * when backward declares it, forward's result.
 */
final class CustomFunctionNode extends Node {
  private final CustomFunction function;
  private final CustomFunctionMethods methods;
  private final Object[] numbers;

  CustomFunctionNode(
      CustomFunction function,
      CustomFunctionMethods methods,
      Object[] values,
      Node[] next,
      Tensor y) {
    super(function.name(), next);
    this.function = function;
    this.methods = methods;
    // tensors go through save() (versions checked at backward); numbers are kept as they are
    this.numbers = values.clone();
    Tensor[] inputs = methods.tensors(values);
    Tensor[] saved = inputs;
    if (methods.takesResult()) {
      saved = java.util.Arrays.copyOf(inputs, inputs.length + 1);
      saved[inputs.length] = y;
    }
    save(saved);
    for (int i = 0; i < numbers.length; i++) {
      if (numbers[i] instanceof Tensor) {
        numbers[i] = null;
      }
    }
  }

  @Override
  Tensor[] apply(Tensor g) {
    Object[] values = numbers.clone();
    Tensor[] inputs = new Tensor[next.length];
    for (int i = 0, k = 0; i < values.length; i++) {
      if (values[i] == null) {
        inputs[k] = saved(k);
        values[i] = inputs[k++];
      }
    }
    Tensor y = methods.takesResult() ? saved(next.length) : null;
    Tensor[] grads = methods.backward(function, g, values, y);
    for (int i = 0; i < grads.length; i++) {
      grads[i] = next[i] == null ? null : CustomFunction.checked(function, grads[i], i, inputs[i]);
    }
    return grads;
  }
}
