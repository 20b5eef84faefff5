package dev.adjoint.bench.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.vision.ResNet;
import dev.adjoint.examples.vision.ResNetTrainingStep;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * REFERENCE R6 on our tape against libtorch's ResNet-18 ({@link TorchResNet}) given the same
 * weights and input: the loss, the gradient of each of the 62 parameter tensors, the batch-norm
 * running statistics after the step, and every parameter after one step of SGD with momentum 0.9,
 * in training mode at batch 1 and 4, in float64 and float32. Each tensor is compared norm-wise:
 * {@code max|ours − libtorch| ≤ tol · max|libtorch|}.
 */
class ResNetAgainstLibtorchTest {
  @BeforeAll
  static void threads() {
    TorchThreads.SINGLE.apply();
  }

  @ParameterizedTest(name = "batch {0}, {1}")
  @CsvSource({"1, FLOAT64, 1e-9", "4, FLOAT64, 1e-9", "1, FLOAT32, 1e-4", "4, FLOAT32, 1e-4"})
  void theTrainingStepAgreesWithLibtorch(int batch, DType dtype, double tol) {
    ResNetTrainingStep.Inputs in = ResNetTrainingStep.inputs(batch, dtype, 5);
    ResNet model = in.model();
    try (TorchResNet torch = new TorchResNet(state(model), dtype == DType.FLOAT64, 1e-2, 0.9)) {
      double torchLoss =
          torch.step(
              in.data().toArray(),
              longs(in.data().shape()),
              in.labels().toArray(),
              longs(in.labels().shape()));
      double loss = ResNetTrainingStep.step(in).item();
      assertEquals(torchLoss, loss, tol * Math.abs(torchLoss), "loss");

      Worst worst = new Worst();
      List<String> failures = new ArrayList<>();
      int grads = 0;
      for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
        compare(
            worst,
            failures,
            p.getKey() + ".grad",
            p.getValue().grad(),
            torch.grad(p.getKey()),
            tol);
        compare(worst, failures, p.getKey(), p.getValue(), torch.value(p.getKey()), tol);
        grads++;
      }
      int statistics = 0;
      for (Map.Entry<String, Tensor> b : model.namedBuffers().entrySet()) {
        if (b.getKey().endsWith("num_batches_tracked")) {
          assertEquals(1, b.getValue().item(), b.getKey());
        } else {
          compare(worst, failures, b.getKey(), b.getValue(), torch.value(b.getKey()), tol);
          statistics++;
        }
      }
      System.out.printf(
          "R6 batch %d %s: loss %.6f (libtorch %.6f), largest relative difference %.2e (%s)%n",
          batch, dtype, loss, torchLoss, worst.relative, worst.name);
      assertEquals(62, grads);
      assertEquals(40, statistics);
      assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }
  }

  /** The largest relative difference seen, for the log. */
  private static final class Worst {
    String name = "";
    double relative;
  }

  private static void compare(
      Worst worst, List<String> failures, String name, Tensor ours, double[] theirs, double tol) {
    double[] mine = ours.toArray();
    if (mine.length != theirs.length) {
      failures.add(name + ": " + mine.length + " elements, libtorch " + theirs.length);
      return;
    }
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < mine.length; i++) {
      diff = Math.max(diff, Math.abs(mine[i] - theirs[i]));
      scale = Math.max(scale, Math.abs(theirs[i]));
    }
    if (diff / scale > worst.relative) {
      worst.relative = diff / scale;
      worst.name = name;
    }
    if (!(diff <= tol * scale)) {
      failures.add(name + ": max |difference| " + diff + " against max |libtorch| " + scale);
    }
  }

  /** The model's state as libtorch entries: parameters and float buffers, by name. */
  private static List<TorchResNet.Entry> state(ResNet model) {
    Map<String, Tensor> params = model.namedParameters();
    List<TorchResNet.Entry> out = new ArrayList<>();
    model
        .stateDict()
        .forEach(
            (name, t) -> {
              if (t.dtype().isFloatingPoint()) {
                out.add(
                    new TorchResNet.Entry(
                        name, longs(t.shape()), t.toArray(), params.containsKey(name)));
              }
            });
    return out;
  }

  private static long[] longs(int[] shape) {
    return Arrays.stream(shape).asLongStream().toArray();
  }
}
