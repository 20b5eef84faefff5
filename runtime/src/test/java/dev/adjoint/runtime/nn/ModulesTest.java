package dev.adjoint.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.gradcheck.GradCheck;
import dev.adjoint.runtime.optim.Adam;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers, parameter collection, training, and the state file format with its errors. */
class ModulesTest {
  @TempDir Path dir;

  private static Sequential mlp(long seed) {
    Generator gen = new Generator(seed);
    return new Sequential(
        new Linear(4, 8, gen), Activation.relu(), new Linear(8, 3, gen), Activation.tanh());
  }

  @Test
  void linearInitialisationFollowsPyTorchBounds() {
    Linear layer = new Linear(100, 50, new Generator(1));
    assertArrayEquals(new int[] {50, 100}, layer.weight().shape());
    double bound = 1 / Math.sqrt(100);
    double max = 0;
    for (double w : layer.weight().toArray()) {
      max = Math.max(max, Math.abs(w));
    }
    assertTrue(max <= bound && max > 0.9 * bound, "max |w| = " + max);
    for (double b : layer.bias().toArray()) {
      assertTrue(Math.abs(b) <= bound);
    }
  }

  @Test
  void parametersAreNamedInOrder() {
    Sequential model = mlp(1);
    assertEquals(
        List.of("0.weight", "0.bias", "2.weight", "2.bias"),
        List.copyOf(model.namedParameters().keySet()));
    assertEquals(4, model.parameters().size());
    assertTrue(model.parameters().get(0).requiresGrad());
  }

  @Test
  void linearComputesXWTransposedPlusB() {
    Linear layer = new Linear(3, 2, true, DType.FLOAT64, new Generator(2));
    Tensor x = Tensor.randn(new Generator(3), DType.FLOAT64, 4, 3);
    Tensor expected = x.matmul(layer.weight().t()).add(layer.bias());
    assertTrue(layer.forward(x).allClose(expected, 0, 0));
    GradCheck.Result r =
        GradCheck.check(
            in -> in.get(0).matmul(in.get(1).t()).add(in.get(2)).tanh().sum(),
            x,
            layer.weight().detach(),
            layer.bias().detach());
    assertTrue(r.passed(), r::toString);
  }

  @Test
  void aSmallNetworkLearns() {
    Generator gen = new Generator(5);
    Sequential model = mlp(4);
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 16, 4);
    Tensor y = Tensor.rand(gen, DType.FLOAT32, 16, 3).sub(0.5);
    Adam adam = new Adam(model.parameters(), 0.01);
    double first = 0;
    double last = 0;
    for (int step = 0; step < 200; step++) {
      adam.zeroGrad();
      Tensor loss = Losses.mse(model.forward(x), y);
      loss.backward();
      adam.step();
      if (step == 0) {
        first = loss.item();
      }
      last = loss.item();
    }
    assertTrue(last < 0.5 * first, first + " -> " + last);
  }

  @Test
  void stateRoundTripsThroughAFile() throws IOException {
    Sequential a = mlp(1);
    Sequential b = mlp(2);
    Path file = dir.resolve("model.adjt");
    a.save(file);
    b.load(file);
    for (Map.Entry<String, Tensor> e : a.stateDict().entrySet()) {
      assertTrue(e.getValue().allClose(b.stateDict().get(e.getKey()), 0, 0), e.getKey());
    }
    Map<String, Tensor> mixed =
        Map.of(
            "d", Tensor.fromArray(DType.FLOAT64, new double[] {Math.PI}, 1),
            "i", Tensor.ofLongs(-3, 1L << 40),
            "m", Tensor.of(1, 0).gt(0.5),
            "s", Tensor.scalar(2.5));
    StateFile.write(file, mixed);
    Map<String, Tensor> read = StateFile.read(file);
    for (Map.Entry<String, Tensor> e : mixed.entrySet()) {
      Tensor r = read.get(e.getKey());
      assertEquals(e.getValue().dtype(), r.dtype());
      assertArrayEquals(e.getValue().shape(), r.shape());
      assertArrayEquals(e.getValue().toArray(), r.toArray());
    }
  }

  @Test
  void brokenFilesAreRejectedWithTheReason() throws IOException {
    Path file = dir.resolve("model.adjt");
    mlp(1).save(file);
    byte[] good = Files.readAllBytes(file);

    Files.write(file, java.util.Arrays.copyOf(good, good.length - 40));
    assertMessage(file, "truncated");
    Files.write(file, java.util.Arrays.copyOf(good, 10));
    assertMessage(file, "truncated");

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 1;
    Files.write(file, flipped);
    assertMessage(file, "checksum");

    byte[] foreign = good.clone();
    foreign[0] = 'P';
    Files.write(file, foreign);
    assertMessage(file, "not an Adjoint state file");

    byte[] future = good.clone();
    future[7] = 9;
    Files.write(file, future);
    assertMessage(file, "unsupported version 9");
  }

  private static void assertMessage(Path file, String fragment) {
    IOException e = assertThrows(IOException.class, () -> StateFile.read(file));
    assertTrue(e.getMessage().contains(fragment), e::getMessage);
  }

  @Test
  void loadingAStateOfAnotherModelFails() throws IOException {
    Path file = dir.resolve("other.adjt");
    new Linear(4, 8, new Generator(1)).save(file);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> mlp(1).load(file));
    assertTrue(e.getMessage().contains("missing"), e::getMessage);
    Linear wrongShape = new Linear(4, 7, new Generator(1));
    e = assertThrows(IllegalArgumentException.class, () -> wrongShape.load(file));
    assertTrue(e.getMessage().contains("[8, 4]"), e::getMessage);
  }
}
