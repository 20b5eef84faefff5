package dev.adjoint.runtime.backend.cuda;

/**
 * A CUDA device was asked for where CUDA cannot be used: the message says why ({@link
 * Cuda#unavailableReason()}) and what to do.
 */
public final class CudaUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  CudaUnavailableException(String what, String reason) {
    super(
        what
            + ": CUDA is not available here: "
            + reason
            + ". Everything else runs on the CPU (Device.cpu(), the default); to use a GPU,"
            + " install the NVIDIA driver so that libcuda.so.1 loads and nvidia-smi lists the"
            + " GPU (set CUDA_HOME for a CUDA toolkit outside /usr/local/cuda), or test"
            + " Cuda.isAvailable() before moving tensors and models with .to(Device.cuda())");
  }
}
