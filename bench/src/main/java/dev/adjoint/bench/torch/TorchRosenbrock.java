package dev.adjoint.bench.torch;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The gradient of the n-dimensional Rosenbrock function in float64, {@code f(x) = sum(100 * (x[1:]
 * - x[:-1]^2)^2 + (1 - x[:-1])^2)}, by {@code backward} on the dynamic tape.
 */
public final class TorchRosenbrock extends TorchWorkload {
  public static final int N = 1000;

  private final Tensor x;
  private final Scalar hundred;
  private final Scalar one;

  public TorchRosenbrock(long seed) {
    try (PointerScope scope = new PointerScope()) {
      java.util.Random rnd = new java.util.Random(seed);
      double[] start = new double[N];
      for (int i = 0; i < N; i++) {
        start[i] = rnd.nextGaussian();
      }
      x = keep(doubles(start, N).requires_grad_(true));
      hundred = keep(new Scalar(100.0));
      one = keep(new Scalar(1.0));
    }
  }

  /** Zeroes x's gradient, evaluates f and back-propagates; returns f (the gradient is in x). */
  public double gradient() {
    try (PointerScope scope = new PointerScope()) {
      zeroGrad(x);
      Tensor head = x.narrow(0, 0, N - 1);
      Tensor tail = x.narrow(0, 1, N - 1);
      Tensor f =
          tail.sub(head.square()).square().mul(hundred).add(torch.rsub(head, one).square()).sum();
      f.backward();
      return f.item_double();
    }
  }

  /** The point. */
  public double[] point() {
    return toDoubles(x);
  }

  /** The gradient after {@link #gradient()}. */
  public double[] grad() {
    return toDoubles(x.grad());
  }
}
