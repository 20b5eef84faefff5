package dev.adjoint.examples.tensors;

import static dev.adjoint.examples.tensors.EngineAgreement.trainable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.custom.SwishNet;
import dev.adjoint.examples.custom.SwishNetGrad;
import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.autograd.Node;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Custom functions ({@code Swish}, {@code SoftClip}, {@code LogAddExp}) in a model, on both
 * engines: the tape records each as one node and calls its backward; the generated adjoint calls
 * the same backward in its reverse sweep. Both must agree with each other and with central
 * differences of the loss, and train to the same parameters.
 */
class CustomFunctionEnginesTest {
  private static final Generator GEN = new Generator(41);

  private static Tensor data(int... shape) {
    return Tensor.randn(GEN, DType.FLOAT64, shape);
  }

  @Test
  void twoOperandsOfOneFunctionBroadcastOnBothEngines() {
    EngineAgreement.agree(
        "smoothMax",
        in -> SwishNet.smoothMax(in.get(0), in.get(1), in.get(2)),
        (in, seed) -> SwishNetGrad.smoothMaxBackward(in.get(0), in.get(1), in.get(2), seed),
        null,
        trainable(data(3, 4)),
        trainable(data(4)),
        trainable(data(3, 4)));
  }

  @Test
  void theTapeRecordsEachCustomFunctionAsOneNode() {
    SwishNet net = new SwishNet(4, 3, 3, DType.FLOAT64, new Generator(5));
    Tensor loss = net.loss(data(5, 4), Tensor.ofLongs(0, 1, 2, 1, 0));
    Set<String> names = new HashSet<>();
    ArrayDeque<Node> todo = new ArrayDeque<>(List.of(loss.gradFn()));
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (names.add(n.name())) {
        n.nextFunctions().stream().filter(m -> m != null).forEach(todo::push);
      }
    }
    assertTrue(names.contains("SwishBackward"), names.toString());
    assertTrue(names.contains("SoftClipBackward"), names.toString());
    assertTrue(names.stream().noneMatch(s -> s.startsWith("Sigmoid")), names.toString());
  }

  @Test
  void bothEnginesAgreeWithCentralDifferencesOfTheLoss() {
    SwishNet onTape = new SwishNet(4, 3, 3, DType.FLOAT64, new Generator(5));
    SwishNet written = new SwishNet(4, 3, 3, DType.FLOAT64, new Generator(5));
    Tensor x = data(6, 4).mul(2); // large enough that SoftClip's curvature matters
    Tensor labels = Tensor.ofLongs(0, 1, 2, 1, 0, 2);
    Tensor tapeLoss = onTape.loss(x, labels);
    tapeLoss.backward();
    Tensor loss = SwishNetGrad.lossBackward(written, x, labels);
    assertEquals(tapeLoss.item(), loss.item(), 1e-12);
    List<Tensor> params = written.parameters();
    List<Tensor> tapeParams = onTape.parameters();
    double h = 1e-6;
    for (int p = 0; p < params.size(); p++) {
      Tensor param = params.get(p);
      double[] generated = param.grad().toArray();
      double[] tape = tapeParams.get(p).grad().toArray();
      for (int k = 0; k < generated.length; k++) {
        double central = centralDifference(written, param, k, h, x, labels);
        assertEquals(tape[k], generated[k], 1e-9 * Math.max(1, Math.abs(tape[k])), "engines");
        assertEquals(central, generated[k], 1e-7, "parameter " + p + " element " + k);
      }
    }
  }

  // (loss(θ + h·e_k) − loss(θ − h·e_k)) / 2h, changing the parameter in place and back
  @SuppressWarnings("try") // the scope only restores grad mode on close
  private static double centralDifference(
      SwishNet net, Tensor param, int k, double h, Tensor x, Tensor labels) {
    try (GradMode.Scope scope = GradMode.noGrad()) {
      double v = param.storage().get(k);
      param.storage().set(k, v + h);
      double up = net.loss(x, labels).item();
      param.storage().set(k, v - h);
      double down = net.loss(x, labels).item();
      param.storage().set(k, v);
      return (up - down) / (2 * h);
    }
  }

  @Test
  void bothEnginesTrainToTheSameParameters() {
    SwishNet onTape = new SwishNet(4, 6, 3, DType.FLOAT64, new Generator(9));
    SwishNet written = new SwishNet(4, 6, 3, DType.FLOAT64, new Generator(9));
    Sgd tapeSgd = new Sgd(onTape.parameters(), 0.5);
    Sgd sgd = new Sgd(written.parameters(), 0.5);
    Tensor x = data(12, 4);
    Tensor labels = Tensor.ofLongs(0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2);
    double first = Double.NaN;
    double last = Double.NaN;
    for (int step = 0; step < 150; step++) {
      tapeSgd.zeroGrad();
      onTape.loss(x, labels).backward();
      tapeSgd.step();
      sgd.zeroGrad();
      last = SwishNetGrad.lossBackward(written, x, labels).item();
      first = step == 0 ? last : first;
      sgd.step();
    }
    assertTrue(last < 0.7 * first, "the loss falls: " + first + " → " + last);
    for (int p = 0; p < written.parameters().size(); p++) {
      Tensor a = written.parameters().get(p);
      Tensor b = onTape.parameters().get(p);
      assertTrue(a.allClose(b, 1e-9, 1e-12), "parameter " + p + ": " + a + " vs " + b);
    }
  }
}
