package dev.adjoint.runtime.backend.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/**
 * {@link NnAgreement} and {@link NormAgreement} on GPU 0: every convolution, pooling and batch-norm
 * kernel on the device against the CPU backend.
 */
@Tag("gpu")
class GpuNnKernelsTest extends NnAgreement {
  @BeforeEach
  void needsAGpu() {
    Assumptions.assumeTrue(
        Cuda.isAvailable(), () -> "skipped: no CUDA driver: " + Cuda.unavailableReason());
  }

  @Override
  CudaBackend gpu() {
    return Cuda.backend(0);
  }

  @Nested
  class BatchNorm extends NormAgreement {
    // the enclosing class's needsAGpu runs first
    @Override
    CudaBackend gpu() {
      return Cuda.backend(0);
    }
  }
}
