package dev.adjoint.runtime.backend.cpu;

/**
 * Per-thread buffers of {@link FloatGemm}: the packed A and B panels, the scratch tile for edge
 * tiles, the swapped product's transposed block and the kernel's gather offsets. Grown on first use
 * and then reused by every call on the thread; contents are not preserved between calls.
 */
final class FloatGemmWorkspace {
  private static final ThreadLocal<FloatGemmWorkspace> CURRENT =
      ThreadLocal.withInitial(FloatGemmWorkspace::new);

  float[] packA = new float[0];
  float[] packB = new float[0];
  float[] tile = new float[0];
  private int[] gatherMap;
  private int gatherLd = -1;
  private float[] transposed = new float[0];
  private int[] transposeMap;
  private int transposeLd = -1;

  /** Room for the swapped product's n x m block (see {@code FloatGemm.swapped}). */
  float[] transposed(int size) {
    if (transposed.length < size) {
      transposed = new float[size];
    }
    return transposed;
  }

  /** The gather offsets for reading that block by columns, rows {@code ld} apart. */
  int[] transposeMap(FloatKernel kernel, int ld) {
    if (transposeMap == null || transposeMap.length != kernel.nr || transposeLd != ld) {
      transposeMap = kernel.gatherMap(transposeMap, ld);
      transposeLd = ld;
    }
    return transposeMap;
  }

  /** The kernel's gather offsets for a transposed B with leading dimension ld. */
  int[] map(FloatKernel kernel, int ld) {
    if (gatherMap == null || gatherMap.length != kernel.nr || gatherLd != ld) {
      gatherMap = kernel.gatherMap(gatherMap, ld);
      gatherLd = ld;
    }
    return gatherMap;
  }

  void ensure(FloatKernel kernel) {
    int mc = FloatGemm.roundDown(FloatGemm.MC, kernel.mr);
    int nc = FloatGemm.roundDown(FloatGemm.NC, kernel.nr);
    if (packA.length < mc * FloatGemm.KC) {
      packA = new float[mc * FloatGemm.KC];
    }
    if (packB.length < nc * FloatGemm.KC) {
      packB = new float[nc * FloatGemm.KC];
    }
    if (tile.length < kernel.mr * kernel.nr) {
      tile = new float[kernel.mr * kernel.nr];
    }
  }

  /** The calling thread's workspace. */
  static FloatGemmWorkspace get() {
    return CURRENT.get();
  }
}
