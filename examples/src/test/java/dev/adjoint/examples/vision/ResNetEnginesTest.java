package dev.adjoint.examples.vision;

import static dev.adjoint.examples.vision.ModelAgreement.buffersEqual;
import static dev.adjoint.examples.vision.ModelAgreement.gradientsAgree;
import static dev.adjoint.examples.vision.ModelAgreement.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ResNet-18's generated adjoint ({@code ResNetGrad.lossBackward}, written from {@code forward}'s
 * for-each loops over the layers' blocks and each block's optional shortcut) against the tape, in
 * float64 at 1×3×64×64, in training: the loss, all 62 parameter gradients (relative 1e-9), the
 * running statistics and call counts (bit for bit: both engines run the same statistics step once
 * per call), and every parameter after one step of SGD with momentum.
 */
class ResNetEnginesTest {
  private static final double TOLERANCE = 1e-9;

  /** The flagship's R6 lines: the generated step's parameters match the tape's. */
  @Test
  void theFlagshipRunsR6OnBothEngines() {
    List<String> lines = ResNetTrainingStep.run();
    String generated = lines.get(lines.size() - 1);
    Matcher m =
        Pattern.compile(
                "generated adjoint \\(ResNetGrad.lossBackward\\): loss = -?\\d+\\.\\d{4},"
                    + " parameters after the step within (\\S+) of the tape's")
            .matcher(generated);
    assertTrue(m.matches(), generated);
    assertTrue(Double.parseDouble(m.group(1)) <= 1e-6, generated);
    System.out.println(String.join("\n", lines));
  }

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 4})
  void theGeneratedStepAgreesWithTheTape(int batch) {
    ResNetTrainingStep.Inputs onTape = ResNetTrainingStep.inputs(batch, DType.FLOAT64, 3);
    ResNetTrainingStep.Inputs written = ResNetTrainingStep.inputs(batch, DType.FLOAT64, 3);
    double tapeLoss = ResNetTrainingStep.step(onTape, ResNetTrainingStep.Engine.TAPE).item();
    double loss = ResNetTrainingStep.step(written, ResNetTrainingStep.Engine.GENERATED).item();
    assertEquals(tapeLoss, loss, 1e-12 * Math.abs(tapeLoss), "loss");

    assertEquals(62, written.model().parameters().size());
    double worst = gradientsAgree(written.model(), onTape.model(), TOLERANCE);
    buffersEqual(written.model(), onTape.model());
    assertEquals(1, written.model().bn1().numBatchesTracked().item(), "one update per call");
    Map<String, Tensor> after = written.model().namedParameters();
    double worstStep = 0;
    for (Map.Entry<String, Tensor> p : onTape.model().namedParameters().entrySet()) {
      double error = relativeError(after.get(p.getKey()), p.getValue());
      assertTrue(error <= TOLERANCE, p.getKey() + " after the step: " + error);
      worstStep = Math.max(worstStep, error);
    }
    System.out.printf(
        "ResNet-18 batch %d float64, generated vs tape: loss %.6f, worst gradient %.2e, worst"
            + " parameter after SGD %.2e%n",
        batch, loss, worst, worstStep);
  }
}
