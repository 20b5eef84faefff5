package dev.adjoint.runtime.tape;

/**
 * A generated adjoint tried to keep more on the compile-time {@link Tape} than its bound ({@link
 * Tape#maxBytes()}) allows. The tape is empty when this is thrown; the message says how to raise
 * the bound or split the work.
 */
public final class TapeOverflowException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  TapeOverflowException(String message) {
    super(message);
  }
}
