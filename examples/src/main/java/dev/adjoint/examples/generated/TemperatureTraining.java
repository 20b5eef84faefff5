package dev.adjoint.examples.generated;

import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * R4 trained with the generated adjoint: 5000 epochs of plain gradient descent in float32 on {@code
 * t_u / 10}, printing what PyTorch printed. The training loop allocates nothing per epoch: the
 * generated core adds the gradient into one reused array.
 */
public final class TemperatureTraining {
  private TemperatureTraining() {}

  /** The gradient of the loss at {@code w = 1, b = 0} on the unnormalised inputs. */
  public static float[] gradientAtStart() {
    TemperatureGrad.LossGradient g = TemperatureGrad.loss(1f, 0f, Temperature.T_U, Temperature.T_C);
    return new float[] {g.w(), g.b()};
  }

  /**
   * One printed epoch.
   *
   * @param epoch the epoch, from 1
   * @param loss the loss before the update
   * @param gradW ∂loss/∂w
   * @param gradB ∂loss/∂b
   */
  public record Epoch(int epoch, float loss, double gradW, double gradB) {}

  /**
   * The result of training.
   *
   * @param epochs every 500th epoch
   * @param w the final slope
   * @param b the final intercept
   */
  public record Training(List<Epoch> epochs, float w, float b) {
    /** The lines PyTorch's loop prints. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (Epoch e : epochs) {
        lines.add(String.format(Locale.ROOT, "Epoch %d, Loss %f", e.epoch(), e.loss()));
        lines.add("    Grad:   " + float32(e.gradW(), e.gradB()));
      }
      lines.add("params = " + float32(w, b));
      return lines;
    }
  }

  /** Trains on {@code 0.1 * t_u} with learning rate 1e-2. */
  public static Training train(int epochs) {
    float[] tun = new float[Temperature.T_U.length];
    for (int i = 0; i < tun.length; i++) {
      tun[i] = 0.1f * Temperature.T_U[i];
    }
    float w = 1f;
    float b = 0f;
    float learningRate = 1e-2f;
    double[] gradient = new double[2]; // [∂loss/∂w, ∂loss/∂b], accumulated like .grad
    List<Epoch> printed = new ArrayList<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      Arrays.fill(gradient, 0); // params.grad.zero_()
      float loss = TemperatureGrad.loss(w, b, tun, Temperature.T_C, 1f, gradient);
      w -= learningRate * (float) gradient[0];
      b -= learningRate * (float) gradient[1];
      if (epoch % 500 == 0) {
        printed.add(new Epoch(epoch, loss, gradient[0], gradient[1]));
      }
    }
    return new Training(printed, w, b);
  }

  /** The lines {@link #main} prints. */
  public static List<String> run() {
    List<String> lines = new ArrayList<>();
    float[] start = gradientAtStart();
    lines.add("Gradient at start: " + float32(start[0], start[1]));
    lines.addAll(train(5000).lines());
    return lines;
  }

  // printed as PyTorch prints a float32 tensor
  private static String float32(double a, double b) {
    return Tensor.of(a, b).toString();
  }

  public static void main(String[] args) {
    run().forEach(System.out::println);
  }
}
