package dev.adjoint.runtime.gradcheck;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks a function's gradient, as the tape computes it, against central finite differences in
 * {@code float64}.
 *
 * <p>With a random seed v for the output, backward gives the gradient of φ(x) = ⟨v, f(x)⟩; that is
 * compared (1) along random directions t: ⟨∇φ, t⟩ ≈ (φ(x + εt) − φ(x − εt))/2ε, which tests all of
 * the Jacobian at once; and (2) for small inputs, element by element. Inputs are copied to {@code
 * float64} leaves; non-floating inputs (indices) are passed unchanged and not differentiated.
 */
public final class GradCheck {
  /**
   * How the check runs.
   *
   * @param eps the finite-difference step
   * @param atol absolute tolerance
   * @param rtol relative tolerance (to the numerical value)
   * @param directions how many random directions to test
   * @param elementwiseLimit check element by element when the inputs have at most this many
   *     elements in all
   * @param seed the seed of the random seed vector and directions
   */
  public record Options(
      double eps, double atol, double rtol, int directions, int elementwiseLimit, long seed) {
    /** Defaults that suit smooth functions of O(1) inputs in float64. */
    public static Options defaults() {
      return new Options(1e-6, 1e-5, 1e-4, 3, 64, 1234);
    }
  }

  /**
   * The outcome of a check.
   *
   * @param passed whether every comparison was within tolerance
   * @param comparisons how many numbers were compared
   * @param failures a line per comparison that failed
   */
  public record Result(boolean passed, int comparisons, List<String> failures) {
    @Override
    public String toString() {
      return passed
          ? "gradcheck passed (" + comparisons + " comparisons)"
          : "gradcheck failed "
              + failures.size()
              + " of "
              + comparisons
              + ":\n"
              + String.join("\n", failures);
    }
  }

  private GradCheck() {}

  /** Checks {@code f} at {@code inputs} with {@link Options#defaults()}. */
  public static Result check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
    return check(f, Options.defaults(), inputs);
  }

  /** Checks {@code f} at {@code inputs}. */
  public static Result check(Function<List<Tensor>, Tensor> f, Options options, Tensor... inputs) {
    Generator gen = new Generator(options.seed());
    List<Tensor> x = new ArrayList<>();
    for (Tensor t : inputs) {
      x.add(
          t.dtype().isFloatingPoint()
              ? t.detach().to(DType.FLOAT64).copy().requiresGrad(true)
              : t.detach());
    }
    Tensor y = f.apply(x);
    Tensor v = Tensor.randn(gen, DType.FLOAT64, y.shape());
    if (y.requiresGrad()) {
      y.backward(v);
    }
    List<Tensor> grads = new ArrayList<>();
    for (Tensor t : x) {
      grads.add(t.grad() == null ? Tensor.zeros(DType.FLOAT64, t.shape()) : t.grad());
    }
    List<String> failures = new ArrayList<>();
    int comparisons = 0;
    for (int k = 0; k < options.directions(); k++) {
      List<Tensor> dir = new ArrayList<>();
      double analytic = 0;
      for (int i = 0; i < x.size(); i++) {
        Tensor t =
            x.get(i).dtype().isFloatingPoint()
                ? Tensor.randn(gen, DType.FLOAT64, x.get(i).shape())
                : null;
        dir.add(t);
        if (t != null) {
          analytic += dot(grads.get(i), t);
        }
      }
      double numeric = centralDifference(f, x, v, dir, options.eps());
      comparisons++;
      if (!close(analytic, numeric, options)) {
        failures.add(
            String.format(
                Locale.ROOT,
                "direction %d: tape %.10g, finite difference %.10g",
                k,
                analytic,
                numeric));
      }
    }
    int total = 0;
    for (Tensor t : x) {
      total += t.dtype().isFloatingPoint() ? t.numel() : 0;
    }
    if (total <= options.elementwiseLimit()) {
      for (int i = 0; i < x.size(); i++) {
        if (!x.get(i).dtype().isFloatingPoint()) {
          continue;
        }
        double[] g = grads.get(i).toArray();
        for (int j = 0; j < g.length; j++) {
          List<Tensor> dir = new ArrayList<>();
          for (int m = 0; m < x.size(); m++) {
            Tensor t = x.get(m).dtype().isFloatingPoint() ? x.get(m).zerosLike() : null;
            if (m == i) {
              t.storage().set(j, 1);
            }
            dir.add(t);
          }
          double numeric = centralDifference(f, x, v, dir, options.eps());
          comparisons++;
          if (!close(g[j], numeric, options)) {
            failures.add(
                String.format(
                    Locale.ROOT,
                    "input %d element %d: tape %.10g, finite difference %.10g",
                    i,
                    j,
                    g[j],
                    numeric));
          }
        }
      }
    }
    return new Result(failures.isEmpty(), comparisons, List.copyOf(failures));
  }

  private static boolean close(double analytic, double numeric, Options o) {
    return Math.abs(analytic - numeric) <= o.atol() + o.rtol() * Math.abs(numeric);
  }

  // (φ(x + εt) − φ(x − εt)) / 2ε with φ(x) = ⟨v, f(x)⟩
  @SuppressWarnings("try") // the scope only restores grad mode on close
  private static double centralDifference(
      Function<List<Tensor>, Tensor> f, List<Tensor> x, Tensor v, List<Tensor> dir, double eps) {
    try (GradMode.Scope scope = GradMode.noGrad()) {
      return (phi(f, x, v, dir, eps) - phi(f, x, v, dir, -eps)) / (2 * eps);
    }
  }

  private static double phi(
      Function<List<Tensor>, Tensor> f, List<Tensor> x, Tensor v, List<Tensor> dir, double step) {
    List<Tensor> shifted = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      Tensor t = dir.get(i);
      shifted.add(t == null ? x.get(i) : x.get(i).add(t.mul(step)));
    }
    return dot(f.apply(shifted).to(DType.FLOAT64), v);
  }

  private static double dot(Tensor a, Tensor b) {
    double[] x = a.toArray();
    double[] y = b.toArray();
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += x[i] * y[i];
    }
    return sum;
  }
}
