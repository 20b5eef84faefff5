package demo;

import dev.adjoint.runtime.gradcheck.GeneratedChecks;
import dev.adjoint.runtime.gradcheck.GradientReport;
import dev.adjoint.runtime.tensor.Tensor;
import javax.annotation.processing.Generated;

/**
 * Gradient checks of {@link Tensors}, generated at build time by Adjoint: each method compares a
 * derivative (generated, or registered with {@code @Derivative}) with central differences at the
 * given arguments and returns a report naming the worst coordinate ({@code report.assertPassed()}
 * in a test).
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class TensorsGradCheck {
  private TensorsGradCheck() {
  }

  /**
   * Compares the gradients {@link TensorsGrad#lossBackward} adds into {@code .grad()} with central
   * differences of {@link Tensors#loss} itself, along a fixed random seed of its result's shape,
   * for every element of every tensor it reads that requires grad; the report names the worst
   * coordinate. Gradients already there are kept; elements are moved and put back.
   */
  public static GradientReport loss(Tensors self, Tensor x, Tensor target) {
    return GeneratedChecks.tensor(
      "Tensors.loss",
      new String[] {"self.hidden.weight()", "self.hidden.bias()", "self.scale"},
      new Tensor[] {GeneratedChecks.leaf(() -> self.hidden.weight()),
          GeneratedChecks.leaf(() -> self.hidden.bias()), GeneratedChecks.leaf(() -> self.scale)},
      () -> self.loss(x, target),
      seed -> TensorsGrad.lossBackward(self, x, target, seed));
  }

  /**
   * Compares the gradients {@link TensorsGrad#smoothBackward} adds into {@code .grad()} with
   * central differences of {@link Tensors#smooth} itself, along a fixed random seed of its result's
   * shape, for every element of every tensor it reads that requires grad; the report names the
   * worst coordinate. Gradients already there are kept; elements are moved and put back.
   */
  public static GradientReport smooth(Tensor x, Tensor w) {
    return GeneratedChecks.tensor(
      "Tensors.smooth",
      new String[] {"x", "w"},
      new Tensor[] {x, w},
      () -> Tensors.smooth(x, w),
      seed -> TensorsGrad.smoothBackward(x, w, seed));
  }

  /**
   * Compares the gradients {@link TensorsGrad#recurrenceBackward} adds into {@code .grad()} with
   * central differences of {@link Tensors#recurrence} itself, along a fixed random seed of its
   * result's shape, for every element of every tensor it reads that requires grad; the report names
   * the worst coordinate. Gradients already there are kept; elements are moved and put back.
   */
  public static GradientReport recurrence(Tensor x, Tensor w, int steps) {
    return GeneratedChecks.tensor(
      "Tensors.recurrence",
      new String[] {"x", "w"},
      new Tensor[] {x, w},
      () -> Tensors.recurrence(x, w, steps),
      seed -> TensorsGrad.recurrenceBackward(x, w, steps, seed));
  }

  /**
   * Compares the gradients {@link TensorsGrad#centredBackward} adds into {@code .grad()} with
   * central differences of {@link Tensors#centred} itself, along a fixed random seed of its
   * result's shape, for every element of every tensor it reads that requires grad; the report names
   * the worst coordinate. Gradients already there are kept; elements are moved and put back.
   */
  public static GradientReport centred(Tensor x) {
    return GeneratedChecks.tensor(
      "Tensors.centred",
      new String[] {"x"},
      new Tensor[] {x},
      () -> Tensors.centred(x),
      seed -> TensorsGrad.centredBackward(x, seed));
  }

  /**
   * Compares the gradients {@link TensorsGrad#reluLayerBackward} adds into {@code .grad()} with
   * central differences of {@link Tensors#reluLayer} itself, along a fixed random seed of its
   * result's shape, for every element of every tensor it reads that requires grad; the report names
   * the worst coordinate. Gradients already there are kept; elements are moved and put back.
   */
  public static GradientReport reluLayer(Tensors self, Tensor x) {
    return GeneratedChecks.tensor(
      "Tensors.reluLayer",
      new String[] {"self.hidden.weight()", "self.hidden.bias()"},
      new Tensor[] {GeneratedChecks.leaf(() -> self.hidden.weight()),
          GeneratedChecks.leaf(() -> self.hidden.bias())},
      () -> self.reluLayer(x),
      seed -> TensorsGrad.reluLayerBackward(self, x, seed));
  }

  /**
   * Compares the gradients {@link TensorsGrad#reluLayerViewedBackward} adds into {@code .grad()}
   * with central differences of {@link Tensors#reluLayerViewed} itself, along a fixed random seed
   * of its result's shape, for every element of every tensor it reads that requires grad; the
   * report names the worst coordinate. Gradients already there are kept; elements are moved and put
   * back.
   */
  public static GradientReport reluLayerViewed(Tensors self, Tensor x) {
    return GeneratedChecks.tensor(
      "Tensors.reluLayerViewed",
      new String[] {"self.hidden.weight()", "self.hidden.bias()"},
      new Tensor[] {GeneratedChecks.leaf(() -> self.hidden.weight()),
          GeneratedChecks.leaf(() -> self.hidden.bias())},
      () -> self.reluLayerViewed(x),
      seed -> TensorsGrad.reluLayerViewedBackward(self, x, seed));
  }

  /**
   * Compares the gradients {@link TensorsGrad#classifyBackward} adds into {@code .grad()} with
   * central differences of {@link Tensors#classify} itself, along a fixed random seed of its
   * result's shape, for every element of every tensor it reads that requires grad; the report names
   * the worst coordinate. Gradients already there are kept; elements are moved and put back.
   */
  public static GradientReport classify(Tensors self, Tensor x, Tensor labels) {
    return GeneratedChecks.tensor(
      "Tensors.classify",
      new String[] {"self.hidden.weight()", "self.hidden.bias()"},
      new Tensor[] {GeneratedChecks.leaf(() -> self.hidden.weight()),
          GeneratedChecks.leaf(() -> self.hidden.bias())},
      () -> self.classify(x, labels),
      seed -> TensorsGrad.classifyBackward(self, x, labels, seed));
  }

  /**
   * Compares the gradients {@link TensorsGrad#partsBackward} adds into {@code .grad()} with central
   * differences of {@link Tensors#parts} itself, along a fixed random seed of its result's shape,
   * for every element of every tensor it reads that requires grad; the report names the worst
   * coordinate. Gradients already there are kept; elements are moved and put back.
   */
  public static GradientReport parts(Tensor m, Tensor index, Tensor mask) {
    return GeneratedChecks.tensor(
      "Tensors.parts",
      new String[] {"m"},
      new Tensor[] {m},
      () -> Tensors.parts(m, index, mask),
      seed -> TensorsGrad.partsBackward(m, index, mask, seed));
  }

  /**
   * Compares the gradients {@link TensorsGrad#smoothTwiceBackward} adds into {@code .grad()} with
   * central differences of {@link Tensors#smoothTwice} itself, along a fixed random seed of its
   * result's shape, for every element of every tensor it reads that requires grad; the report names
   * the worst coordinate. Gradients already there are kept; elements are moved and put back.
   */
  public static GradientReport smoothTwice(Tensor x, Tensor w) {
    return GeneratedChecks.tensor(
      "Tensors.smoothTwice",
      new String[] {"x", "w"},
      new Tensor[] {x, w},
      () -> Tensors.smoothTwice(x, w),
      seed -> TensorsGrad.smoothTwiceBackward(x, w, seed));
  }
}
