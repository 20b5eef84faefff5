package dev.adjoint.runtime.backend.cuda;

/** The device has no memory left for a tensor, even after the allocator freed its cache. */
public final class CudaOutOfMemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CudaOutOfMemoryException(String message) {
    super(message);
  }
}
