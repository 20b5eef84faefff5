package dev.adjoint.examples.tensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The flagship's model-class training: it learns, and both engines take the same steps. */
class MlpTrainingTest {
  @Test
  void trainingThroughTheGeneratedAdjointFollowsTheTapeStepByStep() {
    MlpTraining.Result generated = MlpTraining.train(300, true);
    MlpTraining.Result tape = MlpTraining.train(300, false);
    for (int step = 0; step < 300; step++) {
      // float32 model: the same operations, rounded alike; fused rules could differ in the last bit
      assertEquals(
          tape.losses()[step],
          generated.losses()[step],
          1e-5 * Math.max(1, tape.losses()[step]),
          "step " + step);
    }
    assertTrue(generated.losses()[0] > 0.8, "starts near ln 3: " + generated.losses()[0]);
    assertTrue(generated.losses()[299] < 0.2, "learns: " + generated.losses()[299]);
    assertTrue(generated.accuracy() > 0.9, "accuracy " + generated.accuracy());
    assertEquals(5, MlpTraining.run().size());
  }
}
