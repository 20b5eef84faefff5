package dev.adjoint.bench.torch;

/**
 * Runs each libtorch workload once and checks it against the known answers (REFERENCE.md R3, R4;
 * the analytic Rosenbrock gradient), so a benchmark never times a wrong computation. Run with
 * {@code java -cp bench/target/benchmarks.jar dev.adjoint.bench.torch.TorchWorkloadCheck}; exits
 * non-zero on a mismatch.
 */
public final class TorchWorkloadCheck {
  private TorchWorkloadCheck() {}

  public static void main(String[] args) {
    TorchThreads.BEST.apply();
    int failures = 0;
    try (TorchTemperature t = new TorchTemperature()) {
      float[] r = t.train(TorchTemperature.EPOCHS);
      System.out.printf(
          "temperature: w=%.4f b=%.4f loss=%.6f (R4: 5.3671 -17.3012 2.927647)%n",
          r[0], r[1], r[2]);
      failures += check("temperature w", r[0], 5.3671, 1e-3);
      failures += check("temperature b", r[1], -17.3012, 1e-3);
      failures += check("temperature loss", r[2], 2.927647, 1e-4);
    }
    try (TorchSeedLayer s = new TorchSeedLayer(0)) {
      float loss = s.forwardBackward();
      float[] w = s.weights();
      float[] b = s.bias();
      float[] gw = s.weightGrad();
      float[] gb = s.biasGrad();
      System.out.printf(
          "seedLayer: loss=%.6f b.grad=[%.4f, %.4f, %.4f]%n", loss, gb[0], gb[1], gb[2]);
      for (int j = 0; j < 3; j++) {
        double z = b[j];
        for (int i = 0; i < 5; i++) {
          z += w[i * 3 + j];
          failures += check("seedLayer w.grad row " + i, gw[i * 3 + j], gb[j], 1e-6);
        }
        failures += check("seedLayer b.grad", gb[j], 1 / (1 + Math.exp(-z)) / 3, 1e-6);
      }
    }
    try (TorchRosenbrock r = new TorchRosenbrock(0)) {
      double f = r.gradient();
      double[] x = r.point();
      double[] g = r.grad();
      double want = 0;
      double[] wantGrad = new double[x.length];
      for (int i = 0; i + 1 < x.length; i++) {
        double d = x[i + 1] - x[i] * x[i];
        want += 100 * d * d + (1 - x[i]) * (1 - x[i]);
        // d/dx_i: -400 x_i d - 2 (1 - x_i);  d/dx_{i+1}: 200 d
        wantGrad[i] += -400 * x[i] * d - 2 * (1 - x[i]);
        wantGrad[i + 1] += 200 * d;
      }
      System.out.printf("rosenbrock: f=%.6f (want %.6f)%n", f, want);
      failures += check("rosenbrock f", f, want, 1e-9 * Math.abs(want));
      for (int i = 0; i < x.length; i++) {
        failures += check("rosenbrock grad " + i, g[i], wantGrad[i], 1e-9 * (1 + Math.abs(g[i])));
      }
    }
    try (TorchMlpStep m = new TorchMlpStep(0)) {
      float first = m.step();
      float last = first;
      for (int i = 0; i < 50; i++) {
        last = m.step();
      }
      System.out.printf(
          "mlpStep: loss %.4f -> %.4f after 51 steps (ln 10 = 2.3026)%n", first, last);
      if (!(last < first)) {
        System.out.println("FAIL mlpStep: SGD did not lower the loss");
        failures++;
      }
    }
    if (failures > 0) {
      System.out.println(failures + " check(s) failed");
      System.exit(1);
    }
    System.out.println("all libtorch workloads agree with their reference values");
  }

  private static int check(String what, double got, double want, double tol) {
    if (Math.abs(got - want) <= tol) {
      return 0;
    }
    System.out.println("FAIL " + what + ": got " + got + ", want " + want);
    return 1;
  }
}
