package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.DeviceBuffer;
import dev.adjoint.runtime.tensor.Storage;

/**
 * One tensor storage's block of GPU memory. It goes back to the allocator's cache when {@link
 * #release()} is called (the backend does so for its own temporaries, once their last use is
 * queued) or when this object becomes unreachable (the allocator tracks it).
 */
final class CudaBuffer implements DeviceBuffer {
  private final Gpu device;
  private final CachingAllocator.Block block;

  CudaBuffer(Gpu device, long bytes) {
    this.device = device;
    device.enter(); // the allocator may call the driver from this thread
    this.block = device.allocator().allocate(bytes, device.stream(), this);
  }

  @Override
  public Device device() {
    return device.device();
  }

  @Override
  public long address() {
    return block.address;
  }

  long bytes() {
    return block.size;
  }

  /** Gives the memory back now: nothing queued after this call may use it. */
  void release() {
    block.release();
  }

  @Override
  public double read(DType dtype, int index) {
    return device.readElement(block.address, dtype, index);
  }

  @Override
  public void write(DType dtype, int index, double value) {
    device.writeElement(block.address, dtype, index, value);
  }

  @Override
  public void fill(DType dtype, int from, int count, double value) {
    device.backend().fillRange(block.address, dtype, from, count, value);
  }

  @Override
  public Storage download(DType dtype, int size) {
    return device.download(block.address, dtype, size);
  }
}
