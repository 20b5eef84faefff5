package dev.adjoint.processor.natural;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dynamic tape as the reference for a generated tensor adjoint: the same model's leaves get,
 * from {@code loss.backward()} on the tape and from the generated {@code ...Backward} method, the
 * same {@code .grad()} (relative 1e-9), and every leaf gets one.
 */
final class TapeAgreement {
  private TapeAgreement() {}

  /**
   * Runs {@code onTape} (which records a one-element loss; this calls its {@code backward()}) and
   * {@code generated} (which adds into {@code .grad()} itself and returns the value) from cleared
   * gradients, and compares the values and what each leaf got.
   */
  static void agree(String name, List<Tensor> leaves, Computation onTape, Computation generated)
      throws ReflectiveOperationException {
    agree(name, leaves, leaves, onTape, generated);
  }

  /**
   * {@link #agree} on twins: two models made alike, the tape's run on one ({@code tapeLeaves}) and
   * the generated code's on the other, for a model whose forward changes it (a dropout draws from
   * its generator).
   */
  static void agree(
      String name,
      List<Tensor> tapeLeaves,
      List<Tensor> generatedLeaves,
      Computation onTape,
      Computation generated)
      throws ReflectiveOperationException {
    clear(tapeLeaves);
    Tensor loss = onTape.run();
    assertTrue(loss.requiresGrad(), name + ": the tape recorded the loss");
    loss.backward();
    List<Tensor> expected = new ArrayList<>();
    for (Tensor leaf : tapeLeaves) {
      assertNotNull(leaf.grad(), name + ": the tape gave every leaf a gradient");
      expected.add(leaf.grad().detach().copy());
    }
    clear(tapeLeaves);
    clear(generatedLeaves);
    Tensor value = generated.run();
    assertTrue(
        value.allClose(loss.detach(), 1e-12, 0),
        name + ": value " + value + ", tape " + loss.detach());
    for (int i = 0; i < generatedLeaves.size(); i++) {
      Tensor actual = generatedLeaves.get(i).grad();
      assertNotNull(actual, name + ": leaf " + i + " got no gradient from the generated code");
      assertTrue(
          actual.allClose(expected.get(i), 1e-9, 1e-12),
          name + ": leaf " + i + "\ntape      " + expected.get(i) + "\ngenerated " + actual);
    }
    clear(generatedLeaves);
  }

  /** A computation on tensors, called reflectively on the compiled classes. */
  @FunctionalInterface
  interface Computation {
    Tensor run() throws ReflectiveOperationException;
  }

  /** {@code target.name(args)}, the one method of that name. */
  static Tensor call(Object target, String name, Object... args)
      throws ReflectiveOperationException {
    return invoke(target.getClass(), target, name, args);
  }

  /** The static {@code type.name(args)}, the overload taking {@code args.length} arguments. */
  static Tensor callStatic(Class<?> type, String name, Object... args)
      throws ReflectiveOperationException {
    return invoke(type, null, name, args);
  }

  private static Tensor invoke(Class<?> type, Object target, String name, Object[] args)
      throws ReflectiveOperationException {
    Method method =
        Arrays.stream(type.getDeclaredMethods())
            .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.length)
            .findFirst()
            .orElseThrow(() -> new AssertionError(type + " has no " + name));
    method.setAccessible(true);
    try {
      return (Tensor) method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(type.getSimpleName() + "." + name + " threw", e.getCause());
    }
  }

  private static void clear(List<Tensor> leaves) {
    leaves.forEach(t -> t.setGrad(null));
  }
}
