package dev.adjoint.runtime.tensor;

/**
 * Elements in a device's memory (a GPU's): the storage of a tensor {@code .to(Device.cuda())} made.
 * Kernels of the device's backend read and write it through {@link #buffer()}'s address; the
 * element methods of {@link Storage} work too but copy one element at a time between host and
 * device, for printing and tests. The version counter and serial work as for heap storage.
 */
public final class DeviceStorage extends Storage {
  private final DType dtype;
  private final int size;
  private final DeviceBuffer buffer;

  /** A storage of {@code size} elements of {@code dtype} in {@code buffer}. */
  public DeviceStorage(DType dtype, int size, DeviceBuffer buffer) {
    this.dtype = java.util.Objects.requireNonNull(dtype);
    this.size = size;
    this.buffer = java.util.Objects.requireNonNull(buffer);
  }

  /** The device memory. */
  public DeviceBuffer buffer() {
    return buffer;
  }

  @Override
  public Device device() {
    return buffer.device();
  }

  @Override
  public DType dtype() {
    return dtype;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public double get(int index) {
    java.util.Objects.checkIndex(index, size);
    return buffer.read(dtype, index);
  }

  @Override
  public void set(int index, double value) {
    java.util.Objects.checkIndex(index, size);
    buffer.write(dtype, index, value);
  }

  @Override
  public void fill(int from, int count, double value) {
    java.util.Objects.checkFromIndexSize(from, count, size);
    buffer.fill(dtype, from, count, value);
  }

  /** The elements copied to the host, after the device's queued work has finished. */
  public Storage download() {
    return buffer.download(dtype, size);
  }

  @Override
  public float[] floats() {
    throw onDevice("float32");
  }

  @Override
  public double[] doubles() {
    throw onDevice("float64");
  }

  @Override
  public boolean[] booleans() {
    throw onDevice("bool");
  }

  private IllegalStateException onDevice(String type) {
    return new IllegalStateException(
        "storage is on "
            + device()
            + ", not a heap "
            + type
            + " array: copy the tensor to the host with .cpu() first");
  }
}
