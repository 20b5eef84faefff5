package dev.adjoint.examples.tensors;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.gradcheck.GradCheck;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The comparison of the two engines that the tensor tests share: a {@code @Differentiable} method
 * called on tensors that require grad (the dynamic tape, then {@code backward}) and its generated
 * {@code ...Backward} method must give the same value and the same gradients (relative 1e-9) from
 * equal inputs, and leave no gradient on inputs that do not require one; the tape's gradients are
 * checked against central differences too ({@link GradCheck}), so both engines are checked against
 * an independent reference.
 */
final class EngineAgreement {
  private EngineAgreement() {}

  /** An input: its value, and whether it requires grad. */
  record Input(Tensor value, boolean requiresGrad) {}

  /** An input that requires grad. */
  static Input trainable(Tensor value) {
    return new Input(value, true);
  }

  /** An input that does not require grad (data, a mask, labels). */
  static Input data(Tensor value) {
    return new Input(value, false);
  }

  private static List<Tensor> fresh(List<Input> inputs) {
    List<Tensor> out = new ArrayList<>();
    for (Input in : inputs) {
      Tensor t = in.value().detach().copy();
      out.add(in.requiresGrad() ? t.requiresGrad(true) : t);
    }
    return out;
  }

  /**
   * Runs {@code method} on the tape and {@code generated} without one, from equal inputs, and
   * compares value and gradients ({@link #compareEngines}); then checks the tape against central
   * differences. {@code seed} is null for a one-element result.
   */
  static void agree(
      String name,
      Function<List<Tensor>, Tensor> method,
      BiFunction<List<Tensor>, Tensor, Tensor> generated,
      Tensor seed,
      Input... inputs) {
    compareEngines(name, method, generated, seed, inputs);
    List<Tensor> values = new ArrayList<>();
    for (Input input : inputs) {
      values.add(input.value());
    }
    // for a larger result GradCheck takes a random seed of its own: the Jacobian is checked too
    GradCheck.Result check = GradCheck.check(method, values.toArray(new Tensor[0]));
    assertTrue(check.passed(), name + ": " + check);
  }

  /**
   * The two engines alone, for methods where finite differences are no reference ({@code detach()}
   * stops a derivative that the function's values still have).
   */
  static void compareEngines(
      String name,
      Function<List<Tensor>, Tensor> method,
      BiFunction<List<Tensor>, Tensor, Tensor> generated,
      Tensor seed,
      Input... inputs) {
    List<Input> in = Arrays.asList(inputs);
    List<Tensor> onTape = fresh(in);
    Tensor tapeValue = method.apply(onTape);
    if (seed == null) {
      tapeValue.backward();
    } else {
      tapeValue.backward(seed);
    }
    List<Tensor> written = fresh(in);
    Tensor value = generated.apply(written, seed);
    assertTrue(value.allClose(tapeValue.detach(), 1e-12, 0), name + ": value " + value);
    // the generated value is not on the tape: no graph behind it, and no grad required unless
    // it is an input itself (a method may return its parameter, as loopVectorResult does for n = 0)
    assertNull(value.gradFn(), name + ": the generated value is not on the tape");
    assertTrue(
        !value.requiresGrad() || written.stream().anyMatch(t -> t == value),
        name + ": the generated value is not on the tape");
    for (int i = 0; i < inputs.length; i++) {
      if (!inputs[i].requiresGrad()) {
        assertNull(written.get(i).grad(), name + ": input " + i + " needs no gradient");
        continue;
      }
      Tensor expected = onTape.get(i).grad();
      Tensor actual = written.get(i).grad();
      if (expected == null) {
        // no path from this input to the result: .grad stays null on both engines
        assertNull(actual, name + ": input " + i + " does not reach the result");
        continue;
      }
      assertTrue(actual != null, name + ": input " + i + " got no gradient; tape " + expected);
      assertTrue(
          actual.allClose(expected, 1e-9, 1e-12),
          name + ": gradient of input " + i + "\ntape      " + expected + "\ngenerated " + actual);
    }
  }
}
