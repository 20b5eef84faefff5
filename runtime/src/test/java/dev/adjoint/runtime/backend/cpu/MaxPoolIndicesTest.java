package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.adjoint.runtime.backend.CnnCases;
import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Float32 max pooling's backward on both of its paths, against the reference loops ({@link
 * ReferencePooling}), bit for bit: with the indices its forward left ({@link MaxPoolIndices}), with
 * none (a backward whose forward it never saw), after an in-place write to the input since the
 * forward (whose indices must then not be used: the values are negated, so the maxima move), and on
 * a strided input (copied, so never remembered). Inputs are rounded to halves so that many windows
 * have ties, where the first maximum must win on every path.
 */
class MaxPoolIndicesTest {
  private static final Generator GEN = new Generator(77);
  private static final NnKernels FAST = CpuBackend.INSTANCE.nn();
  private static final NnKernels REFERENCE = ReferenceNnKernels.INSTANCE;

  static Stream<CnnCases.Pool> poolings() {
    return CnnCases.poolings(64, 40, false, 9, 11).stream();
  }

  private static Tensor tied(int... shape) {
    double[] v = Tensor.randn(GEN, DType.FLOAT64, shape).toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.round(v[i] * 2) / 2.0;
    }
    return Tensor.fromArray(DType.FLOAT32, v, shape);
  }

  // the fast backward, checked against the reference
  private static Tensor backward(String what, Tensor g, Tensor x, Pool2dParams p) {
    Tensor dx = FAST.maxPool2dBackward(g, x, p);
    FastNnKernelsTest.assertClose(what, REFERENCE.maxPool2dBackward(g, x, p), dx);
    return dx;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("poolings")
  void backwardMatchesTheReferenceOnEveryPath(CnnCases.Pool c) {
    Pool2dParams p = c.p();
    Tensor x = tied(c.shape());
    Tensor g = Tensor.randn(GEN, DType.FLOAT32, REFERENCE.maxPool2d(x, p).shape());

    assertNull(MaxPoolIndices.recall(x, p), "no forward of this input yet");
    double[] searched = backward("searched (no forward)", g, x, p).toArray();

    assertArrayEquals(REFERENCE.maxPool2d(x, p).toArray(), FAST.maxPool2d(x, p).toArray());
    assertNotNull(MaxPoolIndices.recall(x, p), "the forward's indices");
    assertArrayEquals(searched, backward("the forward's indices", g, x, p).toArray());

    x.mulInPlace(-1);
    assertNull(MaxPoolIndices.recall(x, p), "the input changed since the forward");
    backward("searched (input changed)", g, x, p);

    int[] wide = c.shape().clone();
    wide[wide.length - 1] += 2;
    Tensor strided = tied(wide).narrow(wide.length - 1, 1, c.shape()[c.shape().length - 1]);
    FAST.maxPool2d(strided, p);
    backward("strided input", g, strided, p);
  }
}
