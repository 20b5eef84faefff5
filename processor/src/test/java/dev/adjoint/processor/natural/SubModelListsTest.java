package dev.adjoint.processor.natural;

import static dev.adjoint.processor.natural.TapeAgreement.call;
import static dev.adjoint.processor.natural.TapeAgreement.callStatic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
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
        () -> callStatic(grad("Stack"), "forwardBackward", stack, x, seed).mul(seed).sum());
  }

  @Test
  void theRuntimesLinearLayersInAList() throws ReflectiveOperationException {
    Generator gen = new Generator(13);
    Object layers = model("Layers", 4, 3, gen); // the last layer has no bias
    Tensor x = input(gen, 6, 4);
    TapeAgreement.agree(
        "Layers.loss",
        parameters(layers),
        () -> call(layers, "loss", x),
        () -> callStatic(grad("Layers"), "lossBackward", layers, x));
    Tensor y = input(gen, 6, 4).requiresGrad(true);
    Tensor seed = input(gen, 6, 4);
    List<Tensor> leaves = new ArrayList<>(parameters(layers));
    leaves.add(y);
    TapeAgreement.agree(
        "Layers.forward",
        leaves,
        () -> call(layers, "forward", y).mul(seed).sum(),
        () -> callStatic(grad("Layers"), "forwardBackward", layers, y, seed).mul(seed).sum());
  }

  /**
   * ADJ102 for a list of lists of sub-models, and its fix applied: {@link #theFixOfAListOfLists}.
   */
  @Test
  void aListOfListsIsReportedWithItsFix() {
    CompiledSources grid =
        CompiledSources.of(
            List.of(
                JavaFileObjects.forSourceLines(
                    "lists.Grid",
                    "package lists;",
                    "import dev.adjoint.annotations.Differentiable;",
                    "import dev.adjoint.runtime.tensor.Tensor;",
                    "import java.util.List;",
                    "public final class Grid {",
                    "  final List<List<Layer>> rows = List.of();",
                    "  @Differentiable",
                    "  public Tensor forward(Tensor x) {",
                    "    for (List<Layer> row : rows) {",
                    "      for (Layer l : row) {",
                    "        x = l.forward(x).tanh();",
                    "      }",
                    "    }",
                    "    return x;",
                    "  }",
                    "}"),
                layerSource()));
    assertFalse(grid.succeeded());
    assertTrue(
        grid.errors()
            .contains(
                "lists/Grid.java:9: [ADJ102] a for-each over a list of lists of sub-models is not"
                    + " supported in @Differentiable methods; make each inner list a sub-model of"
                    + " its own, a class holding a final java.util.List<lists.Layer> with a"
                    + " @Differentiable forward that loops over it; then hold the outer sub-models"
                    + " in fields of their own and call each in turn"),
        grid.errors());
  }

  /** The rows of a list of lists as sub-models ({@code Stage}) in fields of their own. */
  @Test
  void theFixOfAListOfLists() throws ReflectiveOperationException {
    Generator gen = new Generator(14);
    Object deep = model("Deep", 3, gen);
    Tensor x = input(gen, 4, 3);
    TapeAgreement.agree(
        "Deep.loss",
        parameters(deep),
        () -> call(deep, "loss", x),
        () -> callStatic(grad("Deep"), "lossBackward", deep, x));
  }

  @Test
  void subModelsAndLayersInArrays() throws ReflectiveOperationException {
    Generator gen = new Generator(16);
    Object arrayed = model("Arrayed", 4, gen);
    Tensor x = input(gen, 5, 4);
    TapeAgreement.agree(
        "Arrayed.loss",
        parameters(arrayed),
        () -> call(arrayed, "loss", x),
        () -> callStatic(grad("Arrayed"), "lossBackward", arrayed, x));
  }

  /**
   * A record of settings passed to a tensor method: constants, the layers' gradients as on the
   * tape.
   */
  @Test
  void aRecordOfSettingsIsAConstant() throws ReflectiveOperationException {
    Generator gen = new Generator(15);
    Object configured = model("Configured", 4, gen);
    Tensor x = input(gen, 5, 4);
    Object settings = model("Configured$Settings", 0.7, 1.5, 1);
    TapeAgreement.agree(
        "Configured.loss",
        parameters(configured).subList(2, 6), // the first layer is skipped
        () -> call(configured, "loss", x, settings),
        () -> callStatic(grad("Configured"), "lossBackward", configured, x, settings));
    TapeAgreement.agree(
        "Configured.lossThroughAHelper",
        parameters(configured),
        () -> call(configured, "lossThroughAHelper", x, settings),
        () ->
            callStatic(grad("Configured"), "lossThroughAHelperBackward", configured, x, settings));
    TapeAgreement.agree(
        "Configured.lossThroughRecordHelpers",
        parameters(configured),
        () -> call(configured, "lossThroughRecordHelpers", x, settings),
        () ->
            callStatic(
                grad("Configured"), "lossThroughRecordHelpersBackward", configured, x, settings));
  }

  /** Dropout's generator read through a list's element: in a sub-model, and as the element. */
  @Test
  void dropoutInListsDrawsTheTapesMasks() throws ReflectiveOperationException {
    Object onTape = model("Dropouts", 4, 21L);
    Object generated = model("Dropouts", 4, 21L);
    Tensor x = input(new Generator(22), 5, 4);
    TapeAgreement.agree(
        "Dropouts.loss",
        parameters(onTape),
        parameters(generated),
        () -> call(onTape, "loss", x),
        () -> callStatic(grad("Dropouts"), "lossBackward", generated, x));
  }

  /** Convolutions and batch norms in lists: the passes' configurations and running statistics. */
  @Test
  void convolutionsAndBatchNormsInLists() throws ReflectiveOperationException {
    Object onTape = model("Convolutions", 31L);
    Object generated = model("Convolutions", 31L);
    Tensor x = Tensor.randn(new Generator(32), DType.FLOAT64, 2, 2, 6, 6);
    TapeAgreement.agree(
        "Convolutions.loss",
        parameters(onTape),
        parameters(generated),
        () -> call(onTape, "loss", x),
        () -> callStatic(grad("Convolutions"), "lossBackward", generated, x));
    List<Tensor> tapeBuffers = buffers(onTape);
    List<Tensor> generatedBuffers = buffers(generated);
    assertEquals(6, tapeBuffers.size(), "two means, variances and counts");
    for (int i = 0; i < tapeBuffers.size(); i++) {
      assertTrue(
          generatedBuffers.get(i).allClose(tapeBuffers.get(i), 1e-12, 0),
          "running statistic " + i + " is updated as on the tape");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Tensor> buffers(Object model) throws ReflectiveOperationException {
    return (List<Tensor>) model.getClass().getMethod("buffers").invoke(model);
  }

  private static JavaFileObject layerSource() {
    try {
      return JavaFileObjects.forSourceString(
          "lists.Layer",
          Files.readString(
              Path.of(System.getProperty("adjoint.goldenDir", "src/test/resources"))
                  .resolve("lists/lists/Layer.java")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
