package dev.adjoint.examples;

import dev.adjoint.examples.generated.TemperatureTraining;
import dev.adjoint.examples.generated.VectorJacobianGrad;
import dev.adjoint.examples.scalar.ActivationsGrad;
import dev.adjoint.examples.scalar.BlackScholesGrad;
import dev.adjoint.examples.scalar.LineGrad;
import dev.adjoint.examples.scalar.ProjectileGrad;
import dev.adjoint.examples.tensors.MlpTraining;
import dev.adjoint.examples.vision.ResNetTrainingStep;
import dev.adjoint.examples.vision.ShapesTraining;
import java.io.PrintStream;

/**
 * The flagship run: the reference cases and a few everyday functions, each differentiated by the
 * code the processor generated at build time. {@code mvn -q -pl examples -am verify exec:exec} (see
 * the README) runs it.
 */
public final class Examples {
  private Examples() {}

  /** Prints every example's value and gradient. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Prints every example to {@code out}. */
  public static void run(PrintStream out) {
    out.println("R1  y = x*w + b at x = 5, w = 4, b = 2 (PyTorch: w.grad = 5, b.grad = 1)");
    LineGrad.PredictGradient line = LineGrad.predict(5, 4, 2);
    out.printf("    y = %s, w.grad = %s, b.grad = %s%n", line.value(), line.w(), line.b());

    out.println("R2  Q = 3a^3 - b^2 at a = [2, 3], b = [6, 4], Q.backward(gradient=[1, 1])");
    VectorJacobianGrad.QGradient q =
        VectorJacobianGrad.q(new double[] {2, 3}, new double[] {6, 4}, new double[] {1, 1});
    out.printf(
        "    a.grad = %s, b.grad = %s (PyTorch: [36, 81], [-12, -8])%n",
        java.util.Arrays.toString(q.a()), java.util.Arrays.toString(q.b()));

    out.println("R4  temperature model, float32, 5000 epochs of gradient descent (lr 1e-2)");
    TemperatureTraining.run().forEach(printed -> out.println("    " + printed));

    out.println(
        "A model class on tensors: 2 -> 16 ReLU -> 3, three clusters, SGD (lr 0.1), its"
            + " generated lossBackward");
    MlpTraining.run().forEach(printed -> out.println("    " + printed));

    out.println(
        "R6  torchvision's resnet18 on the tape and through its generated adjoint: data = rand(1,"
            + " 3, 64, 64), labels = rand(1, 1000), loss = (prediction - labels).sum(),"
            + " loss.backward(), SGD step");
    ResNetTrainingStep.run().forEach(printed -> out.println("    " + printed));

    out.println(
        "A small CNN (conv-BN-ReLU-pool x2, dropout, linear) on 16x16 shapes it renders itself,"
            + " on the tape");
    ShapesTraining.run().forEach(printed -> out.println("    " + printed));

    out.println("Projectile range at 20 m/s, 45 degrees, from 1.5 m");
    ProjectileGrad.RangeGradient range = ProjectileGrad.range(20, Math.PI / 4, 1.5);
    out.printf(
        "    range = %.4f m, d/dspeed = %.4f s, d/dangle = %.4f m/rad%n",
        range.value(), range.speed(), range.angle());

    out.println("Black-Scholes call, S = 100, K = 105, r = 5%, sigma = 20%, T = 1 year");
    BlackScholesGrad.CallPriceGradient call = BlackScholesGrad.callPrice(100, 105, 0.05, 0.2, 1);
    out.printf(
        "    price = %.4f, delta = %.4f, vega = %.4f, rho = %.4f, theta = %.4f%n",
        call.value(), call.spot(), call.volatility(), call.rate(), -call.time());

    out.println("softplus and logistic at x = 0.5");
    ActivationsGrad.SoftplusGradient softplus = ActivationsGrad.softplus(0.5);
    ActivationsGrad.LogisticGradient logistic = ActivationsGrad.logistic(0.5);
    out.printf(
        "    softplus = %.6f, softplus' = %.6f (= logistic = %.6f), logistic' = %.6f%n",
        softplus.value(), softplus.x(), logistic.value(), logistic.x());
  }
}
