package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fused momentum update gives the unfused formula's bits, in both precisions. */
class MomentumUpdateTest {
  @ParameterizedTest(name = "{0}, {1} elements, dampening {2}")
  @CsvSource({
    "FLOAT32, 7, 0",
    "FLOAT32, 1000, 0.1",
    "FLOAT32, 300000, 0",
    "FLOAT64, 7, 0",
    "FLOAT64, 300000, 0.25"
  })
  @SuppressWarnings("try")
  void matchesTheUnfusedUpdateBitForBit(DType type, int n, double dampening) {
    Generator gen = new Generator(n + 11);
    Tensor p0 = Tensor.randn(gen, type, n);
    Tensor g = Tensor.randn(gen, type, n).mul(1e-3);
    Tensor b0 = Tensor.randn(gen, type, n).mul(1e-2);
    double lr = 1e-2;
    double momentum = 0.9;
    try (GradMode.Scope scope = GradMode.noGrad()) {
      Tensor p = p0.copy();
      Tensor b = b0.copy();
      b.mulInPlace(momentum).addInPlace(g, 1 - dampening);
      p.addInPlace(b, -lr);
      Tensor fp = p0.copy();
      Tensor fb = b0.copy();
      int version = fp.storage().version();
      assertTrue(MomentumUpdate.apply(fp, g, fb, lr, momentum, dampening));
      assertTrue(fp.storage().version() > version, "the update counts as an in-place write");
      assertArrayEquals(p.toArray(), fp.toArray(), "parameter");
      assertArrayEquals(b.toArray(), fb.toArray(), "buffer");
      // and it differs from the start: the test can fail
      assertFalse(java.util.Arrays.equals(p0.toArray(), fp.toArray()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"strided", "mixed", "shared"})
  void declinesWhatItDoesNotCover(String kind) {
    Tensor p = Tensor.randn(new Generator(1), DType.FLOAT32, 4, 6);
    Tensor g =
        switch (kind) {
          case "strided" -> Tensor.randn(new Generator(2), DType.FLOAT32, 6, 4).transpose(0, 1);
          case "mixed" -> Tensor.randn(new Generator(2), DType.FLOAT64, 4, 6);
          default -> p;
        };
    Tensor b = Tensor.zeros(4, 6);
    double[] before = p.toArray();
    assertFalse(MomentumUpdate.apply(p, g, b, 1e-2, 0.9, 0));
    assertArrayEquals(before, p.toArray(), "nothing written");
  }
}
