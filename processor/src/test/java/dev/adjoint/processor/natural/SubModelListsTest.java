package dev.adjoint.processor.natural;

import static dev.adjoint.processor.natural.TapeAgreement.call;
import static dev.adjoint.processor.natural.TapeAgreement.callStatic;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Models whose parameters live in the elements of lists (the sources in {@code
 * src/test/resources/lists/}), compiled with the processor: each generated adjoint gives every
 * element's parameters the gradient {@code loss.backward()} gives them on the dynamic tape.
 */
class SubModelListsTest {
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.of("lists");
    assertTrue(compiled.succeeded(), compiled.errors());
  }

  private static Object model(String name, Object... args) throws ReflectiveOperationException {
    Constructor<?> constructor = compiled.load("lists." + name).getDeclaredConstructors()[0];
    constructor.setAccessible(true);
    return constructor.newInstance(args);
  }

  private static Class<?> grad(String name) {
    return compiled.load("lists." + name + "Grad");
  }

  @SuppressWarnings("unchecked")
  private static List<Tensor> parameters(Object model) throws ReflectiveOperationException {
    return (List<Tensor>) model.getClass().getMethod("parameters").invoke(model);
  }

  private static Tensor input(Generator gen, int rows, int columns) {
    return Tensor.randn(gen, DType.FLOAT64, rows, columns);
  }

  @Test
  void aModelWhoseOnlyParametersAreInAList() throws ReflectiveOperationException {
    Generator gen = new Generator(11);
    Object stack = model("Stack", 4, 3, gen);
    Tensor x = input(gen, 5, 4);
    TapeAgreement.agree(
        "Stack.loss",
        parameters(stack),
        () -> call(stack, "loss", x),
        () -> callStatic(grad("Stack"), "lossBackward", stack, x));
  }

  @Test
  void theInputAndTheListsParametersTogether() throws ReflectiveOperationException {
    Generator gen = new Generator(12);
    Object stack = model("Stack", 4, 3, gen);
    Tensor x = input(gen, 5, 4).requiresGrad(true);
    Tensor seed = input(gen, 5, 4);
    List<Tensor> leaves = new ArrayList<>(parameters(stack));
    leaves.add(x);
    TapeAgreement.agree(
        "Stack.forward",
        leaves,
        () -> call(stack, "forward", x).mul(seed).sum(),
        () -> callStatic(grad("Stack"), "forwardBackward", stack, x, seed));
  }
}
