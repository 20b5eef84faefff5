package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.backend.CnnCases;
import dev.adjoint.runtime.tensor.DType;
import org.junit.jupiter.api.Nested;

/**
 * {@link NnAgreement} and {@link NormAgreement} on the host emulation: the convolution, pooling and
 * batch-norm kernels (the same .cu sources, built for the host) and their Java side against the CPU
 * backend, without a GPU. Every other convolution runs with the patch matrix capped at two images,
 * so that batches go through in chunks (several images per product, the weight gradient summed over
 * chunks, a last chunk of one).
 */
class EmulatedNnKernelsTest extends NnAgreement {
  private static final HostGpu GPU = new HostGpu(0, 1L << 30);

  @Override
  CudaBackend gpu() {
    return GPU.backend();
  }

  @Override
  void beforeConvolution(CnnCases.Conv c, DType type, int index) {
    int oh = c.p().outputHeight(c.h(), c.kh());
    int ow = c.p().outputWidth(c.w(), c.kw());
    long image = (long) c.c() * c.kh() * c.kw() * oh * ow * type.byteSize();
    GPU.limitPatchMatrix(index % 2 == 0 ? Convolution.MAX_PATCH_BYTES : 2 * image);
  }

  @Nested
  class BatchNorm extends NormAgreement {
    @Override
    CudaBackend gpu() {
      return GPU.backend();
    }
  }
}
