package dev.adjoint.runtime.tensor;

import java.util.Arrays;

/**
 * Reading a tensor's elements into Java: single elements, {@code item()}, arrays in row-major
 * order, and the closeness checks tests use.
 *
 * <p>Part of {@link Tensor}'s API, split by kind of operation; only {@link Tensor} implements it.
 */
public sealed interface TensorValues permits Tensor {
  /** The storage index of the element at {@code index}. */
  default int storageIndex(int... index) {
    int[] shape = self().shape();
    int[] strides = self().strides();
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "get: " + index.length + " indices for shape " + Shape.format(shape));
    }
    int at = self().offset();
    for (int d = 0; d < index.length; d++) {
      int i = index[d] < 0 ? index[d] + shape[d] : index[d];
      if (i < 0 || i >= shape[d]) {
        throw new IndexOutOfBoundsException(
            "index "
                + index[d]
                + " out of range for dimension "
                + d
                + " of "
                + Shape.format(shape));
      }
      at += i * strides[d];
    }
    return at;
  }

  /** The element at {@code index} (one index per dimension). */
  default double get(int... index) {
    return self().storage().get(storageIndex(index));
  }

  /** The value of a one-element tensor; on a GPU, after the work queued before it has finished. */
  default double item() {
    if (self().numel() != 1) {
      throw new IllegalStateException(
          "item: a tensor with " + self().numel() + " elements cannot be converted to a number");
    }
    return self().storage().get(self().offset());
  }

  /**
   * The elements in row-major order, as {@code double}s; on a GPU, copied after the work queued
   * before it has finished.
   */
  default double[] toArray() {
    double[] out = new double[self().numel()];
    int[] shape = self().shape();
    int[] strides = self().strides();
    int[] index = new int[shape.length];
    int at = self().offset();
    // a device storage is copied to the host once, not element by element
    Storage storage = self().storage() instanceof DeviceStorage d ? d.download() : self().storage();
    for (int i = 0; i < out.length; i++) {
      out[i] = storage.get(at);
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          at += strides[d];
          break;
        }
        at -= (shape[d] - 1) * strides[d];
        index[d] = 0;
      }
    }
    return out;
  }

  /** The elements in row-major order, as {@code float}s. */
  default float[] toFloatArray() {
    double[] values = toArray();
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /**
   * Whether the shapes are equal and every {@code |this - other| <= atol + rtol * |other|} (NumPy's
   * {@code allclose}); NaNs are equal to NaNs.
   */
  default boolean allClose(Tensor other, double rtol, double atol) {
    if (!Arrays.equals(self().shape(), other.shape())) {
      return false;
    }
    double[] a = toArray();
    double[] b = other.toArray();
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i]) && Double.isNaN(b[i])) {
        continue;
      }
      if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) {
        return false;
      }
    }
    return true;
  }

  /** {@link Tensor#allClose(Tensor, double, double)} with PyTorch's defaults (1e-5, 1e-8). */
  default boolean allClose(Tensor other) {
    return allClose(other, 1e-5, 1e-8);
  }

  /** Whether the elements (row-major) equal {@code expected} within {@code tolerance}. */
  default boolean allClose(double[] expected, double tolerance) {
    double[] a = toArray();
    if (a.length != expected.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - expected[i]) <= tolerance)) {
        return false;
      }
    }
    return true;
  }

  private Tensor self() {
    return (Tensor) this;
  }
}
