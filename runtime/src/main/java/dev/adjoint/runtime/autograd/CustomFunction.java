package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * A differentiable tensor function with a hand-written backward (PyTorch's {@code
 * autograd.Function}), for both engines: the dynamic tape records a call as one node, named by
 * {@link #name()}, and the annotation processor calls {@code forward} in a generated adjoint's
 * forward sweep and {@code backward} in its reverse sweep.
 *
 * <p>A subclass declares one public {@code forward} and one public {@code backward} (the rules are
 * {@link CustomFunctionSignature}'s; the processor checks them at build time, diagnostic ADJ114,
 * and {@link #apply} at its first call):
 *
 * <pre>{@code
 * public final class Swish extends CustomFunction {
 *   public static final Swish SWISH = new Swish();
 *
 *   // x·σ(x), computed with recording off
 *   public Tensor forward(Tensor x) {
 *     return x.mul(x.sigmoid());
 *   }
 *
 *   // d/dx x·σ(x) = σ(x)·(1 + x·(1 − σ(x))); reads the saved x
 *   public Tensor backward(Tensor grad, Tensor x) {
 *     Tensor s = x.sigmoid();
 *     return grad.mul(s.mul(x.mul(s.neg().add(1)).add(1)));
 *   }
 * }
 *
 * Tensor y = Swish.SWISH.apply(x); // y.gradFn().name() is "SwishBackward"
 * }</pre>
 *
 * <p>The saved tensors are declared by backward's parameters: it receives the values forward was
 * called with and, when it declares a last {@code Tensor result}, forward's result. The tape keeps
 * those (and their versions: a saved tensor changed in place is an error at backward, as for every
 * node); generated code keeps them as it keeps any operand. Each gradient backward returns must
 * have its input's shape; it is converted to its input's dtype.
 */
public abstract class CustomFunction {
  private static final ClassValue<CustomFunctionMethods> METHODS =
      new ClassValue<>() {
        @Override
        protected CustomFunctionMethods computeValue(Class<?> type) {
          return CustomFunctionMethods.of(type);
        }
      };

  protected CustomFunction() {}

  /** The name of the tape's node for a call ({@code gradFn().name()}): the class's + "Backward". */
  public String name() {
    return getClass().getSimpleName() + "Backward";
  }

  /**
   * {@code forward(args)}, recorded on the tape as one node when gradients are being recorded and a
   * tensor argument requires grad. {@code args} are forward's arguments: tensors, and Java numbers
   * for its number parameters.
   */
  @SuppressWarnings("try") // the scope only restores grad mode on close
  public final Tensor apply(Object... args) {
    CustomFunctionMethods methods = METHODS.get(getClass());
    Object[] values = methods.forwardArguments(args);
    Tensor[] inputs = methods.tensors(values);
    Tensor y;
    try (GradMode.Scope scope = GradMode.noGrad()) {
      y = methods.forward(this, values);
    }
    if (!Ops.recording(inputs)) {
      return y;
    }
    if (y.gradFn() != null || y.requiresGrad() || Arrays.asList(inputs).contains(y)) {
      y = y.detach(); // the node's own result, not an operand's identity
    }
    Node node = new CustomFunctionNode(this, methods, values, Ops.edges(inputs), y);
    y.autogradMeta().setGradFn(node);
    AnomalyMode.recorded(node, y, inputs);
    return y;
  }

  /**
   * The gradient {@code backward} returned for tensor input {@code input} (its operand {@code
   * operand}), checked: generated code calls this on a one-input function's backward.
   */
  public static Tensor share(CustomFunction function, Tensor grad, int input, Tensor operand) {
    return checked(function, grad, input, operand);
  }

  /** Entry {@code input} of what {@code backward} returned, checked; for several inputs. */
  public static Tensor share(CustomFunction function, Tensor[] grads, int input, Tensor operand) {
    return checked(function, entry(function, grads, input), input, operand);
  }

  static Tensor entry(CustomFunction function, Tensor[] grads, int input) {
    if (grads == null) {
      return null;
    }
    return input < grads.length ? grads[input] : wrongCount(function, grads.length);
  }

  private static Tensor wrongCount(CustomFunction function, int length) {
    CustomFunctionMethods methods = METHODS.get(function.getClass());
    throw new IllegalStateException(
        function.getClass().getSimpleName()
            + ".backward returned "
            + length
            + " gradients; forward takes "
            + methods.tensorCount()
            + " tensors: return one gradient (or null) per tensor parameter, in order");
  }

  /** {@code grad} if it fits {@code operand}; converted to its dtype; an error naming both. */
  static Tensor checked(CustomFunction function, Tensor grad, int input, Tensor operand) {
    if (grad == null) {
      return null;
    }
    if (!Arrays.equals(grad.shape(), operand.shape())) {
      throw new IllegalStateException(
          function.name()
              + ": "
              + function.getClass().getSimpleName()
              + ".backward returned a gradient of shape "
              + Shape.format(grad.shape())
              + " for tensor input "
              + input
              + ", of shape "
              + Shape.format(operand.shape())
              + "; return a gradient of its input's shape (sum a broadcast one back with"
              + " Adjoints.algebra().sumToShapeOf(g, input))");
    }
    return grad.dtype() == operand.dtype() ? grad : grad.to(operand.dtype());
  }
}
