package dev.adjoint.runtime.gradcheck;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The numerics of the gradient checks the processor generates ({@code <Class>GradCheck}): every
 * coordinate of the differentiated inputs is moved by ±h and the generated derivative compared with
 * {@code (f(x + h·e) − f(x − h·e)) / 2h}, {@code h = eps·max(1, |x|)}. Generated code passes the
 * original method (the reference) and the generated adjoint (what is checked) as lambdas.
 *
 * <p>A coordinate at a kink of the function (a comparison, {@code max}, {@code abs} at 0) has no
 * derivative for the differences to approach; check at points away from kinks.
 */
public final class GeneratedChecks {
  /** The relative step in float64. */
  static final double EPS = 1e-6;

  /** The relative step in float32, where a smaller one loses the difference to rounding. */
  static final double EPS_FLOAT = 1e-3;

  private static final double ATOL = 1e-6;
  private static final double RTOL = 1e-5;
  private static final double FLOAT_TOL = 1e-2;

  private GeneratedChecks() {}

  /**
   * A scalar method's partials: {@code point} holds the differentiated parameters, one block each
   * (a number is a block of one), {@code names} their names (an array's ending in {@code []}).
   * {@code value} evaluates the original method at a point, {@code gradient} the generated
   * partials, in the same blocks.
   */
  public static GradientReport scalar(
      String function,
      String[] names,
      double[][] point,
      ToDoubleFunction<double[][]> value,
      Function<double[][], double[][]> gradient) {
    double[][] analytic = gradient.apply(copy(point));
    Worst worst = new Worst(function, ATOL, RTOL);
    for (int b = 0; b < point.length; b++) {
      for (int k = 0; k < point[b].length; k++) {
        double h = EPS * Math.max(1, Math.abs(point[b][k]));
        double[][] up = copy(point);
        up[b][k] += h;
        double[][] down = copy(point);
        down[b][k] -= h;
        double numeric =
            (value.applyAsDouble(up) - value.applyAsDouble(down)) / (up[b][k] - down[b][k]);
        String name = names[b].endsWith("[]") ? names[b].replace("[]", "[" + k + "]") : names[b];
        worst.compare(name, analytic[b][k], numeric);
      }
    }
    return worst.report();
  }

  /**
   * A user-written partial ({@code @Derivative}): {@code claimed}, its value at {@code at}, against
   * the central difference of {@code target} as a function of the parameter {@code wrt} alone.
   */
  public static GradientReport derivative(
      String rule, String wrt, double at, DoubleUnaryOperator target, double claimed) {
    double h = EPS * Math.max(1, Math.abs(at));
    double numeric = (target.applyAsDouble(at + h) - target.applyAsDouble(at - h)) / (2 * h);
    Worst worst = new Worst(rule, ATOL, RTOL);
    worst.compare(wrt, claimed, numeric);
    return worst.report();
  }

  /**
   * A tensor method's gradients: {@code backward} (the generated {@code fBackward(args, seed)})
   * adds {@code seed}'s vector-Jacobian product into the leaves' {@code .grad()}; each element of
   * each leaf that requires grad is compared with the central difference of {@code ⟨seed,
   * value()⟩}, {@code value} being the original method, run without recording. The leaves'
   * gradients are as before afterwards; their elements are moved and put back in place.
   */
  @SuppressWarnings("try") // the scope only restores grad mode on close
  public static GradientReport tensor(
      String function,
      String[] names,
      Tensor[] leaves,
      Supplier<Tensor> value,
      Function<Tensor, Tensor> backward) {
    Map<Tensor, String> checked = new IdentityHashMap<>();
    List<Tensor> order = new ArrayList<>();
    for (int i = 0; i < leaves.length; i++) {
      Tensor t = leaves[i];
      if (t != null && t.requiresGrad() && !checked.containsKey(t)) {
        checked.put(t, names[i]);
        order.add(t);
      }
    }
    boolean single = order.stream().allMatch(t -> t.dtype() == DType.FLOAT64);
    Worst worst = new Worst(function, single ? ATOL : FLOAT_TOL, single ? RTOL : FLOAT_TOL);
    Tensor[] before = new Tensor[order.size()];
    for (int i = 0; i < order.size(); i++) {
      before[i] = order.get(i).grad();
      order.get(i).setGrad(null);
    }
    try {
      Tensor y;
      try (GradMode.Scope scope = GradMode.noGrad()) {
        y = value.get();
      }
      Tensor seed = Tensor.randn(new Generator(20261204), y.dtype(), y.shape());
      backward.apply(seed);
      for (Tensor leaf : order) {
        double[] analytic = leaf.grad() == null ? new double[leaf.numel()] : leaf.grad().toArray();
        double eps = leaf.dtype() == DType.FLOAT64 ? EPS : EPS_FLOAT;
        for (int k = 0; k < leaf.numel(); k++) {
          int at = storageIndex(leaf, k);
          Storage s = leaf.storage();
          double x = s.get(at);
          double h = eps * Math.max(1, Math.abs(x));
          double numeric;
          try (GradMode.Scope scope = GradMode.noGrad()) {
            s.set(at, x + h);
            double up = dot(value.get(), seed);
            s.set(at, x - h);
            double down = dot(value.get(), seed);
            numeric = (up - down) / (2 * h);
          } finally {
            s.set(at, x);
          }
          worst.compare(checked.get(leaf) + element(leaf, k), analytic[k], numeric);
        }
      }
    } finally {
      for (int i = 0; i < order.size(); i++) {
        order.get(i).setGrad(before[i]);
      }
    }
    return worst.report();
  }

  /** {@code read.get()}, or {@code null} where it reads through an absent (null) sub-model. */
  public static Tensor leaf(Supplier<Tensor> read) {
    try {
      return read.get();
    } catch (NullPointerException absent) {
      return null;
    }
  }

  // the storage index of element k in row-major order
  private static int storageIndex(Tensor t, int k) {
    int[] shape = t.shape();
    int[] strides = t.strides();
    int at = t.offset();
    for (int d = shape.length - 1; d >= 0; d--) {
      at += (k % shape[d]) * strides[d];
      k /= shape[d];
    }
    return at;
  }

  private static String element(Tensor t, int k) {
    int[] shape = t.shape();
    if (shape.length == 0) {
      return "";
    }
    int[] index = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = k % shape[d];
      k /= shape[d];
    }
    return Shape.format(index);
  }

  private static double dot(Tensor y, Tensor seed) {
    double[] a = y.toArray();
    double[] b = seed.toArray();
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double[][] copy(double[][] point) {
    double[][] out = new double[point.length][];
    for (int i = 0; i < point.length; i++) {
      out[i] = point[i].clone();
    }
    return out;
  }

  /** The running worst coordinate. */
  private static final class Worst {
    private final String function;
    private final double atol;
    private final double rtol;
    private int count;
    private String name = "";
    private double analytic;
    private double numeric;
    private double error = -1;

    Worst(String function, double atol, double rtol) {
      this.function = function;
      this.atol = atol;
      this.rtol = rtol;
    }

    void compare(String coordinate, double a, double n) {
      count++;
      double e = Math.abs(a - n) / (atol + rtol * Math.abs(n));
      if (Double.isNaN(e)) {
        e = Double.POSITIVE_INFINITY; // a NaN derivative or difference is never a pass
      }
      if (e > error) {
        error = e;
        name = coordinate;
        analytic = a;
        numeric = n;
      }
    }

    GradientReport report() {
      return new GradientReport(function, count, name, analytic, numeric, Math.max(error, 0));
    }
  }
}
