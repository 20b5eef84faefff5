package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.backend.cpu.CpuBackend;
import dev.adjoint.runtime.backend.cuda.Cuda;
import dev.adjoint.runtime.tensor.Device;

/**
 * Which {@link Backend} an operation runs on: the one of its operands' device. {@link #current()}
 * is that lookup as a backend (every method picks the backend from its tensors, see {@link
 * DeviceDispatch}); {@link #forDevice} is the backend of one device.
 */
public final class Backends {
  private Backends() {}

  /** The backend that runs each operation on its operands' device. */
  public static Backend current() {
    return DeviceDispatch.INSTANCE;
  }

  /**
   * The kernels of {@code device}: the CPU backend, or a GPU's, which is an {@link
   * IllegalStateException} saying why when CUDA cannot be used here.
   */
  public static Backend forDevice(Device device) {
    return switch (device.type()) {
      case CPU -> CpuBackend.INSTANCE;
      case CUDA -> Cuda.backend(device.index());
    };
  }
}
