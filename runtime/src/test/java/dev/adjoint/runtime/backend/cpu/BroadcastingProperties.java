package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Binary kernels (the float fast path and the general strided one) against a direct evaluation of
 * NumPy's broadcasting rule, on random shapes, layouts and types.
 */
class BroadcastingProperties {
  @Property(tries = 200)
  void binaryOpsBroadcastLikeNumPy(
      @ForAll @IntRange(min = 0, max = 3) int op,
      @ForAll @IntRange(min = 1, max = 3) int d0,
      @ForAll @IntRange(min = 1, max = 3) int d1,
      @ForAll @IntRange(min = 0, max = 15) int pattern,
      @ForAll boolean transposed,
      @ForAll boolean float64,
      @ForAll long seed) {
    ElementwiseOp operation =
        new ElementwiseOp[] {
              ElementwiseOp.ADD,
              ElementwiseOp.SUBTRACT,
              ElementwiseOp.MULTIPLY,
              ElementwiseOp.DIVIDE
            }
            [op];
    // each bit of the pattern shrinks one dimension of one operand to 1
    int[] as = {(pattern & 1) != 0 ? 1 : d0, (pattern & 2) != 0 ? 1 : d1};
    int[] bs = {(pattern & 4) != 0 ? 1 : d0, (pattern & 8) != 0 ? 1 : d1};
    Generator gen = new Generator(seed);
    DType type = float64 ? DType.FLOAT64 : DType.FLOAT32;
    Tensor a =
        transposed
            ? Tensor.randn(gen, type, as[1], as[0]).t()
            : Tensor.randn(gen, type, as[0], as[1]);
    Tensor b = Tensor.randn(gen, type, bs).add(3);
    Tensor y = a.apply(operation, b);
    int[] shape = {Math.max(as[0], bs[0]), Math.max(as[1], bs[1])};
    double[] expected = new double[shape[0] * shape[1]];
    for (int i = 0; i < shape[0]; i++) {
      for (int j = 0; j < shape[1]; j++) {
        double x = a.get(as[0] == 1 ? 0 : i, as[1] == 1 ? 0 : j);
        double w = b.get(bs[0] == 1 ? 0 : i, bs[1] == 1 ? 0 : j);
        double v =
            switch (operation) {
              case ADD -> x + w;
              case SUBTRACT -> x - w;
              case MULTIPLY -> x * w;
              default -> x / w;
            };
        expected[i * shape[1] + j] = float64 ? v : (float) v;
      }
    }
    assertArrayEquals(shape, y.shape());
    assertArrayEquals(expected, y.toArray());
  }

  @Property(tries = 50)
  void scalarOperandsTakeTheFastPathWithTheSameResult(@ForAll long seed, @ForAll double s) {
    Tensor a = Tensor.randn(new Generator(seed), DType.FLOAT32, 7);
    float f = (float) s;
    double[] x = a.toArray();
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = (float) (f - x[i]);
    }
    assertArrayEquals(expected, a.rsub(s).toArray());
  }
}
