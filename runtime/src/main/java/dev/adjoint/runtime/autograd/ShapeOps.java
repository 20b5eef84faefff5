package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.backend.Devices;
import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;
import java.util.Arrays;
import java.util.List;

/**
 * The differentiable shape operations: views that share storage (reshape, transpose, permute,
 * narrow, select, squeeze, unsqueeze, expand), copies between types and devices, concatenation and
 * stacking, and indexing ({@code indexSelect}, {@code gather}). As in {@link Ops}, each records a
 * node on the tape when an operand requires grad, and every error names the operation and the
 * shapes.
 */
public final class ShapeOps {
  private ShapeOps() {}

  public static Tensor reshape(Tensor x, int[] shape, boolean mustView) {
    String op = mustView ? "view" : "reshape";
    int[] s = Views.inferShape(op, x.shape(), shape);
    Tensor y;
    String name;
    if (x.isContiguous()) {
      y = Views.reshapeContiguous(x, s);
      name = "ViewBackward0";
    } else if (mustView) {
      y = Views.reshapeContiguous(x, s);
      name = "ViewBackward0";
    } else {
      y = Views.reshapeContiguous(Backends.current().copy(x, x.dtype()), s);
      name = "UnsafeViewBackward0";
    }
    return Ops.record(TensorOp.RESHAPE, name, OpParams.none(), y, x);
  }

  public static Tensor transpose(Tensor x, int d0, int d1) {
    int a = Shape.normalizeDim("transpose", d0, x.dim());
    int b = Shape.normalizeDim("transpose", d1, x.dim());
    return Ops.record(TensorOp.TRANSPOSE, OpParams.ints(a, b), Views.transpose(x, a, b), x);
  }

  public static Tensor permute(Tensor x, int[] order) {
    int[] o = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      o[i] = Shape.normalizeDim("permute", order[i], x.dim());
    }
    return Ops.record(TensorOp.PERMUTE, OpParams.ints(o), Views.permute(x, o), x);
  }

  public static Tensor narrow(Tensor x, int dim, int start, int length) {
    int d = Shape.normalizeDim("narrow", dim, x.dim());
    return Ops.record(
        TensorOp.NARROW, OpParams.ints(d, start, length), Views.narrow(x, d, start, length), x);
  }

  public static Tensor select(Tensor x, int dim, int index) {
    int d = Shape.normalizeDim("select", dim, x.dim());
    int i = index < 0 ? index + x.shape()[d] : index;
    return Ops.record(TensorOp.SELECT, OpParams.ints(d, i), Views.select(x, d, i), x);
  }

  /**
   * Squeezes the given dimensions (those of size 1), or all of size 1 when {@code dims} is null.
   */
  public static Tensor squeeze(Tensor x, int[] dims) {
    int[] shape = x.shape();
    boolean[] drop = new boolean[shape.length];
    if (dims == null) {
      for (int d = 0; d < shape.length; d++) {
        drop[d] = shape[d] == 1;
      }
    } else {
      for (int dim : dims) {
        int d = Shape.normalizeDim("squeeze", dim, x.dim());
        drop[d] = x.dim() > 0 && shape[d] == 1;
      }
    }
    Tensor y = x.detach();
    for (int d = shape.length - 1; d >= 0; d--) {
      if (drop[d]) {
        y = Views.squeezeDim(y, d);
      }
    }
    String name = dims == null ? "SqueezeBackward0" : "SqueezeBackward1";
    return Ops.record(TensorOp.SQUEEZE, name, OpParams.none(), y, x);
  }

  public static Tensor unsqueeze(Tensor x, int dim) {
    int d = Shape.normalizeDim("unsqueeze", dim, x.dim() + 1);
    return Ops.record(TensorOp.UNSQUEEZE, OpParams.ints(d), Views.unsqueeze(x, d), x);
  }

  public static Tensor expand(Tensor x, int[] shape) {
    return Ops.record(TensorOp.EXPAND, OpParams.none(), Views.expand(x, shape), x);
  }

  public static Tensor contiguous(Tensor x) {
    return Ops.record(
        TensorOp.CONTIGUOUS, OpParams.none(), Backends.current().copy(x, x.dtype()), x);
  }

  public static Tensor toDType(Tensor x, DType dtype) {
    Tensor y = Backends.current().copy(x, dtype);
    if (!dtype.isFloatingPoint() || !x.dtype().isFloatingPoint()) {
      return y;
    }
    return Ops.record(TensorOp.TO_DTYPE, OpParams.none(), y, x);
  }

  /** {@code x} copied to {@code device}; its rule is {@code TO_DTYPE}'s (back to x's device). */
  public static Tensor toDevice(Tensor x, Device device) {
    Tensor y = Devices.transfer(x, device);
    return x.dtype().isFloatingPoint() ? Ops.record(TensorOp.TO_DTYPE, OpParams.none(), y, x) : y;
  }

  public static Tensor cat(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) {
      throw new IllegalArgumentException("cat: no tensors to concatenate");
    }
    Tensor first = tensors.get(0);
    int d = Shape.normalizeDim("cat", dim, first.dim());
    DType type = first.dtype();
    for (Tensor t : tensors) {
      int[] a = first.shape();
      int[] b = t.shape();
      boolean ok = a.length == b.length;
      for (int k = 0; ok && k < a.length; k++) {
        ok = k == d || a[k] == b[k];
      }
      if (!ok) {
        throw new IllegalArgumentException(
            "cat: shapes "
                + Shape.format(a)
                + " and "
                + Shape.format(b)
                + " differ outside dimension "
                + d);
      }
      type = DType.promote(type, t.dtype());
    }
    Tensor[] inputs = tensors.toArray(new Tensor[0]);
    Tensor y = Backends.current().cat(Arrays.asList(inputs), d, type);
    return Ops.record(TensorOp.CAT, OpParams.ints(d), y, inputs);
  }

  public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
    int d = Shape.normalizeDim("indexSelect", dim, x.dim());
    checkIndexType("indexSelect", index);
    if (index.dim() > 1) {
      throw new IllegalArgumentException(
          "indexSelect: index must be 1-D, got shape " + Shape.format(index.shape()));
    }
    return Ops.record(
        TensorOp.INDEX_SELECT,
        OpParams.ints(d),
        Backends.current().indexSelect(x, d, index),
        x,
        index);
  }

  public static Tensor gather(Tensor x, int dim, Tensor index) {
    int d = Shape.normalizeDim("gather", dim, x.dim());
    checkIndexType("gather", index);
    if (index.dim() != x.dim()) {
      throw new IllegalArgumentException(
          "gather: index of shape "
              + Shape.format(index.shape())
              + " must have the rank of the input's shape "
              + Shape.format(x.shape()));
    }
    return Ops.record(
        TensorOp.GATHER, OpParams.ints(d), Backends.current().gather(x, d, index), x, index);
  }

  static void checkIndexType(String op, Tensor index) {
    if (index.dtype() != DType.INT64) {
      throw new IllegalArgumentException(
          op + ": index must be int64, got " + index.dtype().displayName());
    }
  }

  /** Stacking along a new dimension. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) {
      throw new IllegalArgumentException("stack: no tensors to stack");
    }
    for (Tensor t : tensors) {
      if (!Arrays.equals(t.shape(), tensors.get(0).shape())) {
        throw new IllegalArgumentException(
            "stack: shapes "
                + Shape.format(tensors.get(0).shape())
                + " and "
                + Shape.format(t.shape())
                + " differ");
      }
    }
    List<Tensor> parts =
        tensors.stream().map(t -> t.unsqueeze(dim < 0 ? dim + 1 + t.dim() : dim)).toList();
    return ShapeOps.cat(parts, dim < 0 ? dim + 1 + tensors.get(0).dim() : dim);
  }
}
