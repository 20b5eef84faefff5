package dev.adjoint.bench.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.examples.vision.ResNet;
import dev.adjoint.examples.vision.ResNetTrainingStep;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two of REFERENCE R6's float32 steps, run three times from the same weights and data in one JVM
 * (the first mostly interpreted, the later ones compiled; the GEMM threads free or busy as the
 * machine has them): every gradient, parameter and running statistic is the same to the bit each
 * time.
 */
class ResNetStepRepeatsTest {
  @Test
  void theFloat32StepRepeatsBitForBit() {
    Map<String, double[]> first = null;
    for (int run = 0; run < 3; run++) {
      ResNetTrainingStep.Inputs in = ResNetTrainingStep.inputs(1, DType.FLOAT32, 10);
      ResNet model = in.model();
      Sgd optimizer = new Sgd(model.parameters(), 1e-2, 0.9, 0, 0, false);
      double loss = 0;
      for (int step = 0; step < 2; step++) {
        // two steps: the second one's momentum update is the fused one
        optimizer.zeroGrad();
        Tensor l = model.forward(in.data()).sub(in.labels()).sum();
        l.backward();
        optimizer.step();
        loss = l.item();
      }
      Map<String, double[]> state = new LinkedHashMap<>();
      state.put("loss", new double[] {loss});
      for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
        state.put(e.getKey(), e.getValue().toArray());
        Tensor g = e.getValue().grad();
        if (g != null) {
          state.put(e.getKey() + ".grad", g.toArray());
        }
      }
      if (first == null) {
        first = state;
        continue;
      }
      assertEquals(first.keySet(), state.keySet());
      for (String name : first.keySet()) {
        assertArrayEquals(first.get(name), state.get(name), "run " + run + ": " + name);
      }
    }
  }
}
