package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.backend.Devices;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Fused elementwise expressions: one pass over the data for an expression of up to three tensors,
 * where evaluating it operation by operation would make a temporary tensor per operation. Generated
 * adjoints use it for the elementwise rules whose derivative takes several operations ({@code g·(1
 * − y²)} for tanh): the rule, written out as Java, becomes the lambda.
 *
 * <p>Operands broadcast as in NumPy. The expression is evaluated in double precision and the result
 * has the widest operand type; for {@code float64} tensors that is exactly what the
 * operation-by-operation evaluation computes, for {@code float32} it rounds once instead of after
 * every operation.
 */
public final class Fused {
  private Fused() {}

  /** A function of three doubles. */
  @FunctionalInterface
  public interface DoubleTernaryOperator {
    double applyAsDouble(double a, double b, double c);
  }

  /** {@code f(a)} elementwise. */
  public static Tensor map(Tensor a, DoubleUnaryOperator f) {
    if (a.isCuda()) {
      return Devices.transfer(map(host(a), f), a.device());
    }
    Tensor[] in = dense(a);
    Tensor out = output(in);
    int n = out.numel();
    if (out.dtype() == DType.FLOAT32 && allFloat(in)) {
      float[] x = in[0].storage().floats();
      float[] y = out.storage().floats();
      for (int i = 0; i < n; i++) {
        y[i] = (float) f.applyAsDouble(x[i]);
      }
      return out;
    }
    if (out.dtype() == DType.FLOAT64 && allDouble(in)) {
      double[] x = in[0].storage().doubles();
      double[] y = out.storage().doubles();
      for (int i = 0; i < n; i++) {
        y[i] = f.applyAsDouble(x[i]);
      }
      return out;
    }
    for (int i = 0; i < n; i++) {
      out.storage().set(i, f.applyAsDouble(in[0].storage().get(i)));
    }
    return out;
  }

  /** {@code f(a, b)} elementwise, broadcast. */
  public static Tensor map(Tensor a, Tensor b, DoubleBinaryOperator f) {
    if (a.isCuda() || b.isCuda()) {
      return Devices.transfer(map(host(a), host(b), f), (a.isCuda() ? a : b).device());
    }
    Tensor[] in = dense(a, b);
    Tensor out = output(in);
    int n = out.numel();
    if (out.dtype() == DType.FLOAT32 && allFloat(in)) {
      float[] x = in[0].storage().floats();
      float[] w = in[1].storage().floats();
      float[] y = out.storage().floats();
      for (int i = 0; i < n; i++) {
        y[i] = (float) f.applyAsDouble(x[i], w[i]);
      }
      return out;
    }
    if (out.dtype() == DType.FLOAT64 && allDouble(in)) {
      double[] x = in[0].storage().doubles();
      double[] w = in[1].storage().doubles();
      double[] y = out.storage().doubles();
      for (int i = 0; i < n; i++) {
        y[i] = f.applyAsDouble(x[i], w[i]);
      }
      return out;
    }
    for (int i = 0; i < n; i++) {
      out.storage().set(i, f.applyAsDouble(in[0].storage().get(i), in[1].storage().get(i)));
    }
    return out;
  }

  /** {@code f(a, b, c)} elementwise, broadcast. */
  public static Tensor map(Tensor a, Tensor b, Tensor c, DoubleTernaryOperator f) {
    if (a.isCuda() || b.isCuda() || c.isCuda()) {
      Tensor on = a.isCuda() ? a : b.isCuda() ? b : c;
      return Devices.transfer(map(host(a), host(b), host(c), f), on.device());
    }
    Tensor[] in = dense(a, b, c);
    Tensor out = output(in);
    int n = out.numel();
    if (out.dtype() == DType.FLOAT32 && allFloat(in)) {
      float[] x = in[0].storage().floats();
      float[] w = in[1].storage().floats();
      float[] v = in[2].storage().floats();
      float[] y = out.storage().floats();
      for (int i = 0; i < n; i++) {
        y[i] = (float) f.applyAsDouble(x[i], w[i], v[i]);
      }
      return out;
    }
    if (out.dtype() == DType.FLOAT64 && allDouble(in)) {
      double[] x = in[0].storage().doubles();
      double[] w = in[1].storage().doubles();
      double[] v = in[2].storage().doubles();
      double[] y = out.storage().doubles();
      for (int i = 0; i < n; i++) {
        y[i] = f.applyAsDouble(x[i], w[i], v[i]);
      }
      return out;
    }
    for (int i = 0; i < n; i++) {
      out.storage()
          .set(
              i,
              f.applyAsDouble(
                  in[0].storage().get(i), in[1].storage().get(i), in[2].storage().get(i)));
    }
    return out;
  }

  // A Java lambda runs on the host: GPU operands are copied there and the result copied back (the
  // generated code's fused rules are not yet compiled to GPU kernels)
  private static Tensor host(Tensor t) {
    return t.isCuda() ? Devices.transfer(t, Device.cpu()) : t;
  }

  // each operand as a contiguous tensor of the broadcast shape, starting at its storage's start
  private static Tensor[] dense(Tensor... operands) {
    int[] shape = operands[0].shape();
    for (Tensor t : operands) {
      shape = Shape.broadcast("fused elementwise", shape, t.shape());
    }
    Tensor[] out = new Tensor[operands.length];
    for (int i = 0; i < operands.length; i++) {
      Tensor t = operands[i];
      if (!t.dtype().isFloatingPoint()) {
        throw new IllegalArgumentException(
            "fused elementwise: operand " + i + " is " + t.dtype() + ", not floating point");
      }
      boolean ready = t.isContiguous() && t.offset() == 0 && Arrays.equals(t.shape(), shape);
      out[i] = ready ? t : Backends.current().copy(Views.expand(t, shape), t.dtype());
    }
    return out;
  }

  private static Tensor output(Tensor[] operands) {
    DType type = DType.FLOAT32;
    for (Tensor t : operands) {
      type = DType.promote(type, t.dtype());
    }
    return Tensor.empty(type, operands[0].shape());
  }

  private static boolean allFloat(Tensor[] operands) {
    return Arrays.stream(operands).allMatch(t -> t.dtype() == DType.FLOAT32);
  }

  private static boolean allDouble(Tensor[] operands) {
    return Arrays.stream(operands).allMatch(t -> t.dtype() == DType.FLOAT64);
  }
}
