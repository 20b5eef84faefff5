package dev.adjoint.runtime.backend.cuda;

/**
 * A CUDA call that did not succeed: {@code cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (out of
 * memory)}. The message names the call, the error's name and the library's description of it.
 */
public class CudaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final int code;
  private final String errorName;

  public CudaException(String call, int code, String errorName, String description) {
    super(call + " failed: " + errorName + " (" + description + ")");
    this.call = call;
    this.code = code;
    this.errorName = errorName;
  }

  /** The function that failed ({@code cuMemAlloc_v2}). */
  public String call() {
    return call;
  }

  /** The library's status code. */
  public int code() {
    return code;
  }

  /** The status code's name ({@code CUDA_ERROR_OUT_OF_MEMORY}). */
  public String errorName() {
    return errorName;
  }
}
