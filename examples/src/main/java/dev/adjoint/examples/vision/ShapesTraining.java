package dev.adjoint.examples.vision;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains {@link ShapesNet} on {@link RenderedShapes} on the dynamic tape, the loop a PyTorch user
 * writes: mini-batches of 32, cross-entropy, SGD with momentum, {@code model.train()} while
 * training and {@code model.eval()} under no-grad for the held-out images, one line per epoch.
 */
public final class ShapesTraining {
  private static final int BATCH = 32;

  private ShapesTraining() {}

  /** One epoch's figures: mean training loss, training and held-out accuracy. */
  public record Epoch(int epoch, double loss, double trainAccuracy, double heldOutAccuracy) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "epoch %d: loss %.4f, train accuracy %.1f%%, held-out accuracy %.1f%%",
          epoch,
          loss,
          100 * trainAccuracy,
          100 * heldOutAccuracy);
    }
  }

  /** {@code epochs} epochs over {@code trainSize} images, scored on 400 others. */
  @SuppressWarnings("try") // the scope only restores grad mode on close
  public static List<Epoch> train(int epochs, int trainSize, long seed) {
    RenderedShapes.Batch train = RenderedShapes.generate(trainSize, seed);
    RenderedShapes.Batch heldOut = RenderedShapes.generate(400, seed + 1);
    ShapesNet model = new ShapesNet(RenderedShapes.CLASSES.length, new Generator(seed + 2));
    Sgd optimizer = new Sgd(model.parameters(), 0.05, 0.9, 0, 0, false);
    List<Epoch> out = new ArrayList<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      model.train();
      double lossSum = 0;
      int correct = 0;
      for (int from = 0; from < train.size(); from += BATCH) {
        RenderedShapes.Batch batch = train.slice(from, Math.min(from + BATCH, train.size()));
        optimizer.zeroGrad();
        Tensor scores = model.forward(batch.images());
        Tensor loss = Losses.crossEntropy(scores, batch.labels());
        loss.backward();
        optimizer.step();
        lossSum += loss.item() * batch.size();
        correct += correct(scores, batch.labels());
      }
      model.eval();
      int heldOutCorrect;
      try (GradMode.Scope scope = GradMode.noGrad()) {
        heldOutCorrect = correct(model.forward(heldOut.images()), heldOut.labels());
      }
      out.add(
          new Epoch(
              epoch,
              lossSum / train.size(),
              correct / (double) train.size(),
              heldOutCorrect / (double) heldOut.size()));
    }
    return out;
  }

  /** How many rows of {@code scores} have their largest score at the label. */
  static int correct(Tensor scores, Tensor labels) {
    int n = scores.size(0);
    int classes = scores.size(1);
    float[] s = scores.detach().contiguous().toFloatArray();
    int correct = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (s[i * classes + c] > s[i * classes + best]) {
          best = c;
        }
      }
      correct += best == (int) labels.get(i) ? 1 : 0;
    }
    return correct;
  }

  /** The lines the flagship prints. */
  public static List<String> run() {
    List<String> lines = new ArrayList<>();
    for (Epoch e : train(3, 1200, 1)) {
      lines.add(e.toString());
    }
    return lines;
  }
}
