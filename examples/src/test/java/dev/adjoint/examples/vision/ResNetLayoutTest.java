package dev.adjoint.examples.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Our ResNet's state dict against torchvision's: the same keys in the same order, each with the
 * same shape and dtype, parameters and buffers where torchvision has them. The expected lists were
 * written by torchvision 0.14 ({@code src/test/python/torchvision_state_dicts.py}).
 */
class ResNetLayoutTest {
  /** One line of the torchvision list: {@code name dtype shape parameter|buffer}. */
  private record Entry(String name, String dtype, String shape, boolean parameter) {}

  private static List<Entry> torchvision(String model) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                ResNetLayoutTest.class.getResourceAsStream(model + "_state_dict.txt"),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(" ", -1);
        out.add(new Entry(f[0], f[1], f[2], f[3].equals("parameter")));
      }
    }
    return out;
  }

  private static List<Entry> ours(ResNet model) {
    Map<String, Tensor> params = model.namedParameters();
    List<Entry> out = new ArrayList<>();
    model
        .stateDict()
        .forEach(
            (name, t) ->
                out.add(
                    new Entry(
                        name,
                        t.dtype().displayName(),
                        Arrays.stream(t.shape())
                            .mapToObj(Integer::toString)
                            .collect(Collectors.joining(",")),
                        params.containsKey(name))));
    return out;
  }

  /** One model for the tests that only read it: building one draws 23 million numbers. */
  private static final ResNet RESNET18 = ResNet.resnet18(new Generator(1));

  @Test
  void resnet18HasTorchvisionsStateDict() throws IOException {
    ResNet model = RESNET18;
    assertEquals(torchvision("resnet18"), ours(model));
    assertEquals(62, model.parameters().size());
    assertEquals(11_689_512, model.parameters().stream().mapToInt(Tensor::numel).sum());
  }

  @Test
  void resnet34HasTorchvisionsStateDict() throws IOException {
    ResNet model = ResNet.resnet34(new Generator(0));
    assertEquals(torchvision("resnet34"), ours(model));
    assertEquals(110, model.parameters().size());
  }

  @Test
  void onlyTheFirstBlockOfALayerThatChangesShapeHasADownsample() {
    ResNet model = RESNET18;
    assertNull(model.layer(1).get(0).downsample());
    for (int layer = 2; layer <= 4; layer++) {
      assertEquals(2, model.layer(layer).get(0).downsample().layers().size());
      assertNull(model.layer(layer).get(1).downsample());
    }
    assertArrayEquals(new int[] {1000, 512}, model.fc().weight().shape());
  }

  @Test
  void initialisationIsTorchvisions() {
    ResNet model = RESNET18;
    // kaiming_normal_(fan_out, relu): std √(2 / (out · kH · kW))
    assertStd(model.layer(3).get(1).conv2().weight(), Math.sqrt(2.0 / (256 * 9)));
    assertStd(model.conv1().weight(), Math.sqrt(2.0 / (64 * 49)));
    for (int layer = 1; layer <= 4; layer++) {
      for (BasicBlock block : model.layer(layer)) {
        assertTrue(block.bn1().weight().allClose(block.bn1().weight().onesLike(), 0, 0));
        assertTrue(block.bn2().bias().allClose(block.bn2().bias().zerosLike(), 0, 0));
      }
    }
    // the classifier keeps Linear's U(±1/√512)
    double bound = 1 / Math.sqrt(512);
    for (double w : model.fc().weight().toArray()) {
      assertTrue(Math.abs(w) <= bound);
    }
    assertTrue(model.isTraining());
    model.eval();
    assertFalse(model.layer(4).get(1).bn2().isTraining());
    model.train();
  }

  private static void assertStd(Tensor w, double want) {
    double sq = 0;
    for (double v : w.toArray()) {
      sq += v * v;
    }
    double std = Math.sqrt(sq / w.numel());
    assertEquals(want, std, 6 * want / Math.sqrt(2 * w.numel()), "std of " + w.numel());
  }
}
