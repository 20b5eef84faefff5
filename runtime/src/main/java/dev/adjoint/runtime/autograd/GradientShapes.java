package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.rules.TensorAlgebra;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The operations of {@link TapeAlgebra} that bring a gradient back to an operand's shape: summing a
 * broadcast gradient down ({@link #sumToShapeOf}), expanding a reduced one ({@link #unreduce}),
 * cutting a concatenation's part out ({@link #catPart}), writing a narrowed or indexed operand's
 * gradient into zeros of the whole operand's shape, and the element count a mean divides by.
 */
final class GradientShapes {
  private GradientShapes() {}

  /** The type of a partial of integer operands: float32; floating types stay. */
  static DType floating(DType t) {
    return t.isFloatingPoint() ? t : DType.FLOAT32;
  }

  /**
   * The broadcast gradient summed over the dimensions broadcasting added or widened, as {@link
   * TensorAlgebra#sumToShapeOf}.
   */
  static Tensor sumToShapeOf(Tensor gradient, Tensor operand) {
    int[] target = operand.shape();
    int[] shape = gradient.shape();
    if (Arrays.equals(target, shape)) {
      return gradient;
    }
    if (gradient.isWrappedNumber()) {
      // a constant partial (0 for floor): a tensor of the operand's shape and type
      return Tensor.full(operand.device(), floating(operand.dtype()), gradient.item(), target);
    }
    if (Shape.expandable(shape, target)) {
      return ShapeOps.expand(gradient, target);
    }
    int lead = shape.length - target.length;
    int[] dims = new int[shape.length];
    int count = 0;
    for (int d = 0; d < shape.length; d++) {
      if (d < lead || (target[d - lead] == 1 && shape[d] != 1)) {
        dims[count++] = d;
      }
    }
    Tensor summed = count == 0 ? gradient : Ops.sum(gradient, Arrays.copyOf(dims, count), true);
    return ShapeOps.reshape(summed, target, false);
  }

  /**
   * A reduction's gradient expanded back over the reduced dimensions ({@link
   * TensorAlgebra#unreduce}).
   */
  static Tensor unreduce(Tensor g, Tensor like, int[] dims, boolean keepDim) {
    int[] d = Shape.normalizeDims("unreduce", dims, like.dim());
    Tensor kept = g;
    if (!keepDim) {
      kept = ShapeOps.reshape(g, Shape.reduce(like.shape(), d, true), false);
    }
    return ShapeOps.expand(kept, like.shape());
  }

  /** The number of elements a reduction over {@code dims} combines, as a Java number. */
  static Tensor elementCount(Tensor like, int[] dims) {
    int[] d = Shape.normalizeDims("elementCount", dims, like.dim());
    int[] shape = like.shape();
    long count = 1;
    for (int k : d) {
      count *= shape[k];
    }
    return Tensor.wrappedNumber(count);
  }

  /** A narrowed operand's gradient written into zeros of the whole operand's shape. */
  static Tensor padNarrowed(Tensor g, Tensor like, int dim, int start) {
    Tensor out = Tensor.zeros(like.device(), gradType(g, like), like.shape());
    Backends.current().copyInto(out.narrow(dim, start, g.size(dim)), g);
    return out;
  }

  /** Part {@code i} of a concatenation's gradient. */
  static Tensor catPart(Tensor g, int dim, List<Tensor> parts, int i) {
    int start = 0;
    for (int k = 0; k < i; k++) {
      start += parts.get(k).size(dim);
    }
    return ShapeOps.narrow(g, dim, start, parts.get(i).size(dim));
  }

  /**
   * An {@code indexSelect}'s gradient added into zeros of the source's shape at the selected rows.
   */
  static Tensor indexAddInto(Tensor g, Tensor like, int dim, Tensor index) {
    Tensor out = Tensor.zeros(like.device(), gradType(g, like), like.shape());
    Backends.current().indexAdd(out, Shape.normalizeDim("indexAdd", dim, like.dim()), index, g);
    return out;
  }

  /** A {@code gather}'s gradient scatter-added into zeros of the source's shape. */
  static Tensor scatterAddInto(Tensor g, Tensor like, int dim, Tensor index) {
    Tensor out = Tensor.zeros(like.device(), gradType(g, like), like.shape());
    Backends.current().scatterAdd(out, Shape.normalizeDim("scatterAdd", dim, like.dim()), index, g);
    return out;
  }

  /** The type of a gradient for {@code like}: its own when floating, else the incoming one's. */
  static DType gradType(Tensor g, Tensor like) {
    return like.dtype().isFloatingPoint() ? like.dtype() : g.dtype();
  }
}
