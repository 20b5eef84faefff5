package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link CustomFunction} subclass's {@code forward} and {@code backward}, found by reflection and
 * checked by {@link CustomFunctionSignature}'s rules once per class (for code not built with the
 * processor, which checks them at build time).
 */
final class CustomFunctionMethods {
  private final String function;
  private final Method forward;
  private final Method backward;
  private final List<String> forwardTypes;
  private final boolean takesResult;

  private CustomFunctionMethods(
      String function, Method forward, Method backward, List<String> forwardTypes) {
    this.function = function;
    this.forward = forward;
    this.backward = backward;
    this.forwardTypes = forwardTypes;
    this.takesResult =
        CustomFunctionSignature.takesResult(forwardTypes.size(), backward.getParameterCount());
  }

  static CustomFunctionMethods of(Class<?> type) {
    String function = type.getSimpleName();
    Method forward = single(type, "forward", "public Tensor forward(Tensor x)");
    List<String> types = typeNames(forward);
    List<String> names = Arrays.stream(forward.getParameters()).map(Parameter::getName).toList();
    fail(
        CustomFunctionSignature.checkForward(
                function, types, names, forward.getReturnType().getTypeName())
            .orElse(null));
    Method backward =
        single(type, "backward", CustomFunctionSignature.expectedBackward(types, names, false));
    fail(
        CustomFunctionSignature.checkBackward(
                function, types, names, typeNames(backward), backward.getReturnType().getTypeName())
            .orElse(null));
    forward.trySetAccessible(); // a public method of a class that is not public
    backward.trySetAccessible();
    return new CustomFunctionMethods(function, forward, backward, types);
  }

  private static Method single(Class<?> type, String name, String example) {
    List<Method> found =
        Arrays.stream(type.getMethods())
            .filter(m -> m.getName().equals(name) && !Modifier.isStatic(m.getModifiers()))
            .filter(m -> !m.isBridge() && !m.isSynthetic())
            .toList();
    if (found.size() != 1) {
      fail(CustomFunctionSignature.missing(type.getSimpleName(), name, found.size(), example));
    }
    return found.get(0);
  }

  private static List<String> typeNames(Method m) {
    return Arrays.stream(m.getParameterTypes()).map(Class::getTypeName).toList();
  }

  private static void fail(String problem) {
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
  }

  /** How many of forward's parameters are tensors. */
  int tensorCount() {
    return CustomFunctionSignature.tensorCount(forwardTypes);
  }

  /** {@code args} checked against forward's parameters, numbers converted to their types. */
  Object[] forwardArguments(Object[] args) {
    if (args.length != forwardTypes.size()) {
      throw new IllegalArgumentException(
          function
              + ".apply: forward takes "
              + forwardTypes.size()
              + " arguments "
              + forwardTypes.stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList()
              + ", got "
              + args.length);
    }
    Object[] values = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      String type = forwardTypes.get(i);
      Object a = args[i];
      if (CustomFunctionSignature.isTensor(type) ? a instanceof Tensor : a instanceof Number) {
        values[i] = CustomFunctionSignature.isTensor(type) ? a : convert((Number) a, type);
      } else {
        throw new IllegalArgumentException(
            function
                + ".apply: argument "
                + i
                + " must be a "
                + type.substring(type.lastIndexOf('.') + 1)
                + ", not "
                + (a == null ? "null" : a.getClass().getSimpleName()));
      }
    }
    return values;
  }

  private static Object convert(Number n, String type) {
    return switch (type) {
      case "double" -> n.doubleValue();
      case "float" -> n.floatValue();
      case "int" -> n.intValue();
      default -> n.longValue();
    };
  }

  /** The tensor arguments among {@code values}, in order. */
  Tensor[] tensors(Object[] values) {
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (CustomFunctionSignature.isTensor(forwardTypes.get(i))) {
        out.add((Tensor) values[i]);
      }
    }
    return out.toArray(new Tensor[0]);
  }

  /** Whether backward reads forward's result, which the node then keeps. */
  boolean takesResult() {
    return takesResult;
  }

  Tensor forward(CustomFunction self, Object[] values) {
    Object y = invoke(forward, self, values);
    if (y == null) {
      throw new IllegalStateException(function + ".forward returned null; return a Tensor");
    }
    return (Tensor) y;
  }

  /** backward's gradients, one per tensor input ({@code null}: none). */
  Tensor[] backward(CustomFunction self, Tensor g, Object[] values, Tensor y) {
    Object[] args = new Object[backward.getParameterCount()];
    args[0] = g;
    System.arraycopy(values, 0, args, 1, values.length);
    if (takesResult) {
      args[args.length - 1] = y;
    }
    Object out = invoke(backward, self, args);
    int n = tensorCount();
    Tensor[] grads = new Tensor[n];
    for (int i = 0; i < n; i++) {
      grads[i] = n == 1 ? (Tensor) out : CustomFunction.entry(self, (Tensor[]) out, i);
    }
    return grads;
  }

  private Object invoke(Method m, CustomFunction self, Object[] args) {
    try {
      return m.invoke(self, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(function + "." + m.getName() + " failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          function + "." + m.getName() + " is not accessible: make " + function + " public", e);
    }
  }
}
