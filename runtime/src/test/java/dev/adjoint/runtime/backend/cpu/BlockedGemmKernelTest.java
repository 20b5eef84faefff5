package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tensor matmul through the blocked kernel against the reference loops, views included. */
class BlockedGemmKernelTest {
  @AfterEach
  void restore() {
    CpuBackend.INSTANCE.useGemm(BlockedGemmKernel.INSTANCE);
  }

  @Test
  void matmulAgreesWithTheReferenceOnViewsAndOddShapes() {
    Generator gen = new Generator(3);
    int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {33, 17, 65}, {64, 100, 10}, {0, 4, 3}, {5, 0, 2}};
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] s : shapes) {
        Tensor a = Tensor.randn(gen, dtype, s[0], s[1]);
        Tensor b = Tensor.randn(gen, dtype, s[1], s[2]);
        Tensor bt = Tensor.randn(gen, dtype, s[2], s[1]).transpose(0, 1); // by columns
        Tensor at = Tensor.randn(gen, dtype, s[1], s[0]).transpose(0, 1);
        // broadcast views (a sum's gradient): strides 0, gathered into dense copies
        Tensor ae = Tensor.randn(gen, dtype, 1, s[1]).expand(s[0], s[1]);
        Tensor be = Tensor.randn(gen, dtype, 1, 1).expand(s[1], s[2]);
        for (Tensor[] pair :
            new Tensor[][] {{a, b}, {a, bt}, {at, b}, {at, bt}, {ae, b}, {a, be}, {ae, be}}) {
          CpuBackend.INSTANCE.useGemm(ReferenceGemm.INSTANCE);
          double[] expected = pair[0].matmul(pair[1]).toArray();
          CpuBackend.INSTANCE.useGemm(BlockedGemmKernel.INSTANCE);
          double[] actual = pair[0].matmul(pair[1]).toArray();
          assertArrayEquals(expected, actual, dtype == DType.FLOAT32 ? 1e-3 : 1e-10);
        }
      }
    }
  }
}
