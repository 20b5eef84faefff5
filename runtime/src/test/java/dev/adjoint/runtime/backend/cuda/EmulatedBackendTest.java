package dev.adjoint.runtime.backend.cuda;

/**
 * {@link BackendAgreement} on the host emulation: the CUDA backend's Java side and the kernels'
 * element functions (the same sources, built for the host) against the CPU backend, without a GPU.
 * The {@code gpu} suite repeats these on the device.
 */
class EmulatedBackendTest extends BackendAgreement {
  private static final HostGpu GPU = new HostGpu(0, 1L << 30);

  @Override
  CudaBackend gpu() {
    return GPU.backend();
  }
}
