package dev.adjoint.runtime.tensor;

/**
 * A block of a device's memory holding a {@link DeviceStorage}'s elements, as the device's backend
 * provides it. Element access from the host copies (and waits for the device's queued work), so it
 * is for {@code item()}, printing and tests, not for kernels.
 */
public interface DeviceBuffer {
  /** The device the memory is on. */
  Device device();

  /** The device address of element 0. */
  long address();

  /** The element at {@code index}, read after the work queued before it has finished. */
  double read(DType dtype, int index);

  /** Writes one element (ordered after the work queued before it). */
  void write(DType dtype, int index, double value);

  /** Sets {@code count} elements from {@code from} to {@code value}. */
  void fill(DType dtype, int from, int count, double value);

  /** All {@code size} elements copied into a heap storage, after the queued work has finished. */
  Storage download(DType dtype, int size);
}
