package dev.adjoint.examples.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small CNN learns the rendered shapes, and its progress lines say so. */
class ShapesTrainingTest {
  @Test
  void reachesHighHeldOutAccuracyInThreeEpochs() {
    List<ShapesTraining.Epoch> epochs = ShapesTraining.train(3, 1200, 1);
    ShapesTraining.Epoch last = epochs.get(2);
    // four classes: chance is 25%
    assertTrue(last.heldOutAccuracy() >= 0.95, last::toString);
    assertTrue(last.trainAccuracy() >= 0.9, last::toString);
    assertTrue(last.loss() < 0.5 * epochs.get(0).loss(), epochs::toString);
    assertTrue(
        last.toString()
            .matches(
                "epoch 3: loss \\d\\.\\d{4}, train accuracy \\d+\\.\\d%, held-out accuracy"
                    + " \\d+\\.\\d%"),
        last::toString);
  }

  @Test
  void theDataSetIsBalancedAndReproducible() {
    RenderedShapes.Batch a = RenderedShapes.generate(8, 3);
    RenderedShapes.Batch b = RenderedShapes.generate(8, 3);
    assertArrayEquals(new int[] {8, 1, 16, 16}, a.images().shape());
    assertTrue(a.images().allClose(b.images(), 0, 0));
    for (int i = 0; i < 8; i++) {
      assertEquals(i % 4, a.labels().get(i));
    }
  }
}
