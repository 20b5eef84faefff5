package dev.adjoint.examples.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.io.Safetensors;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * R6 against torchvision's own {@code resnet18} in PyTorch: torchvision's initialised weights,
 * exported as safetensors, load into our ResNet by name (every key, shape and dtype must fit), and
 * one training step on either engine (the tape, the generated {@code ResNetGrad}) gives PyTorch's
 * loss, gradients and state after the SGD-momentum step, in float64. Needs Python with torch and
 * torchvision, so it is not part of {@code mvn verify}: {@code mvn -pl examples -am test
 * -Dtest=ResNetTorchvisionTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dadjoint.python=/usr/bin/python3}.
 */
@EnabledIfSystemProperty(named = "adjoint.python", matches = ".+")
class ResNetTorchvisionTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{1}, batch {0}")
  @CsvSource({"1, TAPE", "4, TAPE", "1, GENERATED", "4, GENERATED"})
  void aStepFromTorchvisionsWeightsGivesPyTorchsNumbers(int batch, ResNetTrainingStep.Engine engine)
      throws IOException, InterruptedException {
    Process python =
        new ProcessBuilder(
                System.getProperty("adjoint.python"),
                "src/test/python/torchvision_r6_reference.py",
                dir.toString(),
                Integer.toString(batch))
            .inheritIO()
            .start();
    assertEquals(0, python.waitFor(), "the Python reference failed");
    Map<String, Tensor> inputs =
        new LinkedHashMap<>(Safetensors.read(dir.resolve("inputs.safetensors")));
    Tensor data = inputs.remove("data");
    Tensor labels = inputs.remove("labels");
    ResNet model = ResNet.resnet18(1000, DType.FLOAT64, new Generator(0));
    model.loadStateDict(inputs);

    Tensor loss =
        ResNetTrainingStep.step(new ResNetTrainingStep.Inputs(model, data, labels), engine);

    Map<String, Tensor> reference = Safetensors.read(dir.resolve("reference.safetensors"));
    double want = reference.get("loss").item();
    assertEquals(want, loss.item(), 1e-9 * Math.abs(want), "loss");
    List<String> failures = new ArrayList<>();
    model
        .namedParameters()
        .forEach((name, p) -> compare(failures, "grad." + name, p.grad(), reference));
    model.stateDict().forEach((name, t) -> compare(failures, "after." + name, t, reference));
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }

  private static void compare(
      List<String> failures, String key, Tensor ours, Map<String, Tensor> reference) {
    double[] a = ours.toArray();
    double[] b = reference.get(key).toArray();
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    if (!(diff <= 1e-9 * scale) && diff != 0) {
      failures.add(key + ": max |difference| " + diff + " against max |PyTorch| " + scale);
    }
  }
}
