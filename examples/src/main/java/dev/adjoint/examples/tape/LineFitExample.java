package dev.adjoint.examples.tape;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * R5: fit y = 20x + 5 (+ a random integer offset in [-2, 3]) for x = 1..99 from w = b = 0 with lr
 * 1e-4 for 100 epochs. The loss falls from about 1.3e6 to about 8 and w ends near 20.1; b barely
 * moves, since the learning rate is too small to fit it.
 */
public final class LineFitExample {
  private LineFitExample() {}

  /**
   * What the fit ends with.
   *
   * @param firstLoss the loss of the first epoch
   * @param lastLoss the loss of the last epoch
   * @param w the fitted slope
   * @param b the fitted intercept
   */
  public record Result(double firstLoss, double lastLoss, double w, double b) {}

  public static Result fit(long seed) {
    Generator gen = new Generator(seed);
    Tensor x = Tensor.arange(1, 100, 1);
    double[] noise = new double[x.numel()];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = Math.floor(gen.nextUniform(-2, 4)); // an integer in [-2, 3]
    }
    Tensor y = x.mul(20).add(5).add(Tensor.of(noise));
    Tensor w = Tensor.scalar(0).requiresGrad(true);
    Tensor b = Tensor.scalar(0).requiresGrad(true);
    double lr = 1e-4;
    double first = 0;
    double last = 0;
    for (int epoch = 0; epoch < 100; epoch++) {
      Tensor loss = x.mul(w).add(b).sub(y).pow(2).mean();
      loss.backward();
      try (GradMode.Scope noGrad = GradMode.noGrad()) {
        w.subInPlace(w.grad().mul(lr));
        b.subInPlace(b.grad().mul(lr));
      }
      w.zeroGrad();
      b.zeroGrad();
      if (epoch == 0) {
        first = loss.item();
      }
      last = loss.item();
    }
    return new Result(first, last, w.item(), b.item());
  }

  /** The lines {@link #main} prints. */
  public static List<String> run() {
    Result r = fit(0);
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "loss at epoch 1: %.1f", r.firstLoss()));
    lines.add(String.format(Locale.ROOT, "loss at epoch 100: %.4f", r.lastLoss()));
    lines.add(String.format(Locale.ROOT, "w = %.4f, b = %.4f", r.w(), r.b()));
    return lines;
  }

  public static void main(String[] args) {
    run().forEach(System.out::println);
  }
}
