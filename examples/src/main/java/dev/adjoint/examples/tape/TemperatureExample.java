package dev.adjoint.examples.tape;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * R4, from "Deep Learning with PyTorch": fit {@code t_c ≈ w·t_u + b} by plain gradient descent in
 * float32, zeroing the gradient each epoch and updating under no-grad, as the book does.
 */
public final class TemperatureExample {
  static final double[] T_C = {0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0};
  static final double[] T_U = {35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4};

  private TemperatureExample() {}

  static Tensor model(Tensor tu, Tensor w, Tensor b) {
    return tu.mul(w).add(b);
  }

  static Tensor lossFn(Tensor tp, Tensor tc) {
    return tp.sub(tc).pow(2).mean();
  }

  /** The gradient of the loss at params = [1, 0] with the unnormalised inputs. */
  public static Tensor gradientAtStart() {
    Tensor params = Tensor.of(1.0, 0.0).requiresGrad(true);
    lossFn(model(Tensor.of(T_U), params.select(0, 0), params.select(0, 1)), Tensor.of(T_C))
        .backward();
    return params.grad();
  }

  /** Trains on t_u/10 with lr 1e-2; returns the printed lines, ending with the parameters. */
  public static List<String> train(int epochs) {
    Tensor tc = Tensor.of(T_C);
    Tensor tun = Tensor.of(T_U).mul(0.1);
    Tensor params = Tensor.of(1.0, 0.0).requiresGrad(true);
    double lr = 1e-2;
    List<String> lines = new ArrayList<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      if (params.grad() != null) {
        params.grad().zeroInPlace();
      }
      Tensor loss = lossFn(model(tun, params.select(0, 0), params.select(0, 1)), tc);
      loss.backward();
      try (GradMode.Scope noGrad = GradMode.noGrad()) {
        params.subInPlace(params.grad().mul(lr));
      }
      if (epoch % 500 == 0) {
        lines.add(String.format(Locale.ROOT, "Epoch %d, Loss %f", epoch, loss.item()));
        lines.add("    Grad:   " + params.grad());
      }
    }
    lines.add("params = " + params);
    return lines;
  }

  /** The lines {@link #main} prints. */
  public static List<String> run() {
    List<String> lines = new ArrayList<>();
    lines.add("Gradient at start: " + gradientAtStart());
    lines.addAll(train(5000));
    return lines;
  }

  public static void main(String[] args) {
    run().forEach(System.out::println);
  }
}
