package dev.adjoint.examples.tensors;

import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains the {@link Mlp} model class (2 → 16 ReLU → 3) to tell three clusters of points apart, with
 * SGD and the generated {@code MlpGrad.lossBackward}: the training loop a PyTorch user writes,
 * without a tape.
 */
public final class MlpTraining {
  private MlpTraining() {}

  /** The clusters' centres. */
  private static final double[][] CENTRES = {{-2, 0}, {2, 0}, {0, 2.5}};

  /** The loss before each of {@code steps} steps, and the accuracy at the end. */
  public record Result(double[] losses, double accuracy) {}

  /** 150 points, 50 around each centre, with their cluster as label; the same for each seed. */
  static Tensor[] data(long seed) {
    Generator gen = new Generator(seed);
    int n = 150;
    double[] points = new double[2 * n];
    long[] labels = new long[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      labels[i] = c;
      points[2 * i] = CENTRES[c][0] + 0.7 * gen.nextGaussian();
      points[2 * i + 1] = CENTRES[c][1] + 0.7 * gen.nextGaussian();
    }
    return new Tensor[] {Tensor.fromArray(DType.FLOAT32, points, n, 2), Tensor.ofLongs(labels)};
  }

  /**
   * Trains for {@code steps} steps of SGD (lr 0.1); {@code generated} chooses the engine: the
   * generated adjoint, or the same method on the dynamic tape with {@code backward()}.
   */
  public static Result train(int steps, boolean generated) {
    Tensor[] data = data(7);
    Tensor x = data[0];
    Tensor labels = data[1];
    Mlp model = new Mlp(2, 16, 3, new Generator(3));
    Sgd optimizer = new Sgd(model.parameters(), 0.1);
    double[] losses = new double[steps];
    for (int step = 0; step < steps; step++) {
      optimizer.zeroGrad();
      Tensor loss;
      if (generated) {
        loss = MlpGrad.lossBackward(model, x, labels);
      } else {
        loss = model.loss(x, labels);
        loss.backward();
      }
      losses[step] = loss.item();
      optimizer.step();
    }
    Tensor scores = model.scores(x);
    int correct = 0;
    for (int i = 0; i < labels.numel(); i++) {
      int best = 0;
      for (int c = 1; c < 3; c++) {
        if (scores.get(i, c) > scores.get(i, best)) {
          best = c;
        }
      }
      correct += best == (int) labels.get(i) ? 1 : 0;
    }
    return new Result(losses, correct / (double) labels.numel());
  }

  /** The lines the flagship prints. */
  public static List<String> run() {
    Result r = train(300, true);
    List<String> lines = new ArrayList<>();
    for (int step : new int[] {0, 100, 200, 299}) {
      lines.add(String.format(Locale.ROOT, "step %3d, loss %.6f", step, r.losses()[step]));
    }
    lines.add(String.format(Locale.ROOT, "accuracy %.1f%%", 100 * r.accuracy()));
    return lines;
  }
}
