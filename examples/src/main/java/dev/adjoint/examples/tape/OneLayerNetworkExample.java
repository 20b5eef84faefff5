package dev.adjoint.examples.tape;

import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * R3: one layer and binary cross-entropy with logits. Since x is all ones, every row of w.grad
 * equals b.grad = sigmoid(z)/3; the recorded graph shows AddBackward0 and
 * BinaryCrossEntropyWithLogitsBackward0. (The random w and b are not PyTorch's, so the gradient
 * values differ from the [0.2514, 0.1588, 0.2938] PyTorch printed; the identities hold.)
 */
public final class OneLayerNetworkExample {
  private OneLayerNetworkExample() {}

  /** The tensors the example computes. */
  public record Result(Tensor z, Tensor loss, Tensor w, Tensor b) {}

  /** Runs the example with weights drawn from {@code seed}. */
  public static Result compute(long seed) {
    Generator gen = new Generator(seed);
    Tensor x = Tensor.ones(5);
    Tensor y = Tensor.zeros(3);
    Tensor w = Tensor.randn(gen, DType.FLOAT32, 5, 3).requiresGrad(true);
    Tensor b = Tensor.randn(gen, DType.FLOAT32, 3).requiresGrad(true);
    Tensor z = x.matmul(w).add(b);
    Tensor loss = Losses.binaryCrossEntropyWithLogits(z, y);
    loss.backward();
    return new Result(z, loss, w, b);
  }

  /** The lines {@link #main} prints. */
  public static List<String> run() {
    Result r = compute(0);
    List<String> lines = new ArrayList<>();
    lines.add("Gradient function for z = " + r.z().gradFn());
    lines.add("Gradient function for loss = " + r.loss().gradFn());
    lines.add("w.grad = " + r.w().grad());
    lines.add("b.grad = " + r.b().grad());
    lines.add("sigmoid(z)/3 = " + r.z().detach().sigmoid().div(3));
    return lines;
  }

  public static void main(String[] args) {
    run().forEach(System.out::println);
  }
}
