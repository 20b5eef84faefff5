package dev.adjoint.runtime.autograd;

import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * NaN and infinity propagate as PyTorch propagates them: every elementwise operation, reduction,
 * softmax and matrix product on the tape, fed NaN, ±infinity, ±0 and ordinary values, gives
 * libtorch's (float64) value and, after {@code y.sum().backward()}, libtorch's gradient for every
 * operand. A non-finite element must be the same non-finite value (any NaN matches any NaN); a
 * finite one agree within {@value #RELATIVE} relative.
 */
class NonFiniteAgainstLibtorchTest {
  static final double RELATIVE = 1e-12;
  static final double NAN = Double.NaN;
  static final double INF = Double.POSITIVE_INFINITY;

  /** The operands of the unary cases. */
  static final double[] SPECIAL = {NAN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 0.5, -2.0, 1e308, 3.0};

  /** The rows of the reduction cases: each mixes the special values differently. */
  static final double[][] ROWS = {
    {1, 2, 3}, {NAN, 1, 2}, {INF, 1, 2}, {-INF, 1, 2}, {INF, -INF, 1},
    {INF, INF, 1}, {-INF, -INF, -INF}, {0.0, -0.0, 0.0}, {NAN, INF, -INF}, {2, 2, 1}
  };

  static {
    torch.set_num_threads(1);
  }

  /**
   * Operand values where our gradient (or, for one case, value) keeps its own convention and
   * differs from PyTorch's. Each is a rule shared with the scalar processor's generated code (which
   * follows Java's {@code Math}), a hot path, or a PyTorch special case, listed here with its
   * reason rather than hidden.
   */
  @FunctionalInterface
  interface Deviation {
    /**
     * Whether operand {@code which}'s gradient ({@code which} ≥ 0) or the value ({@code which} =
     * -1) may differ at operands {@code (a, b)}.
     */
    boolean at(int which, double a, double b);

    Deviation NONE = (which, a, b) -> false;
  }

  record Unary(
      String name,
      UnaryOperator<Tensor> ours,
      UnaryOperator<org.bytedeco.pytorch.Tensor> theirs,
      Deviation deviation) {
    Unary(
        String name,
        UnaryOperator<Tensor> ours,
        UnaryOperator<org.bytedeco.pytorch.Tensor> theirs) {
      this(name, ours, theirs, Deviation.NONE);
    }
  }

  record Binary(
      String name,
      BinaryOperator<Tensor> ours,
      BinaryOperator<org.bytedeco.pytorch.Tensor> theirs,
      Deviation deviation) {
    Binary(
        String name,
        BinaryOperator<Tensor> ours,
        BinaryOperator<org.bytedeco.pytorch.Tensor> theirs) {
      this(name, ours, theirs, Deviation.NONE);
    }
  }

  /** Either operand NaN: our max/min rule gives neither operand the gradient, PyTorch both. */
  private static final Deviation EXTREMUM_AT_NAN =
      (which, a, b) -> which >= 0 && (Double.isNaN(a) || Double.isNaN(b));

  /**
   * ∂(aᵇ)/∂b at a = ±0: ours is 0 for every b (the limit from above), PyTorch's only for b ≥ 0 (for
   * b < 0 or NaN it is aᵇ·ln a, ±∞ or NaN).
   */
  private static final Deviation POW_EXPONENT_AT_ZERO =
      (which, a, b) -> which == 1 && a == 0 && !(b >= 0);

  private static org.bytedeco.pytorch.Scalar s(double v) {
    return new org.bytedeco.pytorch.Scalar(v);
  }

  static List<Unary> elementwise() {
    return List.of(
        new Unary("neg", Tensor::neg, x -> x.neg()),
        new Unary("exp", Tensor::exp, x -> x.exp()),
        new Unary("expm1", Tensor::expm1, x -> x.expm1()),
        new Unary("log", Tensor::log, x -> x.log()),
        new Unary("log1p", Tensor::log1p, x -> x.log1p()),
        new Unary("sqrt", Tensor::sqrt, x -> x.sqrt()),
        new Unary("sin", Tensor::sin, x -> x.sin()),
        new Unary("cos", Tensor::cos, x -> x.cos()),
        new Unary("tanh", Tensor::tanh, x -> x.tanh()),
        // d|x| = signum x, NaN at NaN (Math.signum); PyTorch's sgn gives 0
        new Unary("abs", Tensor::abs, x -> x.abs(), (w, a, b) -> w == 0 && Double.isNaN(a)),
        new Unary("sigmoid", Tensor::sigmoid, x -> x.sigmoid()),
        // d relu = [y > 0], read from the result on a hot path: 0 at NaN; PyTorch's [¬(y ≤ 0)] is 1
        new Unary("relu", Tensor::relu, x -> x.relu(), (w, a, b) -> w == 0 && Double.isNaN(a)),
        new Unary("softplus", Tensor::softplus, x -> torch.softplus(x)),
        new Unary(
            "clamp(-1, 2)",
            x -> x.clamp(-1, 2),
            x -> x.clamp(new ScalarOptional(s(-1)), new ScalarOptional(s(2)))),
        new Unary("pow(2)", x -> x.pow(2), x -> x.pow(s(2))),
        // PyTorch computes x^0.5 with a number exponent as √x: NaN at -∞ and a gradient of -∞ at
        // -0; ours is C's pow, as PyTorch's own pow with a tensor exponent (+∞ and +∞)
        new Unary(
            "pow(0.5)",
            x -> x.pow(0.5),
            x -> x.pow(s(0.5)),
            (w, a, b) -> a == Double.NEGATIVE_INFINITY || (w == 0 && a == 0)),
        new Unary("pow(-1)", x -> x.pow(-1), x -> x.pow(s(-1))),
        new Unary("pow(0)", x -> x.pow(0), x -> x.pow(s(0))),
        new Unary("add(2)", x -> x.add(2), x -> x.add(s(2))),
        new Unary("sub(2)", x -> x.sub(2), x -> x.sub(s(2))),
        new Unary("rsub(2)", x -> x.rsub(2), x -> torch.rsub(x, s(2))),
        new Unary("mul(0)", x -> x.mul(0), x -> x.mul(s(0))),
        new Unary("mul(-3)", x -> x.mul(-3), x -> x.mul(s(-3))),
        new Unary("div(0)", x -> x.div(0), x -> x.div(s(0))),
        new Unary("div(-2)", x -> x.div(-2), x -> x.div(s(-2))),
        new Unary(
            "maskedFill(x>0, nan)",
            x -> x.maskedFill(x.detach().gt(0), NAN),
            x -> x.masked_fill(x.detach().gt(s(0)), s(NAN))));
  }

  static List<Binary> binaries() {
    return List.of(
        new Binary("add", Tensor::add, (a, b) -> a.add(b)),
        new Binary("sub", Tensor::sub, (a, b) -> a.sub(b)),
        new Binary("mul", Tensor::mul, (a, b) -> a.mul(b)),
        new Binary("div", Tensor::div, (a, b) -> a.div(b)),
        new Binary("pow", Tensor::pow, (a, b) -> a.pow(b), POW_EXPONENT_AT_ZERO),
        new Binary("maximum", Tensor::maximum, (a, b) -> a.maximum(b), EXTREMUM_AT_NAN),
        new Binary("minimum", Tensor::minimum, (a, b) -> a.minimum(b), EXTREMUM_AT_NAN),
        new Binary(
            "where(a>b)",
            (a, b) -> Tensor.where(a.detach().gt(b.detach()), a, b),
            (a, b) -> torch.where(a.detach().gt(b.detach()), a, b)));
  }

  /** Reductions over dimension 1 of {@link #ROWS}, and over every element. */
  static List<Unary> reductions() {
    return List.of(
        new Unary("sum(1)", x -> x.sum(1), x -> x.sum(1)),
        new Unary("mean(1)", x -> x.mean(1), x -> x.mean(1)),
        new Unary("max(1)", x -> x.max(1), x -> x.amax(new long[] {1}, false)),
        new Unary("sum()", Tensor::sum, x -> x.sum()),
        new Unary("mean()", Tensor::mean, x -> x.mean()),
        new Unary("max()", Tensor::max, x -> x.amax()),
        new Unary("softmax(1)", x -> x.softmax(1), x -> x.softmax(1)),
        new Unary("logSoftmax(1)", x -> x.logSoftmax(1), x -> x.log_softmax(1)),
        new Unary(
            "matmul(ones)",
            x -> x.matmul(Tensor.fromArray(DType.FLOAT64, new double[] {1, -1, 2}, 3)),
            x -> x.matmul(torch_tensor(new double[] {1, -1, 2}, 3))));
  }

  @TestFactory
  Stream<DynamicTest> elementwiseOperations() {
    return elementwise().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> checkUnary(c, SPECIAL, SPECIAL.length)));
  }

  @TestFactory
  Stream<DynamicTest> binaryOperations() {
    int n = SPECIAL.length;
    double[] a = new double[n * n];
    double[] b = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i * n + j] = SPECIAL[i];
        b[i * n + j] = SPECIAL[j];
      }
    }
    return binaries().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> checkBinary(c, a, b)));
  }

  @TestFactory
  Stream<DynamicTest> reductionsOverRows() {
    double[] flat = Arrays.stream(ROWS).flatMapToDouble(Arrays::stream).toArray();
    return reductions().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> checkUnary(c, flat, ROWS.length, 3)));
  }

  private static void checkUnary(Unary c, double[] values, int... shape) {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = Tensor.fromArray(DType.FLOAT64, values, shape).requiresGrad(true);
      Tensor y = c.ours().apply(x);
      y.sum().backward();
      org.bytedeco.pytorch.Tensor tx = torch_tensor(values, shape).requires_grad_(true);
      org.bytedeco.pytorch.Tensor ty = c.theirs().apply(tx);
      ty.sum().backward();
      List<String> problems = new ArrayList<>();
      compare(
          c.name() + " value", values, null, y.toArray(), values(ty), c.deviation(), -1, problems);
      compare(
          c.name() + " gradient",
          values,
          null,
          gradient(x),
          values(tx.grad()),
          c.deviation(),
          0,
          problems);
      if (!problems.isEmpty()) {
        fail(String.join("\n", problems));
      }
    }
  }

  private static void checkBinary(Binary c, double[] a, double[] b) {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = Tensor.fromArray(DType.FLOAT64, a, a.length).requiresGrad(true);
      Tensor w = Tensor.fromArray(DType.FLOAT64, b, b.length).requiresGrad(true);
      Tensor y = c.ours().apply(x, w);
      y.sum().backward();
      org.bytedeco.pytorch.Tensor tx = torch_tensor(a, a.length).requires_grad_(true);
      org.bytedeco.pytorch.Tensor tw = torch_tensor(b, b.length).requires_grad_(true);
      org.bytedeco.pytorch.Tensor ty = c.theirs().apply(tx, tw);
      ty.sum().backward();
      List<String> problems = new ArrayList<>();
      compare(c.name() + " value", a, b, y.toArray(), values(ty), c.deviation(), -1, problems);
      compare(
          c.name() + " gradient of a",
          a,
          b,
          gradient(x),
          values(tx.grad()),
          c.deviation(),
          0,
          problems);
      compare(
          c.name() + " gradient of b",
          a,
          b,
          gradient(w),
          values(tw.grad()),
          c.deviation(),
          1,
          problems);
      if (!problems.isEmpty()) {
        fail(String.join("\n", problems));
      }
    }
  }

  /**
   * Element-by-element agreement, except where {@code deviation} allows operand {@code which} its
   * own convention; each disagreement named by its operands.
   */
  private static void compare(
      String what,
      double[] a,
      double[] b,
      double[] ours,
      double[] theirs,
      Deviation deviation,
      int which,
      List<String> problems) {
    if (ours.length != theirs.length) {
      problems.add(what + ": " + ours.length + " elements, libtorch " + theirs.length);
      return;
    }
    for (int k = 0; k < ours.length; k++) {
      double o = ours[k];
      double t = theirs[k];
      boolean same =
          Double.isNaN(t)
              ? Double.isNaN(o)
              : Double.isInfinite(t)
                  ? o == t
                  : Math.abs(o - t) <= RELATIVE * Math.max(1, Math.abs(t));
      boolean elementwise = ours.length == a.length;
      if (!same && !(elementwise && deviation.at(which, a[k], b == null ? Double.NaN : b[k]))) {
        String at =
            b == null
                ? (elementwise ? "x = " + a[k] : "element " + k)
                : "a = " + a[k] + ", b = " + b[k];
        problems.add(what + " at " + at + ": " + o + ", libtorch " + t);
      }
    }
  }

  private static double[] gradient(Tensor x) {
    return x.grad() == null ? new double[x.numel()] : x.grad().toArray();
  }

  static org.bytedeco.pytorch.Tensor torch_tensor(double[] values, int... shape) {
    long[] s = Arrays.stream(shape).asLongStream().toArray();
    return torch
        .from_blob(new DoublePointer(values), s, new TensorOptions(torch.ScalarType.Double))
        .clone();
  }

  private static double[] values(org.bytedeco.pytorch.Tensor t) {
    if (!t.defined()) {
      return new double[0];
    }
    org.bytedeco.pytorch.Tensor c = t.detach().to(torch.ScalarType.Double).contiguous();
    double[] out = new double[(int) c.numel()];
    new DoublePointer(c.data_ptr()).get(out);
    return out;
  }
}
