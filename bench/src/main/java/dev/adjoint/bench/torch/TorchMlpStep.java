package dev.adjoint.bench.torch;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * One training step of a 784-512-10 MLP on a batch of 64, as a PyTorch user writes it: {@code
 * zero_grad}, {@code relu(linear)}, {@code linear}, softmax cross-entropy, {@code backward}, plain
 * SGD {@code step}.
 */
public final class TorchMlpStep extends TorchWorkload {
  public static final int BATCH = 64;
  public static final int IN = 784;
  public static final int HIDDEN = 512;
  public static final int OUT = 10;
  public static final double LEARNING_RATE = 0.01;

  private final Tensor x;
  private final Tensor labels;
  private final Tensor w1;
  private final Tensor w2;
  private final TensorOptional b1;
  private final TensorOptional b2;
  private final SGD optimizer;

  public TorchMlpStep(long seed) {
    try (PointerScope scope = new PointerScope()) {
      torch.manual_seed(seed);
      x = keep(torch.randn(BATCH, IN));
      labels = keep(torch.randint(OUT, new long[] {BATCH}));
      // Uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)), as torch.nn.Linear initialises.
      w1 = keep(uniform(HIDDEN, IN, IN));
      Tensor bias1 = keep(uniform(HIDDEN, -1, IN));
      w2 = keep(uniform(OUT, HIDDEN, HIDDEN));
      Tensor bias2 = keep(uniform(OUT, -1, HIDDEN));
      b1 = keep(new TensorOptional(bias1));
      b2 = keep(new TensorOptional(bias2));
      TensorVector params = keep(new TensorVector(w1, bias1, w2, bias2));
      optimizer = keep(new SGD(params, keep(new SGDOptions(LEARNING_RATE))));
    }
  }

  private static Tensor uniform(long rows, long cols, long fanIn) {
    Tensor t = cols < 0 ? torch.rand(rows) : torch.rand(rows, cols);
    double bound = 1 / Math.sqrt(fanIn);
    return t.mul(new Scalar(2 * bound)).sub(new Scalar(bound)).requires_grad_(true);
  }

  /** Runs one step and returns the loss before the update. */
  public float step() {
    try (PointerScope scope = new PointerScope()) {
      optimizer.zero_grad();
      Tensor hidden = torch.linear(x, w1, b1).relu();
      Tensor logits = torch.linear(hidden, w2, b2);
      Tensor loss = torch.cross_entropy_loss(logits, labels);
      loss.backward();
      optimizer.step();
      return loss.item_float();
    }
  }
}
