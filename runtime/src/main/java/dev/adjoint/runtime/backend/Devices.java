package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.backend.cuda.Cuda;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;

/** Memory on a device and copies between devices, for {@code Tensor}'s factories and {@code to}. */
public final class Devices {
  private Devices() {}

  /** A zero-filled storage of {@code size} elements of {@code dtype} on {@code device}. */
  public static Storage allocate(Device device, DType dtype, int size) {
    return switch (device.type()) {
      case CPU -> Storage.allocate(dtype, size);
      case CUDA -> Cuda.backend(device.index()).allocate(dtype, size);
    };
  }

  /**
   * A contiguous copy of {@code x} on {@code device}, in {@code x}'s type. From a GPU to the host
   * it waits for the GPU's queued work; between two GPUs it goes through the host.
   */
  public static Tensor transfer(Tensor x, Device device) {
    Device from = x.device();
    if (from.equals(device)) {
      return Backends.forDevice(device).copy(x, x.dtype());
    }
    if (from.isCuda() && device.isCuda()) {
      return transfer(transfer(x, Device.cpu()), device);
    }
    return device.isCuda()
        ? Cuda.backend(device.index()).upload(x)
        : Cuda.backend(from.index()).download(x);
  }
}
