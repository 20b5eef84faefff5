package dev.adjoint.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongArrayRef;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Test helpers for comparing with libtorch (the JavaCPP presets of PyTorch's C++ core): copies of
 * our tensors as libtorch tensors and back, and the comparison every agreement test uses. Callers
 * open a {@link PointerScope} around each case so that native tensors are freed.
 */
final class Torch {
  private Torch() {}

  static {
    // one libtorch thread: the tests run beside other processes on a small machine
    torch.set_num_threads(1);
  }

  /** A libtorch copy of {@code t} (contiguous, same type), a leaf that requires grad if asked. */
  static org.bytedeco.pytorch.Tensor of(Tensor t, boolean requiresGrad) {
    long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
    org.bytedeco.pytorch.Tensor result;
    if (t.dtype() == DType.FLOAT32) {
      result =
          torch
              .from_blob(
                  new FloatPointer(t.toFloatArray()),
                  shape,
                  new TensorOptions(torch.ScalarType.Float))
              .clone();
    } else {
      result =
          torch
              .from_blob(
                  new DoublePointer(t.toArray()), shape, new TensorOptions(torch.ScalarType.Double))
              .clone();
    }
    return requiresGrad ? result.requires_grad_(true) : result;
  }

  /**
   * An {@code IntArrayRef} over native memory of the current pointer scope (an {@code ArrayRef}
   * built over a Java array points at a temporary copy that is gone when the call runs).
   */
  static LongArrayRef longs(int... values) {
    long[] v = Arrays.stream(values).asLongStream().toArray();
    return new LongArrayRef(new LongPointer(v), v.length);
  }

  /** The elements of a libtorch float or double tensor, row-major, as doubles. */
  static double[] values(org.bytedeco.pytorch.Tensor t) {
    org.bytedeco.pytorch.Tensor c = t.detach().to(torch.ScalarType.Double).contiguous();
    double[] out = new double[(int) c.numel()];
    new DoublePointer(c.data_ptr()).get(out);
    return out;
  }

  static int[] shape(org.bytedeco.pytorch.Tensor t) {
    int[] s = new int[(int) t.dim()];
    for (int d = 0; d < s.length; d++) {
      s[d] = (int) t.size(d);
    }
    return s;
  }

  /**
   * Asserts that {@code ours} has libtorch's shape and that every element is within {@code rel} of
   * the largest magnitude in {@code theirs} (a relative error of the tensor, as in {@code
   * torch.testing}'s max-norm view).
   */
  static void assertClose(
      String what, Tensor ours, org.bytedeco.pytorch.Tensor theirs, double rel) {
    assertArrayEquals(shape(theirs), ours.shape(), what + ": shape");
    double[] a = ours.toArray();
    double[] b = values(theirs);
    double scale = 0;
    for (double v : b) {
      scale = Math.max(scale, Math.abs(v));
    }
    double bound = rel * Math.max(scale, Double.MIN_NORMAL);
    for (int i = 0; i < a.length; i++) {
      boolean bothNan = Double.isNaN(a[i]) && Double.isNaN(b[i]);
      if (!bothNan && !(Math.abs(a[i] - b[i]) <= bound) && a[i] != b[i]) {
        fail(
            String.format(
                "%s: element %d is %.17g, libtorch %.17g (bound %.3g = %.1g of max |x| %.4g)",
                what, i, a[i], b[i], bound, rel, scale));
      }
    }
  }
}
