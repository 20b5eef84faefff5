package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.tensor.DType;
import org.junit.jupiter.api.Test;

/** How {@link Convolution} cuts a batch into chunks whose patch matrix fits its limit. */
class ConvolutionChunksTest {
  private static final long LIMIT = Convolution.MAX_PATCH_BYTES;

  private static Convolution.Geometry geometry(int n, int c, int hw, int o, int k, int s, int p) {
    return Convolution.Geometry.of(
        new int[] {n, c, hw, hw}, new int[] {o, c, k, k}, new Conv2dParams(s, s, p, p, 1, 1, 1));
  }

  @Test
  void resnet18AtBatch32TakesOneChunkPerLayerInFloat32() {
    // the stem: 3·7·7 taps × 112·112 pixels = 7.4 MB an image; the largest 3 × 3 layer alike
    assertEquals(32, geometry(32, 3, 224, 64, 7, 2, 3).chunk(DType.FLOAT32, LIMIT));
    assertEquals(32, geometry(32, 64, 56, 64, 3, 1, 1).chunk(DType.FLOAT32, LIMIT));
    assertEquals(32, geometry(32, 512, 7, 512, 3, 1, 1).chunk(DType.FLOAT32, LIMIT));
    // float64 doubles the bytes: the stem in two chunks
    assertEquals(18, geometry(32, 3, 224, 64, 7, 2, 3).chunk(DType.FLOAT64, LIMIT));
  }

  @Test
  void aChunkHoldsAtLeastOneImage() {
    Convolution.Geometry g = geometry(3, 4, 10, 8, 3, 1, 1);
    long image = 4L * 3 * 3 * 10 * 10 * 4;
    assertEquals(1, g.chunk(DType.FLOAT32, 1));
    assertEquals(2, g.chunk(DType.FLOAT32, 2 * image + 1));
    assertEquals(3, g.chunk(DType.FLOAT32, 100 * image));
  }

  @Test
  void anImageWhosePatchMatrixTheKernelsCannotIndexIsAClearError() {
    Convolution.Geometry g = geometry(1, 64, 1000, 8, 7, 1, 3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> g.chunk(DType.FLOAT32, LIMIT));
    assertTrue(
        e.getMessage().startsWith("conv2d on CUDA: one image's patch matrix would hold 3136000000"),
        e.getMessage());
  }
}
