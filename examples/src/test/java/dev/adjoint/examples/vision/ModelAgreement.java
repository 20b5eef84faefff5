package dev.adjoint.examples.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.nn.Module;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Map;

/**
 * Compares two copies of a model after the same step on two engines: every parameter's gradient and
 * every buffer, by name, to a relative tolerance measured against the reference's largest magnitude
 * (so that a gradient that is mostly zeros, as after ReLU, is not judged elementwise).
 */
final class ModelAgreement {
  private ModelAgreement() {}

  /** max |a − b| / max |b|, or max |a − b| when b is all zeros. */
  static double relativeError(Tensor actual, Tensor expected) {
    assertArrayEquals(expected.shape(), actual.shape(), "shapes");
    double scale = expected.abs().max().item();
    double diff = actual.sub(expected).abs().max().item();
    return scale == 0 ? diff : diff / scale;
  }

  /**
   * Asserts that every parameter of {@code actual} has a gradient within {@code tolerance} of the
   * one of {@code expected}'s parameter of the same name; returns the worst relative error.
   */
  static double gradientsAgree(Module actual, Module expected, double tolerance) {
    Map<String, Tensor> mine = actual.namedParameters();
    Map<String, Tensor> theirs = expected.namedParameters();
    assertEquals(theirs.keySet(), mine.keySet(), "parameter names");
    double worst = 0;
    for (Map.Entry<String, Tensor> e : theirs.entrySet()) {
      Tensor reference = e.getValue().grad();
      Tensor grad = mine.get(e.getKey()).grad();
      assertTrue(reference != null && grad != null, e.getKey() + ": a gradient on both engines");
      double error = relativeError(grad, reference);
      assertTrue(error <= tolerance, e.getKey() + ".grad: relative error " + error);
      worst = Math.max(worst, error);
    }
    return worst;
  }

  /** Asserts that every buffer (running statistics, call counts) is the same, bit for bit. */
  static void buffersEqual(Module actual, Module expected) {
    Map<String, Tensor> mine = actual.namedBuffers();
    Map<String, Tensor> theirs = expected.namedBuffers();
    assertEquals(theirs.keySet(), mine.keySet(), "buffer names");
    for (Map.Entry<String, Tensor> e : theirs.entrySet()) {
      assertTrue(
          mine.get(e.getKey()).allClose(e.getValue(), 0, 0),
          e.getKey() + ": " + mine.get(e.getKey()) + " vs " + e.getValue());
    }
  }
}
