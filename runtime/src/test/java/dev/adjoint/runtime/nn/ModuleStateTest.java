package dev.adjoint.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.io.CorruptSafetensorsException;
import dev.adjoint.runtime.io.Safetensors;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buffers, train/eval, state-dict order, and loading that checks everything first. */
class ModuleStateTest {
  @TempDir Path dir;

  /** A parameter and a buffer of its own, registered buffer first to show the order is by kind. */
  static final class Counter extends Module {
    final Tensor count = registerBuffer("count", Tensor.scalar(DType.INT64, 0));
    final Tensor scale;

    Counter(Generator gen) {
      scale = registerParameter("scale", Tensor.randn(gen, DType.FLOAT32, 3));
    }

    @Override
    public Tensor forward(Tensor input) {
      if (isTraining()) {
        count.fillInPlace(count.item() + 1);
      }
      return input.mul(scale);
    }
  }

  /** Own parameter and buffer, then two children, one nested in a Sequential. */
  static final class Model extends Module {
    final Linear head;
    final Counter counter;
    final Sequential body;

    Model(long seed) {
      Generator gen = new Generator(seed);
      registerBuffer("mean", Tensor.zeros(3));
      registerParameter("bias", Tensor.randn(gen, DType.FLOAT32, 3));
      head = registerModule("head", new Linear(3, 3, gen));
      counter = registerModule("counter", new Counter(gen));
      body = registerModule("body", new Sequential(new Counter(gen), Activation.tanh()));
    }

    @Override
    public Tensor forward(Tensor input) {
      return body.forward(counter.forward(head.forward(input))).add(bias());
    }

    Tensor bias() {
      return stateDict().get("bias");
    }
  }

  @Test
  void theStateIsOrderedAsPyTorchOrdersIt() {
    Model m = new Model(1);
    assertEquals(
        List.of(
            "bias",
            "mean",
            "head.weight",
            "head.bias",
            "counter.scale",
            "counter.count",
            "body.0.scale",
            "body.0.count"),
        List.copyOf(m.stateDict().keySet()));
    assertEquals(
        List.of("bias", "head.weight", "head.bias", "counter.scale", "body.0.scale"),
        List.copyOf(m.namedParameters().keySet()));
    assertEquals(
        List.of("mean", "counter.count", "body.0.count"), List.copyOf(m.namedBuffers().keySet()));
    for (Tensor b : m.buffers()) {
      assertFalse(b.requiresGrad());
    }
    for (Tensor p : m.parameters()) {
      assertTrue(p.requiresGrad());
    }
    assertEquals(List.of("head", "counter", "body"), List.copyOf(m.namedChildren().keySet()));
  }

  @Test
  void trainAndEvalReachEveryDescendant() {
    Model m = new Model(1);
    assertTrue(m.isTraining());
    m.forward(Tensor.ones(2, 3));
    assertEquals(1, m.counter.count.item());
    m.eval();
    for (Module child : List.of(m.head, m.counter, m.body, m.body.layers().get(0))) {
      assertFalse(child.isTraining());
    }
    m.forward(Tensor.ones(2, 3));
    assertEquals(1, m.counter.count.item(), "eval mode does not count");
    m.train();
    assertTrue(m.body.layers().get(0).isTraining());
  }

  @Test
  void everyMismatchIsReportedAtOnceAndNothingChanges() {
    Model m = new Model(1);
    Map<String, Tensor> before = snapshot(m);
    Map<String, Tensor> state = new LinkedHashMap<>(new Model(2).stateDict());
    state.remove("counter.count");
    state.put("head.weight", Tensor.zeros(3, 4));
    state.put("counter.scale", Tensor.zeros(DType.FLOAT64, 3));
    state.put("extra.weight", Tensor.zeros(1));
    StateDictMismatchException e =
        assertThrows(StateDictMismatchException.class, () -> m.loadStateDict(state));
    assertEquals(
        List.of(
            new StateDictMismatch.WrongShape("head.weight", new int[] {3, 4}, new int[] {3, 3})
                .describe("the state"),
            new StateDictMismatch.WrongDType("counter.scale", DType.FLOAT64, DType.FLOAT32)
                .describe("the state"),
            new StateDictMismatch.Missing("counter.count", DType.INT64, new int[0])
                .describe("the state"),
            new StateDictMismatch.Unexpected("extra.weight").describe("the state")),
        e.mismatches().stream().map(x -> x.describe("the state")).toList());
    assertTrue(
        e.getMessage().startsWith("the state does not fit the module (4 mismatches); nothing"),
        e::getMessage);
    assertTrue(e.getMessage().contains("shape       head.weight: [3, 4] in the state, [3, 3]"));
    assertTrue(e.getMessage().contains("missing     counter.count (int64 [])"));
    assertUnchanged(before, m);
  }

  @Test
  void aFittingStateIsLoadedWithItsBuffers() throws IOException {
    Model source = new Model(2);
    source.forward(Tensor.ones(1, 3));
    source.forward(Tensor.ones(1, 3));
    Model target = new Model(1);
    Path file = dir.resolve("model.safetensors");
    source.saveSafetensors(file);
    target.loadSafetensors(file);
    assertUnchanged(snapshot(source), target);
    assertEquals(2, target.counter.count.item());
    assertTrue(target.parameters().get(0).requiresGrad(), "loading keeps parameters trainable");
  }

  @Test
  void aCorruptOrForeignFileLeavesTheModelUnchanged() throws IOException {
    Model m = new Model(1);
    Map<String, Tensor> before = snapshot(m);
    Path file = dir.resolve("model.safetensors");
    new Model(2).saveSafetensors(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertThrows(CorruptSafetensorsException.class, () -> m.loadSafetensors(file));
    assertUnchanged(before, m);

    Map<String, Tensor> other = new LinkedHashMap<>(new Model(2).stateDict());
    other.remove("mean");
    other.put("body.0.scale", Tensor.zeros(4));
    Safetensors.write(file, other);
    StateDictMismatchException e =
        assertThrows(StateDictMismatchException.class, () -> m.loadSafetensors(file));
    assertTrue(e.getMessage().startsWith(file + " does not fit the module (2 mismatches)"));
    assertTrue(
        e.getMessage().contains("shape       body.0.scale: [4] in the file, [3] in the module"),
        e::getMessage);
    assertUnchanged(before, m);
  }

  @Test
  void namesAreChecked() {
    Module m =
        new Module() {
          {
            registerBuffer("b", Tensor.zeros(1));
            assertThrows(
                IllegalArgumentException.class, () -> registerParameter("b", Tensor.zeros(1)));
            assertThrows(
                IllegalArgumentException.class, () -> registerBuffer("a.b", Tensor.zeros(1)));
            assertThrows(
                IllegalArgumentException.class,
                () -> registerBuffer("g", Tensor.zeros(1).requiresGrad(true)));
          }

          @Override
          public Tensor forward(Tensor input) {
            return input;
          }
        };
    assertEquals(List.of("b"), List.copyOf(m.stateDict().keySet()));
  }

  private static Map<String, Tensor> snapshot(Module m) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    m.stateDict().forEach((k, v) -> out.put(k, v.detach().copy()));
    return out;
  }

  private static void assertUnchanged(Map<String, Tensor> expected, Module m) {
    Map<String, Tensor> now = m.stateDict();
    assertEquals(expected.keySet(), now.keySet());
    for (Map.Entry<String, Tensor> e : expected.entrySet()) {
      assertArrayEquals(e.getValue().toArray(), now.get(e.getKey()).toArray(), e.getKey());
    }
  }
}
