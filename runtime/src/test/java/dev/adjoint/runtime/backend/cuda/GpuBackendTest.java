package dev.adjoint.runtime.backend.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** {@link BackendAgreement} on GPU 0: every operation on the device against the CPU backend. */
@Tag("gpu")
class GpuBackendTest extends BackendAgreement {
  @BeforeEach
  void needsAGpu() {
    Assumptions.assumeTrue(
        Cuda.isAvailable(), () -> "skipped: no CUDA driver: " + Cuda.unavailableReason());
  }

  @Override
  CudaBackend gpu() {
    return Cuda.backend(0);
  }
}
