package dev.adjoint.runtime.backend.cuda;

/**
 * How a row-major, strided matrix product {@code C = A·B} (PyTorch's matmul of operands of at least
 * two dimensions, batches broadcast) becomes one column-major strided-batched cuBLAS call.
 *
 * <p>A row-major m×n {@code C} is, read column-major, the n×m matrix {@code Cᵀ = Bᵀ·Aᵀ}; so cuBLAS
 * is asked for {@code Bᵀ·Aᵀ} with B first. A row-major operand (unit column stride) read
 * column-major already is its transpose ({@code op = N}, leading dimension = its row stride); an
 * operand with unit row stride (a transposed view, {@code W.t()}) is read as itself and transposed
 * by cuBLAS ({@code op = T}, leading dimension = its column stride). Any other layout, and batch
 * dimensions that no single stride walks, are copied to a contiguous tensor first. When B is one
 * matrix broadcast over A's batch and A's batch and rows lie in one stride, the batch folds into
 * the rows: one large product instead of many small ones (as PyTorch does). C is contiguous.
 */
final class GemmPlan {
  private GemmPlan() {}

  /** One operand: matrix sizes and strides, batch dimensions broadcast to the product's batch. */
  record Operand(
      int rows, int cols, int rowStride, int colStride, int[] batchStrides, int offset) {}

  /**
   * One {@code cublas?gemmStridedBatched} call, in cuBLAS's terms (its A is our B), with element
   * offsets for the three matrices.
   */
  record Call(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double alpha,
      long a,
      int lda,
      long strideA,
      long b,
      int ldb,
      long strideB,
      double beta,
      long c,
      int ldc,
      long strideC,
      int batch) {
    /** This call with the element offsets turned into device addresses. */
    Call at(long baseA, long baseB, long baseC, int elementSize) {
      return new Call(
          transA,
          transB,
          m,
          n,
          k,
          alpha,
          baseA + a * elementSize,
          lda,
          strideA,
          baseB + b * elementSize,
          ldb,
          strideB,
          beta,
          baseC + c * elementSize,
          ldc,
          strideC,
          batch);
    }
  }

  /** The plan: the call, or which operands must first be made contiguous. */
  sealed interface Plan permits Gemm, CopyFirst {}

  record Gemm(Call call) implements Plan {}

  record CopyFirst(boolean a, boolean b) implements Plan {}

  // an operand's matrix as cuBLAS reads it: transposed or not, and the leading dimension
  private record Layout(boolean trans, int ld) {}

  private static Layout layout(int rows, int cols, int rowStride, int colStride) {
    // strides of dimensions of size 1 do not matter: choose the ones that make a valid layout
    int sr = rows == 1 ? Math.max(1, cols) : rowStride;
    int sc = cols == 1 ? 1 : colStride;
    if (sc == 1 && sr >= Math.max(1, cols)) {
      return new Layout(false, sr);
    }
    sr = rows == 1 ? 1 : rowStride;
    sc = cols == 1 ? Math.max(1, rows) : colStride;
    if (sr == 1 && sc >= Math.max(1, rows)) {
      return new Layout(true, sc);
    }
    return null;
  }

  // one stride that walks the flattened batch, or -1 when none does
  static long batchStride(int[] batch, int[] strides) {
    long stride = -1;
    long expected = -1;
    for (int d = batch.length - 1; d >= 0; d--) {
      if (batch[d] == 1) {
        continue;
      }
      if (stride < 0) {
        stride = strides[d];
      } else if (strides[d] != expected) {
        return -1;
      }
      expected = (long) strides[d] * batch[d];
    }
    return stride < 0 ? 0 : stride;
  }

  /** The plan for {@code a·b} over the broadcast {@code batch}, C contiguous from offset 0. */
  static Plan plan(int[] batch, Operand a, Operand b) {
    int m = a.rows();
    int k = a.cols();
    int n = b.cols();
    Layout la = layout(m, k, a.rowStride(), a.colStride());
    Layout lb = layout(k, n, b.rowStride(), b.colStride());
    long sa = batchStride(batch, a.batchStrides());
    long sb = batchStride(batch, b.batchStrides());
    boolean copyA = la == null || sa < 0;
    boolean copyB = lb == null || sb < 0;
    if (copyA || copyB) {
      return new CopyFirst(copyA, copyB);
    }
    int count = 1;
    for (int size : batch) {
      count *= size;
    }
    boolean fold =
        count > 1 && sb == 0 && !la.trans() && (m == 1 || sa == (long) m * a.rowStride());
    if (fold) {
      // [count·m, k] · [k, n]: A's rows run on through the batch at one stride
      int rows = count * m;
      int ld = m == 1 && count > 1 ? (int) sa : la.ld();
      Layout folded = layout(rows, k, ld, a.colStride());
      if (folded != null && !folded.trans()) {
        return new Gemm(
            new Call(
                lb.trans(),
                false,
                n,
                rows,
                k,
                1,
                b.offset(),
                lb.ld(),
                0,
                a.offset(),
                folded.ld(),
                0,
                0,
                0,
                Math.max(1, n),
                0,
                1));
      }
    }
    return new Gemm(
        new Call(
            lb.trans(),
            la.trans(),
            n,
            m,
            k,
            1,
            b.offset(),
            lb.ld(),
            sb,
            a.offset(),
            la.ld(),
            sa,
            0,
            0,
            Math.max(1, n),
            (long) m * n,
            count));
  }

  /**
   * The reference of what cuBLAS computes for {@code call} on column-major host arrays (tests run
   * plans on it against the CPU backend's matmul).
   */
  static void reference(Call call, double[] a, double[] b, double[] c) {
    for (int batch = 0; batch < call.batch(); batch++) {
      for (int j = 0; j < call.n(); j++) {
        for (int i = 0; i < call.m(); i++) {
          double sum = 0;
          for (int p = 0; p < call.k(); p++) {
            double x =
                a[
                    (int)
                        (call.a()
                            + batch * call.strideA()
                            + (call.transA()
                                ? p + (long) i * call.lda()
                                : i + (long) p * call.lda()))];
            double y =
                b[
                    (int)
                        (call.b()
                            + batch * call.strideB()
                            + (call.transB()
                                ? j + (long) p * call.ldb()
                                : p + (long) j * call.ldb()))];
            sum += x * y;
          }
          int at = (int) (call.c() + batch * call.strideC() + i + (long) j * call.ldc());
          c[at] = call.alpha() * sum + (call.beta() == 0 ? 0 : call.beta() * c[at]);
        }
      }
    }
  }
}
