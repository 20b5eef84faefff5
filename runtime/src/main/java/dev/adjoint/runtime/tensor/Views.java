package dev.adjoint.runtime.tensor;

import java.util.Arrays;

/**
 * The view operations without the tape: each returns a tensor over the same storage with another
 * shape and strides, or fails with a message naming the operation and the shape. The tape's
 * differentiable versions and the kernels are both built on these.
 */
public final class Views {
  private Views() {}

  /** The view with dimensions {@code d0} and {@code d1} swapped. */
  public static Tensor transpose(Tensor t, int d0, int d1) {
    int rank = t.dim();
    if (rank < 2 && d0 == d1) {
      return t.detach();
    }
    int a = Shape.normalizeDim("transpose", d0, rank);
    int b = Shape.normalizeDim("transpose", d1, rank);
    int[] order = new int[rank];
    Arrays.setAll(order, i -> i == a ? b : i == b ? a : i);
    return permute(t, order);
  }

  /** The view whose dimension i is dimension {@code order[i]} of {@code t}. */
  public static Tensor permute(Tensor t, int[] order) {
    int rank = t.dim();
    if (order.length != rank) {
      throw new IllegalArgumentException(
          "permute: order " + Arrays.toString(order) + " for shape " + Shape.format(t.shape()));
    }
    int[] shape = t.shape();
    int[] strides = t.strides();
    int[] newShape = new int[rank];
    int[] newStrides = new int[rank];
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      int d = Shape.normalizeDim("permute", order[i], rank);
      if (seen[d]) {
        throw new IllegalArgumentException(
            "permute: order " + Arrays.toString(order) + " repeats dimension " + d);
      }
      seen[d] = true;
      newShape[i] = shape[d];
      newStrides[i] = strides[d];
    }
    return Tensor.view(t.storage(), t.offset(), newShape, newStrides);
  }

  /** {@code length} indices from {@code start} along {@code dim}. */
  public static Tensor narrow(Tensor t, int dim, int start, int length) {
    int d = Shape.normalizeDim("narrow", dim, t.dim());
    int[] shape = t.shape();
    if (start < 0 || length < 0 || start + length > shape[d]) {
      throw new IllegalArgumentException(
          "narrow: range ["
              + start
              + ", "
              + (start + length)
              + ") is outside dimension "
              + d
              + " of shape "
              + Shape.format(shape));
    }
    int[] strides = t.strides();
    shape[d] = length;
    return Tensor.view(t.storage(), t.offset() + start * strides[d], shape, strides);
  }

  /** The slice at {@code index} along {@code dim}, with that dimension removed. */
  public static Tensor select(Tensor t, int dim, int index) {
    int d = Shape.normalizeDim("select", dim, t.dim());
    int size = t.shape()[d];
    int i = index < 0 ? index + size : index;
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          "select: index " + index + " out of range for dimension " + d + " of size " + size);
    }
    return squeezeDim(narrow(t, d, i, 1), d);
  }

  /** Without dimension {@code d} (which must have size 1). */
  public static Tensor squeezeDim(Tensor t, int d) {
    int[] shape = t.shape();
    int[] strides = t.strides();
    int[] s = new int[shape.length - 1];
    int[] st = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != d) {
        s[j] = shape[i];
        st[j++] = strides[i];
      }
    }
    return Tensor.view(t.storage(), t.offset(), s, st);
  }

  /** With a dimension of size 1 inserted at {@code dim} (in {@code [-rank-1, rank]}). */
  public static Tensor unsqueeze(Tensor t, int dim) {
    int rank = t.dim();
    int d = Shape.normalizeDim("unsqueeze", dim, rank + 1);
    int[] shape = t.shape();
    int[] strides = t.strides();
    int[] s = new int[rank + 1];
    int[] st = new int[rank + 1];
    for (int i = 0, j = 0; i <= rank; i++) {
      if (i == d) {
        s[i] = 1;
        st[i] = d < rank ? strides[d] * shape[d] : 1;
      } else {
        s[i] = shape[j];
        st[i] = strides[j++];
      }
    }
    return Tensor.view(t.storage(), t.offset(), s, st);
  }

  /** Broadcast to {@code shape} with stride 0 along the new or size-1 dimensions. */
  public static Tensor expand(Tensor t, int[] shape) {
    int[] from = t.shape();
    int[] target = shape.clone();
    int lead = target.length - from.length;
    for (int i = 0; i < target.length; i++) {
      if (target[i] == -1 && i >= lead) {
        target[i] = from[i - lead];
      }
    }
    if (!Shape.expandable(from, target)) {
      throw new IllegalArgumentException(
          "expand: shape " + Shape.format(from) + " cannot be expanded to " + Shape.format(shape));
    }
    int[] strides = t.strides();
    int[] st = new int[target.length];
    for (int i = lead; i < target.length; i++) {
      st[i] = from[i - lead] == target[i] ? strides[i - lead] : 0;
    }
    return Tensor.view(t.storage(), t.offset(), target, st);
  }

  /** The view of a contiguous tensor in {@code shape}; fails on a non-contiguous one. */
  public static Tensor reshapeContiguous(Tensor t, int[] shape) {
    if (!t.isContiguous()) {
      throw new IllegalArgumentException(
          "view: tensor of shape "
              + Shape.format(t.shape())
              + " and strides "
              + Arrays.toString(t.strides())
              + " is not contiguous; use reshape (which copies) or contiguous() first");
    }
    return Tensor.view(t.storage(), t.offset(), shape, Shape.contiguousStrides(shape));
  }

  /** {@code newShape} with a -1 resolved, checked to hold exactly {@code numel} elements. */
  public static int[] inferShape(String op, int[] oldShape, int[] newShape) {
    int[] s = newShape.clone();
    int numel = Shape.numel(oldShape);
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        if (unknown >= 0) {
          throw new IllegalArgumentException(op + ": only one dimension can be -1");
        }
        unknown = i;
      } else if (s[i] < 0) {
        throw new IllegalArgumentException(op + ": invalid size " + s[i]);
      } else {
        known *= s[i];
      }
    }
    if (unknown >= 0 && known != 0 && numel % known == 0) {
      s[unknown] = (int) (numel / known);
      known *= s[unknown];
    }
    if (known != numel || (unknown >= 0 && s[unknown] < 0)) {
      throw new IllegalArgumentException(
          op
              + ": shape "
              + Shape.format(newShape)
              + " is invalid for input of shape "
              + Shape.format(oldShape));
    }
    return s;
  }
}
