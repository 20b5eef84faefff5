package dev.adjoint.examples.vision;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * REFERENCE R6 as PyTorch's autograd tutorial runs it, on the dynamic tape:
 *
 * <pre>
 * model = resnet18(); data = rand(1, 3, 64, 64); labels = rand(1, 1000)
 * prediction = model(data); loss = (prediction - labels).sum(); loss.backward()
 * optim = SGD(model.parameters(), lr=1e-2, momentum=0.9); optim.step()
 * </pre>
 *
 * The tutorial's weights are torchvision's pretrained ones, which cannot be downloaded here; the
 * model has torchvision's initialisation from a seeded generator instead, so the loss is its own
 * number (PyTorch printed {@code tensor(-494.4492, grad_fn=<SumBackward0>)} for its weights).
 */
public final class ResNetTrainingStep {
  private ResNetTrainingStep() {}

  /** The model, its input and its labels, as the tutorial makes them. */
  public record Inputs(ResNet model, Tensor data, Tensor labels) {}

  /** ResNet-18 in {@code dtype}, {@code rand(batch, 3, 64, 64)}, {@code rand(batch, 1000)}. */
  public static Inputs inputs(int batch, DType dtype, long seed) {
    Generator gen = new Generator(seed);
    ResNet model = ResNet.resnet18(1000, dtype, gen);
    Tensor data = Tensor.rand(gen, dtype, batch, 3, 64, 64);
    Tensor labels = Tensor.rand(gen, dtype, batch, 1000);
    return new Inputs(model, data, labels);
  }

  /** The two ways to run the step's backward. */
  public enum Engine {
    /** {@code model.loss(data, labels).backward()}: the dynamic tape records the forward. */
    TAPE,
    /**
     * {@code ResNetGrad.lossBackward(model, data, labels)}: the adjoint generated at build time.
     */
    GENERATED
  }

  /** The tutorial's step on the tape; returns the loss, whose graph {@code backward} has freed. */
  public static Tensor step(Inputs in) {
    return step(in, Engine.TAPE);
  }

  /**
   * The tutorial's step with the backward of {@code engine}: the loss, its gradient into every
   * parameter's {@code .grad()} (and, in training, the running statistics updated once), then one
   * step of SGD with momentum; returns the loss.
   */
  public static Tensor step(Inputs in, Engine engine) {
    ResNet model = in.model();
    Tensor loss;
    if (engine == Engine.TAPE) {
      Tensor prediction = model.forward(in.data());
      loss = prediction.sub(in.labels()).sum();
      loss.backward();
    } else {
      loss = ResNetGrad.lossBackward(model, in.data(), in.labels());
    }

    Sgd optim = new Sgd(model.parameters(), 1e-2, 0.9, 0, 0, false);
    optim.step();
    return loss;
  }

  /** The lines the flagship prints. */
  @SuppressWarnings("try") // the scope only restores grad mode on close
  public static List<String> run() {
    Inputs in = inputs(1, DType.FLOAT32, 0);
    Tensor loss = step(in);
    Tensor grad = in.model().conv1().weight().grad();
    Tensor after;
    try (GradMode.Scope scope = GradMode.noGrad()) {
      after = in.model().forward(in.data()).sub(in.labels()).sum();
    }
    // the same step through the adjoint generated from ResNet.loss, on an identical model
    Inputs same = inputs(1, DType.FLOAT32, 0);
    Tensor generatedLoss = step(same, Engine.GENERATED);
    double worst = 0;
    List<Tensor> tape = in.model().parameters();
    List<Tensor> generated = same.model().parameters();
    for (int i = 0; i < tape.size(); i++) {
      worst = Math.max(worst, generated.get(i).sub(tape.get(i)).abs().max().item());
    }
    return List.of(
        "loss = "
            + loss
            + "   (PyTorch, pretrained weights: tensor(-494.4492,"
            + " grad_fn=<SumBackward0>))",
        String.format(
            Locale.ROOT,
            "%d parameter gradients, conv1.weight.grad[0, 0, 0, 0:3] = [%.4e, %.4e, %.4e]",
            in.model().parameters().stream().filter(p -> p.grad() != null).count(),
            grad.get(0, 0, 0, 0),
            grad.get(0, 0, 0, 1),
            grad.get(0, 0, 0, 2)),
        String.format(
            Locale.ROOT,
            "after SGD(lr=1e-2, momentum=0.9).step(): loss = %.4f (batch norm counted %d training"
                + " calls)",
            after.item(),
            (long) in.model().bn1().numBatchesTracked().item()),
        String.format(
            Locale.ROOT,
            "generated adjoint (ResNetGrad.lossBackward): loss = %.4f, parameters after the step"
                + " within %.1e of the tape's",
            generatedLoss.item(),
            worst));
  }
}
