package dev.adjoint.runtime.tensor;

/**
 * The element type of a tensor. {@link #FLOAT32} is the default, as in PyTorch; {@link #FLOAT64} is
 * what gradient checks run in; {@link #INT64} holds indices (gather, cross-entropy targets) and
 * {@link #BOOL} the results of comparisons (masks for {@code where}).
 */
public enum DType {
  BOOL(1, false),
  INT64(8, false),
  FLOAT32(4, true),
  FLOAT64(8, true);

  private final int byteSize;
  private final boolean floatingPoint;

  DType(int byteSize, boolean floatingPoint) {
    this.byteSize = byteSize;
    this.floatingPoint = floatingPoint;
  }

  /** Bytes per element in the state file format and in native memory. */
  public int byteSize() {
    return byteSize;
  }

  /** Whether tensors of this type can require gradients. */
  public boolean isFloatingPoint() {
    return floatingPoint;
  }

  /** The lower-case name PyTorch prints ({@code float32}). */
  public String displayName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The type of a binary operation's result: the wider of the two, where the order is BOOL &lt;
   * INT64 &lt; FLOAT32 &lt; FLOAT64 (PyTorch's promotion for the types we have).
   */
  public static DType promote(DType a, DType b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
