package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.tensor.DType;

/**
 * Per-thread scratch arrays of the fast convolution kernels (patch matrices, regrouped products),
 * grown on demand and reused by every later call, so that a training step does not allocate and
 * zero megabytes of temporaries per layer. Contents are not preserved between calls.
 */
final class Workspace {
  private static final ThreadLocal<Workspace> CURRENT = ThreadLocal.withInitial(Workspace::new);

  private float[] floatColumns = new float[0];
  private double[] doubleColumns = new double[0];
  private float[] floatProduct = new float[0];
  private double[] doubleProduct = new double[0];
  private float[] floatScratch = new float[0];
  private double[] doubleScratch = new double[0];

  private Workspace() {}

  static Workspace get() {
    return CURRENT.get();
  }

  /** An array of at least {@code size} elements of {@code type} for a patch matrix. */
  Object columns(DType type, int size) {
    if (type == DType.FLOAT32) {
      if (floatColumns.length < size) {
        floatColumns = new float[size];
      }
      return floatColumns;
    }
    if (doubleColumns.length < size) {
      doubleColumns = new double[size];
    }
    return doubleColumns;
  }

  /** Another array, distinct from {@link #columns}, for a product or a regrouped gradient. */
  Object product(DType type, int size) {
    if (type == DType.FLOAT32) {
      if (floatProduct.length < size) {
        floatProduct = new float[size];
      }
      return floatProduct;
    }
    if (doubleProduct.length < size) {
      doubleProduct = new double[size];
    }
    return doubleProduct;
  }

  /** A third array, distinct from the other two, for a patch matrix before it is transposed. */
  Object scratch(DType type, int size) {
    if (type == DType.FLOAT32) {
      if (floatScratch.length < size) {
        floatScratch = new float[size];
      }
      return floatScratch;
    }
    if (doubleScratch.length < size) {
      doubleScratch = new double[size];
    }
    return doubleScratch;
  }
}
