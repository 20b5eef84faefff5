package dev.adjoint.examples.vision;

import static dev.adjoint.examples.vision.ModelAgreement.gradientsAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * ADJ102's fix for a for-each over a list of sub-models inside another, applied ({@link StagedNet}:
 * two stages in fields, each looping over its own list of layers): the generated adjoint's loss and
 * every parameter's gradient against the tape's, in float64. (Written with the stages in a list,
 * the inner reads named the inner counter for both lists: an IndexOutOfBoundsException with 2
 * stages of 3 layers, and a silently wrong gradient where the inner list was no longer than the
 * outer one.)
 */
class StagedNetTest {
  @Test
  void theNestedListsAgreeWithTheTape() {
    StagedNet onTape = new StagedNet(5, 3, new Generator(8));
    StagedNet written = new StagedNet(5, 3, new Generator(8));
    Tensor x = Tensor.randn(new Generator(9), DType.FLOAT64, 4, 5);
    Tensor target = Tensor.randn(new Generator(10), DType.FLOAT64, 4, 5);

    Tensor expected = onTape.loss(x, target);
    expected.backward();
    Tensor loss = StagedNetGrad.lossBackward(written, x, target);

    assertEquals(expected.item(), loss.item(), 1e-12 * Math.abs(expected.item()), "loss");
    assertEquals(2 * 3 * 2 + 1, written.parameters().size(), "parameters");
    double worst = gradientsAgree(written, onTape, 1e-9);
    System.out.printf("StagedNet, 2 stages of 3 layers: worst gradient %.2e%n", worst);
  }
}
