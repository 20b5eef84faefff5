package dev.adjoint.bench.torch;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * REFERENCE.md R4: the temperature regression from "Deep Learning with PyTorch", written as the
 * book writes it: {@code params = [w, b]} requiring grad, {@code t_p = w * t_un + b}, MSE loss,
 * {@code backward}, and a manual gradient-descent update under no-grad, the gradient zeroed each
 * epoch.
 */
public final class TorchTemperature extends TorchWorkload {
  static final float[] T_C = {
    0.5f, 14.0f, 15.0f, 28.0f, 11.0f, 8.0f, 3.0f, -4.0f, 6.0f, 13.0f, 21.0f
  };
  static final float[] T_U = {
    35.7f, 55.9f, 58.2f, 81.9f, 56.3f, 48.9f, 33.9f, 21.8f, 48.4f, 60.4f, 68.4f
  };
  public static final int EPOCHS = 5000;
  public static final double LEARNING_RATE = 1e-2;

  private final Tensor tUn;
  private final Tensor tC;
  private final Scalar learningRate;

  public TorchTemperature() {
    try (PointerScope scope = new PointerScope()) {
      tUn = keep(floats(T_U, T_U.length).mul(new Scalar(0.1)));
      tC = keep(floats(T_C, T_C.length));
      learningRate = keep(new Scalar(LEARNING_RATE));
    }
  }

  /** Trains from {@code params = [1, 0]}; returns {@code [w, b, final loss]}. */
  public float[] train(int epochs) {
    try (PointerScope scope = new PointerScope()) {
      Tensor params = floats(new float[] {1f, 0f}, 2).requires_grad_(true);
      float loss = Float.NaN;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        try (PointerScope step = new PointerScope()) {
          zeroGrad(params);
          Tensor predicted = tUn.mul(params.select(0, 0)).add(params.select(0, 1));
          Tensor mse = predicted.sub(tC).square().mean();
          mse.backward();
          try (NoGradGuard noGrad = new NoGradGuard()) {
            params.sub_(params.grad(), learningRate);
          }
          if (epoch == epochs) {
            loss = mse.item_float();
          }
        }
      }
      return new float[] {params.select(0, 0).item_float(), params.select(0, 1).item_float(), loss};
    }
  }
}
