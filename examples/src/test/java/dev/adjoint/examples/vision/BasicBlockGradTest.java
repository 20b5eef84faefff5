package dev.adjoint.examples.vision;

import static dev.adjoint.examples.vision.ModelAgreement.buffersEqual;
import static dev.adjoint.examples.vision.ModelAgreement.gradientsAgree;
import static dev.adjoint.examples.vision.ModelAgreement.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.nn.BatchNorm2d;
import dev.adjoint.runtime.nn.Sequential;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adjoint generated for one {@link BasicBlock} ({@code BasicBlockGrad.forwardBackward}), called
 * directly rather than written into ResNet's, against the tape in float64, in training: with the
 * downsample shortcut and without one (its optional sub-models absent, their parameters read as
 * null), the value, the input's and every parameter's gradient, and the running statistics.
 */
class BasicBlockGradTest {
  @ParameterizedTest(name = "downsample {0}")
  @ValueSource(booleans = {false, true})
  void theGeneratedBlockAgreesWithTheTape(boolean downsample) {
    BasicBlock onTape = block(downsample);
    BasicBlock written = block(downsample);
    Tensor data = Tensor.randn(new Generator(5), DType.FLOAT64, 2, 8, 6, 6);
    int side = downsample ? 3 : 6;
    Tensor seed = Tensor.randn(new Generator(6), DType.FLOAT64, 2, 8, side, side);

    Tensor x = data.copy().requiresGrad(true);
    Tensor expected = onTape.forward(x);
    expected.backward(seed);
    Tensor y = data.copy().requiresGrad(true);
    Tensor value = BasicBlockGrad.forwardBackward(written, y, seed);

    assertEquals(0, relativeError(value, expected), 1e-12, "value");
    assertTrue(relativeError(y.grad(), x.grad()) <= 1e-9, "input gradient");
    double worst = gradientsAgree(written, onTape, 1e-9);
    buffersEqual(written, onTape);
    assertEquals(downsample ? 9 : 6, written.parameters().size(), "parameters");
    System.out.printf("BasicBlock, downsample %s: worst gradient %.2e%n", downsample, worst);
  }

  // 8 channels in and out; with downsample, stride 2 and a 1×1 shortcut, as layer2.0 has
  private static BasicBlock block(boolean downsample) {
    Generator gen = new Generator(4);
    int stride = downsample ? 2 : 1;
    Sequential shortcut =
        downsample
            ? new Sequential(
                BasicBlock.conv1x1(8, 8, stride, DType.FLOAT64, gen),
                new BatchNorm2d(8, DType.FLOAT64))
            : null;
    return new BasicBlock(8, 8, stride, shortcut, DType.FLOAT64, gen);
  }
}
