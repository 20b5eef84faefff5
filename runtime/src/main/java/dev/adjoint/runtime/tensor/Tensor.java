package dev.adjoint.runtime.tensor;

import dev.adjoint.runtime.autograd.AutogradMeta;
import dev.adjoint.runtime.autograd.Engine;
import dev.adjoint.runtime.autograd.Flattening;
import dev.adjoint.runtime.autograd.Node;
import dev.adjoint.runtime.autograd.Ops;
import dev.adjoint.runtime.backend.Devices;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array of {@code float32} (the default), {@code float64}, {@code int64} or {@code
 * bool}, with PyTorch's semantics: NumPy broadcasting, views that share storage (reshape of a
 * contiguous tensor, transpose, narrow, expand, ...), and a dynamic tape: a tensor that {@link
 * #requiresGrad()} records every operation on it, and {@link #backward()} walks that record back to
 * accumulate gradients into the leaves.
 *
 * <p>A tensor lives on a {@link Device}: the host by default, a CUDA GPU after {@link #cuda()} or
 * {@link #to(Device)}. Operations run where their operands are; operands on two devices are an
 * error, except that a zero-dimensional CPU tensor (a Java number) goes with any device.
 *
 * <p>Operations are methods ({@code a.mul(b).add(c)}); they return new tensors and never change
 * their operands, except those named {@code ...InPlace}, which bump the storage's version counter.
 * A shape mismatch throws {@link IllegalArgumentException} naming the operation and both shapes.
 */
public final class Tensor {
  // not final: setData (Module.to) moves a parameter's elements to another device in place
  private Storage storage;
  private int offset;
  private final int[] shape;
  private int[] strides;
  private final boolean wrappedNumber;
  private AutogradMeta autograd;

  private Tensor(Storage storage, int offset, int[] shape, int[] strides, boolean wrappedNumber) {
    this.storage = storage;
    this.offset = offset;
    this.shape = shape;
    this.strides = strides;
    this.wrappedNumber = wrappedNumber;
  }

  // ---------------------------------------------------------------- construction

  /**
   * A tensor over {@code storage} with the given layout, sharing the storage (a view). The building
   * block of every view operation and of backends.
   */
  public static Tensor view(Storage storage, int offset, int[] shape, int[] strides) {
    return new Tensor(storage, offset, shape.clone(), strides.clone(), false);
  }

  /** A fresh, zero-filled, contiguous tensor. */
  public static Tensor empty(DType dtype, int... shape) {
    int[] s = checkedShape(shape);
    return new Tensor(
        Storage.allocate(dtype, Shape.numel(s)), 0, s, Shape.contiguousStrides(s), false);
  }

  private static int[] checkedShape(int[] shape) {
    int[] s = shape.clone();
    for (int size : s) {
      if (size < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Shape.format(s));
      }
    }
    return s;
  }

  /** A fresh, zero-filled, contiguous tensor on {@code device}. */
  public static Tensor empty(Device device, DType dtype, int... shape) {
    if (device.isCpu()) {
      return empty(dtype, shape);
    }
    int[] s = checkedShape(shape);
    return new Tensor(
        Devices.allocate(device, dtype, Shape.numel(s)), 0, s, Shape.contiguousStrides(s), false);
  }

  /** Zeros of {@code dtype} on {@code device}. */
  public static Tensor zeros(Device device, DType dtype, int... shape) {
    return empty(device, dtype, shape);
  }

  /** Ones of {@code dtype} on {@code device}. */
  public static Tensor ones(Device device, DType dtype, int... shape) {
    return full(device, dtype, 1, shape);
  }

  /** {@code value} everywhere, of {@code dtype}, on {@code device}. */
  public static Tensor full(Device device, DType dtype, double value, int... shape) {
    Tensor t = empty(device, dtype, shape);
    if (value != 0) {
      t.storage.fill(0, t.numel(), value);
    }
    return t;
  }

  /** A 1-D {@code float32} tensor. */
  public static Tensor of(double... values) {
    return fromArray(DType.FLOAT32, values, values.length);
  }

  /** A 2-D {@code float32} tensor from rows of equal length. */
  public static Tensor of(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException("of: row " + r + " has " + rows[r].length + " values");
      }
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return fromArray(DType.FLOAT32, flat, rows.length, cols);
  }

  /** A tensor of {@code dtype} and {@code shape} holding {@code values} in row-major order. */
  public static Tensor fromArray(DType dtype, double[] values, int... shape) {
    Tensor t = empty(dtype, shape);
    if (values.length != t.numel()) {
      throw new IllegalArgumentException(
          "fromArray: " + values.length + " values for shape " + Shape.format(shape));
    }
    for (int i = 0; i < values.length; i++) {
      t.storage.set(i, values[i]);
    }
    return t;
  }

  /** A {@code float32} tensor of {@code shape} over {@code values} (no copy). */
  public static Tensor fromArray(float[] values, int... shape) {
    return wrap(Storage.wrap(values), shape);
  }

  /** A {@code float64} tensor of {@code shape} over {@code values} (no copy). */
  public static Tensor fromArray(double[] values, int... shape) {
    return wrap(Storage.wrap(values), shape);
  }

  /** A 1-D {@code int64} tensor: indices for {@link #indexSelect}, targets for cross-entropy. */
  public static Tensor ofLongs(long... values) {
    return wrap(Storage.wrap(values.clone()), values.length);
  }

  private static Tensor wrap(Storage storage, int... shape) {
    int[] s = shape.clone();
    if (Shape.numel(s) != storage.size()) {
      throw new IllegalArgumentException(
          "fromArray: " + storage.size() + " values for shape " + Shape.format(s));
    }
    return new Tensor(storage, 0, s, Shape.contiguousStrides(s), false);
  }

  /** A 0-dimensional {@code float32} tensor. */
  public static Tensor scalar(double value) {
    return scalar(DType.FLOAT32, value);
  }

  /** A 0-dimensional tensor of {@code dtype}. */
  public static Tensor scalar(DType dtype, double value) {
    Tensor t = empty(dtype);
    t.storage.set(0, value);
    return t;
  }

  /**
   * A Java number used as an operand ({@code x.mul(3)}): a 0-d {@code float64} tensor that, like
   * PyTorch's wrapped numbers, never widens the other operand's type ({@code float32 * 3} is {@code
   * float32}).
   */
  public static Tensor wrappedNumber(double value) {
    Storage s = Storage.allocate(DType.FLOAT64, 1);
    s.set(0, value);
    return new Tensor(s, 0, new int[0], new int[0], true);
  }

  public static Tensor zeros(int... shape) {
    return empty(DType.FLOAT32, shape);
  }

  public static Tensor zeros(DType dtype, int... shape) {
    return empty(dtype, shape);
  }

  public static Tensor ones(int... shape) {
    return full(1, shape);
  }

  public static Tensor ones(DType dtype, int... shape) {
    return full(dtype, 1, shape);
  }

  public static Tensor full(double value, int... shape) {
    return full(DType.FLOAT32, value, shape);
  }

  public static Tensor full(DType dtype, double value, int... shape) {
    Tensor t = empty(dtype, shape);
    t.storage.fill(0, t.numel(), value);
    return t;
  }

  /** A tensor of zeros with this tensor's shape, type and device. */
  public Tensor zerosLike() {
    return empty(device(), dtype(), shape);
  }

  /** A tensor of ones with this tensor's shape, type and device. */
  public Tensor onesLike() {
    return full(device(), dtype(), 1, shape);
  }

  /** {@code [start, start + step, ...]} up to but excluding {@code end}, {@code float32}. */
  public static Tensor arange(double start, double end, double step) {
    if (step == 0 || (end - start) / step < 0) {
      throw new IllegalArgumentException(
          "arange: empty or infinite range " + start + ".." + end + " step " + step);
    }
    int n = (int) Math.ceil((end - start) / step);
    Tensor t = empty(DType.FLOAT32, n);
    for (int i = 0; i < n; i++) {
      t.storage.set(i, start + i * step);
    }
    return t;
  }

  /** {@code [0, 1, ..., end - 1]}, {@code float32}. */
  public static Tensor arange(int end) {
    return arange(0, end, 1);
  }

  /** Uniform in [0, 1), {@code float32}, from the default generator. */
  public static Tensor rand(int... shape) {
    return rand(Generator.defaultGenerator(), DType.FLOAT32, shape);
  }

  /** Uniform in [0, 1). */
  public static Tensor rand(Generator generator, DType dtype, int... shape) {
    Tensor t = empty(dtype, shape);
    for (int i = 0; i < t.numel(); i++) {
      t.storage.set(i, generator.nextUniform());
    }
    return t;
  }

  /** Standard normal, {@code float32}, from the default generator. */
  public static Tensor randn(int... shape) {
    return randn(Generator.defaultGenerator(), DType.FLOAT32, shape);
  }

  /** Standard normal. */
  public static Tensor randn(Generator generator, DType dtype, int... shape) {
    Tensor t = empty(dtype, shape);
    for (int i = 0; i < t.numel(); i++) {
      t.storage.set(i, generator.nextGaussian());
    }
    return t;
  }

  // ---------------------------------------------------------------- layout and data

  public Storage storage() {
    return storage;
  }

  /** Where element {@code [0, ..., 0]} lives in the storage. */
  public int offset() {
    return offset;
  }

  /** The sizes of the dimensions (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** The size of dimension {@code dim} (negative counts from the end). */
  public int size(int dim) {
    return shape[Shape.normalizeDim("size", dim, shape.length)];
  }

  /** Storage steps per index step in each dimension (a copy); 0 in broadcast dimensions. */
  public int[] strides() {
    return strides.clone();
  }

  /** The number of dimensions; 0 for a scalar. */
  public int dim() {
    return shape.length;
  }

  public int numel() {
    return Shape.numel(shape);
  }

  public DType dtype() {
    return storage.dtype();
  }

  /** Where the elements live. */
  public Device device() {
    return storage.device();
  }

  /** Whether the elements are in a CUDA GPU's memory. */
  public boolean isCuda() {
    return storage.device().isCuda();
  }

  /** Whether this is a Java number turned into an operand (see {@link #wrappedNumber}). */
  public boolean isWrappedNumber() {
    return wrappedNumber;
  }

  /** Whether the elements lie in row-major order without gaps from {@link #offset()}. */
  public boolean isContiguous() {
    int expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && strides[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  /** The storage index of the element at {@code index}. */
  public int storageIndex(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "get: " + index.length + " indices for shape " + Shape.format(shape));
    }
    int at = offset;
    for (int d = 0; d < index.length; d++) {
      int i = index[d] < 0 ? index[d] + shape[d] : index[d];
      if (i < 0 || i >= shape[d]) {
        throw new IndexOutOfBoundsException(
            "index "
                + index[d]
                + " out of range for dimension "
                + d
                + " of "
                + Shape.format(shape));
      }
      at += i * strides[d];
    }
    return at;
  }

  /** The element at {@code index} (one index per dimension). */
  public double get(int... index) {
    return storage.get(storageIndex(index));
  }

  /** The value of a one-element tensor; on a GPU, after the work queued before it has finished. */
  public double item() {
    if (numel() != 1) {
      throw new IllegalStateException(
          "item: a tensor with " + numel() + " elements cannot be converted to a number");
    }
    return storage.get(offset);
  }

  /**
   * The elements in row-major order, as {@code double}s; on a GPU, copied after the work queued
   * before it has finished.
   */
  public double[] toArray() {
    double[] out = new double[numel()];
    int[] index = new int[shape.length];
    int at = offset;
    // a device storage is copied to the host once, not element by element
    Storage storage = this.storage instanceof DeviceStorage d ? d.download() : this.storage;
    for (int i = 0; i < out.length; i++) {
      out[i] = storage.get(at);
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          at += strides[d];
          break;
        }
        at -= (shape[d] - 1) * strides[d];
        index[d] = 0;
      }
    }
    return out;
  }

  /** The elements in row-major order, as {@code float}s. */
  public float[] toFloatArray() {
    double[] values = toArray();
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  // ---------------------------------------------------------------- autograd

  /** The tape's record for this tensor, or {@code null} when it has none. */
  public AutogradMeta autogradMetaOrNull() {
    return autograd;
  }

  /** The tape's record for this tensor, created on first use. */
  public AutogradMeta autogradMeta() {
    if (autograd == null) {
      autograd = new AutogradMeta();
    }
    return autograd;
  }

  /** Whether operations on this tensor are recorded for {@link #backward()}. */
  public boolean requiresGrad() {
    return autograd != null && autograd.requiresGrad();
  }

  /**
   * Marks this leaf as a parameter whose gradient {@link #backward()} accumulates into {@link
   * #grad()} (PyTorch's {@code requires_grad_}). Returns this tensor.
   */
  public Tensor requiresGrad(boolean requiresGrad) {
    Engine.setRequiresGrad(this, requiresGrad);
    return this;
  }

  /** The accumulated gradient, or {@code null} before any backward reached this leaf. */
  public Tensor grad() {
    return autograd == null ? null : autograd.grad();
  }

  /** Replaces the accumulated gradient ({@code null} clears it). */
  public void setGrad(Tensor grad) {
    if (grad != null && !Arrays.equals(grad.shape, shape)) {
      throw new IllegalArgumentException(
          "setGrad: gradient of shape "
              + Shape.format(grad.shape)
              + " for a tensor of shape "
              + Shape.format(shape));
    }
    autogradMeta().setGrad(grad);
  }

  /** Sets the accumulated gradient to zero in place (no-op if there is none). */
  public void zeroGrad() {
    Tensor g = grad();
    if (g != null) {
      g.zeroInPlace();
    }
  }

  /** The node that computed this tensor, or {@code null} for a leaf (PyTorch's grad_fn). */
  public Node gradFn() {
    return autograd == null ? null : autograd.gradFn();
  }

  /** Whether this tensor was not computed by a recorded operation. */
  public boolean isLeaf() {
    return gradFn() == null;
  }

  /** Backpropagates from this one-element tensor with seed 1, then frees the graph. */
  public void backward() {
    Engine.backward(this, null, false);
  }

  /**
   * The vector-Jacobian product: backpropagates {@code seed} (same shape as this tensor), adding
   * Jᵀ·seed into every leaf's gradient, then frees the graph.
   */
  public void backward(Tensor seed) {
    Engine.backward(this, seed, false);
  }

  /**
   * As {@link #backward(Tensor)}; with {@code retainGraph} the saved values are kept so that the
   * graph can be walked again. {@code seed} may be {@code null} for a one-element tensor.
   */
  public void backward(Tensor seed, boolean retainGraph) {
    Engine.backward(this, seed, retainGraph);
  }

  /** A tensor sharing this one's data but cut from the tape: a constant for differentiation. */
  public Tensor detach() {
    return new Tensor(storage, offset, shape, strides, wrappedNumber);
  }

  // ---------------------------------------------------------------- elementwise

  public Tensor add(Tensor other) {
    return Ops.elementwise(ElementwiseOp.ADD, this, other);
  }

  public Tensor add(double other) {
    return add(wrappedNumber(other));
  }

  public Tensor sub(Tensor other) {
    return Ops.elementwise(ElementwiseOp.SUBTRACT, this, other);
  }

  public Tensor sub(double other) {
    return sub(wrappedNumber(other));
  }

  /** {@code value - this}. */
  public Tensor rsub(double value) {
    return wrappedNumber(value).sub(this);
  }

  public Tensor mul(Tensor other) {
    return Ops.elementwise(ElementwiseOp.MULTIPLY, this, other);
  }

  public Tensor mul(double other) {
    return mul(wrappedNumber(other));
  }

  public Tensor div(Tensor other) {
    return Ops.elementwise(ElementwiseOp.DIVIDE, this, other);
  }

  public Tensor div(double other) {
    return div(wrappedNumber(other));
  }

  public Tensor neg() {
    return Ops.elementwise(ElementwiseOp.NEGATE, this);
  }

  /** {@code this ** exponent}, elementwise and broadcast; differentiable in both. */
  public Tensor pow(Tensor exponent) {
    return Ops.elementwise(ElementwiseOp.POW, this, exponent);
  }

  /** {@code this ** exponent} with a constant exponent. */
  public Tensor pow(double exponent) {
    return pow(wrappedNumber(exponent));
  }

  public Tensor exp() {
    return Ops.elementwise(ElementwiseOp.EXP, this);
  }

  public Tensor expm1() {
    return Ops.elementwise(ElementwiseOp.EXPM1, this);
  }

  public Tensor log() {
    return Ops.elementwise(ElementwiseOp.LOG, this);
  }

  public Tensor log1p() {
    return Ops.elementwise(ElementwiseOp.LOG1P, this);
  }

  public Tensor sqrt() {
    return Ops.elementwise(ElementwiseOp.SQRT, this);
  }

  public Tensor sin() {
    return Ops.elementwise(ElementwiseOp.SIN, this);
  }

  public Tensor cos() {
    return Ops.elementwise(ElementwiseOp.COS, this);
  }

  public Tensor tanh() {
    return Ops.elementwise(ElementwiseOp.TANH, this);
  }

  public Tensor abs() {
    return Ops.elementwise(ElementwiseOp.ABS, this);
  }

  /** The elementwise larger of the two (PyTorch's {@code maximum}). */
  public Tensor maximum(Tensor other) {
    return Ops.elementwise(ElementwiseOp.MAX, this, other);
  }

  /** The elementwise smaller of the two (PyTorch's {@code minimum}). */
  public Tensor minimum(Tensor other) {
    return Ops.elementwise(ElementwiseOp.MIN, this, other);
  }

  /** Any {@link ElementwiseOp} applied to this tensor (and {@code others}). */
  public Tensor apply(ElementwiseOp op, Tensor... others) {
    Tensor[] args = new Tensor[others.length + 1];
    args[0] = this;
    System.arraycopy(others, 0, args, 1, others.length);
    return Ops.elementwise(op, args);
  }

  public Tensor sigmoid() {
    return Ops.sigmoid(this);
  }

  public Tensor relu() {
    return Ops.relu(this);
  }

  /** {@code log(1 + exp(x))}, linear above {@code x > 20} as PyTorch's default. */
  public Tensor softplus() {
    return Ops.softplus(this, 1, 20);
  }

  /** Elementwise clamp into [min, max]; pass ±infinity for a one-sided bound. */
  public Tensor clamp(double min, double max) {
    return Ops.clamp(this, min, max);
  }

  // ---------------------------------------------------------------- comparisons and masks

  /** {@code this > other} as a {@code bool} tensor. */
  public Tensor gt(Tensor other) {
    return Ops.compare(Relation.GREATER, this, other);
  }

  public Tensor gt(double other) {
    return gt(wrappedNumber(other));
  }

  /** {@code this < other}. */
  public Tensor lt(Tensor other) {
    return Ops.compare(Relation.GREATER, other, this);
  }

  public Tensor lt(double other) {
    return lt(wrappedNumber(other));
  }

  /** {@code this >= other}. */
  public Tensor ge(Tensor other) {
    return Ops.compare(Relation.GREATER_OR_EQUAL, this, other);
  }

  /** {@code this <= other}. */
  public Tensor le(Tensor other) {
    return Ops.compare(Relation.GREATER_OR_EQUAL, other, this);
  }

  /** {@code this == other}. */
  public Tensor eq(Tensor other) {
    return Ops.compare(Relation.EQUAL, this, other);
  }

  /** {@code cond ? a : b}, elementwise and broadcast; differentiable in {@code a} and {@code b}. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Ops.where(cond, a, b);
  }

  /** This tensor with {@code value} where {@code mask} is true. */
  public Tensor maskedFill(Tensor mask, double value) {
    return Ops.maskedFill(this, mask, value);
  }

  // ---------------------------------------------------------------- reductions

  /** The sum of all elements, a scalar. */
  public Tensor sum() {
    return Ops.sum(this, new int[0], false);
  }

  /** The sum over {@code dims}. */
  public Tensor sum(int[] dims, boolean keepDim) {
    return Ops.sum(this, dims, keepDim);
  }

  /** The sum over one dimension, dropping it. */
  public Tensor sum(int dim) {
    return Ops.sum(this, new int[] {dim}, false);
  }

  public Tensor mean() {
    return Ops.mean(this, new int[0], false);
  }

  public Tensor mean(int[] dims, boolean keepDim) {
    return Ops.mean(this, dims, keepDim);
  }

  public Tensor mean(int dim) {
    return Ops.mean(this, new int[] {dim}, false);
  }

  /** The largest element; a tie splits the gradient evenly. */
  public Tensor max() {
    return Ops.amax(this, new int[0], false);
  }

  /** The largest values over {@code dims} (PyTorch's {@code amax}). */
  public Tensor max(int[] dims, boolean keepDim) {
    return Ops.amax(this, dims, keepDim);
  }

  public Tensor max(int dim) {
    return Ops.amax(this, new int[] {dim}, false);
  }

  public Tensor softmax(int dim) {
    return Ops.softmax(this, dim, false);
  }

  public Tensor logSoftmax(int dim) {
    return Ops.softmax(this, dim, true);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * The matrix product with PyTorch's {@code matmul} rules: 1-D·1-D is a dot product, a 1-D operand
   * is treated as a row (left) or column (right) vector, and leading dimensions broadcast as a
   * batch.
   */
  public Tensor matmul(Tensor other) {
    return Ops.matmul(this, other);
  }

  // ---------------------------------------------------------------- shape and views

  /**
   * The same elements in a new shape; a view when this tensor is contiguous. One size may be -1.
   */
  public Tensor reshape(int... newShape) {
    return Ops.reshape(this, newShape, false);
  }

  /** As {@link #reshape}, but must be a view: fails if this tensor is not contiguous. */
  public Tensor view(int... newShape) {
    return Ops.reshape(this, newShape, true);
  }

  /** A 1-D view (or copy) of all elements. */
  public Tensor flatten() {
    return reshape(-1);
  }

  /** Dimensions {@code startDim..} merged into one: a view where the layout allows, else a copy. */
  public Tensor flatten(int startDim) {
    return Flattening.flatten(this, startDim, -1);
  }

  /**
   * Dimensions {@code startDim..endDim} (inclusive, negative ones count from the end) merged into
   * one, as PyTorch's {@code flatten}: a view where the layout allows, else a copy; this tensor
   * itself when they are one dimension.
   */
  public Tensor flatten(int startDim, int endDim) {
    return Flattening.flatten(this, startDim, endDim);
  }

  /** The view with dimensions {@code d0} and {@code d1} swapped. */
  public Tensor transpose(int d0, int d1) {
    return Ops.transpose(this, d0, d1);
  }

  /** The transpose of a matrix (a 1-D or 0-D tensor is returned as is). */
  public Tensor t() {
    return dim() < 2 ? this : transpose(0, 1);
  }

  /** The view with dimensions reordered: dimension i of the result is {@code order[i]} of this. */
  public Tensor permute(int... order) {
    return Ops.permute(this, order);
  }

  /** The view of {@code length} indices from {@code start} along {@code dim}. */
  public Tensor narrow(int dim, int start, int length) {
    return Ops.narrow(this, dim, start, length);
  }

  /** The view of indices {@code [start, end)} along {@code dim} (Python's {@code x[:, a:b]}). */
  public Tensor slice(int dim, int start, int end) {
    int d = Shape.normalizeDim("slice", dim, dim());
    int s = Math.max(0, start < 0 ? start + shape[d] : start);
    int e = Math.min(shape[d], end < 0 ? end + shape[d] : end);
    return narrow(d, s, Math.max(0, e - s));
  }

  /** The view at {@code index} along {@code dim}, which is removed (Python's {@code x[i]}). */
  public Tensor select(int dim, int index) {
    return Ops.select(this, dim, index);
  }

  /** The view without the dimensions of size 1. */
  public Tensor squeeze() {
    return Ops.squeeze(this, null);
  }

  /** The view without dimension {@code dim} if its size is 1 (unchanged otherwise). */
  public Tensor squeeze(int dim) {
    return Ops.squeeze(this, new int[] {dim});
  }

  /** The view with a new dimension of size 1 at {@code dim}. */
  public Tensor unsqueeze(int dim) {
    return Ops.unsqueeze(this, dim);
  }

  /** The view broadcast to {@code newShape} (no copy; -1 keeps a size). */
  public Tensor expand(int... newShape) {
    return Ops.expand(this, newShape);
  }

  /** This tensor if it is contiguous, else a contiguous copy. */
  public Tensor contiguous() {
    return isContiguous() ? this : Ops.contiguous(this);
  }

  /** A copy with its own storage (recorded, so gradients flow through it). */
  public Tensor copy() {
    return Ops.contiguous(this);
  }

  /** This tensor converted to {@code dtype} (itself if it already is). */
  public Tensor to(DType dtype) {
    return dtype == dtype() ? this : Ops.toDType(this, dtype);
  }

  /**
   * This tensor on {@code device} (itself if it already is there): a copy, recorded like PyTorch's
   * {@code to} ({@code ToCopyBackward0}), so gradients flow back to the original device. Copying to
   * the host waits for the device's queued work. A CUDA device without a usable GPU is an {@link
   * IllegalStateException} that says why (no driver, no GPU, a library not found).
   */
  public Tensor to(Device device) {
    return wrappedNumber || device.equals(device()) ? this : Ops.toDevice(this, device);
  }

  /** {@code to(Device.cuda())}: this tensor on the first GPU. */
  public Tensor cuda() {
    return to(Device.cuda());
  }

  /** {@code to(Device.cuda(index))}. */
  public Tensor cuda(int index) {
    return to(Device.cuda(index));
  }

  /** {@code to(Device.cpu())}: this tensor in host memory, after the device's work has finished. */
  public Tensor cpu() {
    return to(Device.cpu());
  }

  /**
   * Makes this tensor hold {@code data}'s elements (same shape and type; any device) instead of its
   * own, keeping its identity, gradient settings and {@code grad()}: what {@code Module.to} uses to
   * move parameters that model fields hold (PyTorch's {@code param.data = ...}). The tensor's
   * version counter starts again with the new storage.
   */
  public void setData(Tensor data) {
    if (!Arrays.equals(data.shape, shape) || data.dtype() != dtype()) {
      throw new IllegalArgumentException(
          "setData: "
              + data.dtype().displayName()
              + " "
              + Shape.format(data.shape)
              + " for a tensor of "
              + dtype().displayName()
              + " "
              + Shape.format(shape));
    }
    if (!isLeaf()) {
      throw new IllegalStateException(
          "setData: only a leaf's data can be replaced (this tensor was computed by "
              + gradFn().name()
              + ")");
    }
    storage = data.storage;
    offset = data.offset;
    strides = data.strides.clone();
  }

  /** Concatenation along an existing dimension. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    return Ops.cat(tensors, dim);
  }

  /** Stacking along a new dimension. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) {
      throw new IllegalArgumentException("stack: no tensors to stack");
    }
    for (Tensor t : tensors) {
      if (!Arrays.equals(t.shape, tensors.get(0).shape)) {
        throw new IllegalArgumentException(
            "stack: shapes "
                + Shape.format(tensors.get(0).shape)
                + " and "
                + Shape.format(t.shape)
                + " differ");
      }
    }
    List<Tensor> parts =
        tensors.stream().map(t -> t.unsqueeze(dim < 0 ? dim + 1 + t.dim() : dim)).toList();
    return Ops.cat(parts, dim < 0 ? dim + 1 + tensors.get(0).dim() : dim);
  }

  /** The entries at {@code index} (1-D {@code int64}) along {@code dim}. */
  public Tensor indexSelect(int dim, Tensor index) {
    return Ops.indexSelect(this, dim, index);
  }

  /** {@code out[i][j] = this[i][index[i][j]]} for {@code dim = 1}, and so on (PyTorch's gather). */
  public Tensor gather(int dim, Tensor index) {
    return Ops.gather(this, dim, index);
  }

  // ---------------------------------------------------------------- in place

  /** {@code this += other} (broadcast into this tensor's shape). */
  public Tensor addInPlace(Tensor other) {
    return Ops.addScaledInPlace(this, other, 1);
  }

  /** {@code this += alpha * other} without a temporary (PyTorch's {@code add_(other, alpha=)}). */
  public Tensor addInPlace(Tensor other, double alpha) {
    return Ops.addScaledInPlace(this, other, alpha);
  }

  /** {@code this -= other}. */
  public Tensor subInPlace(Tensor other) {
    return Ops.addScaledInPlace(this, other, -1);
  }

  /** {@code this *= factor}. */
  public Tensor mulInPlace(double factor) {
    return Ops.scaleInPlace(this, factor);
  }

  /** Sets every element to {@code value}. */
  public Tensor fillInPlace(double value) {
    return Ops.fillInPlace(this, value);
  }

  /** Sets every element to zero. */
  public Tensor zeroInPlace() {
    return Ops.fillInPlace(this, 0);
  }

  /** Copies {@code source} (broadcast) into this tensor. */
  public Tensor copyInPlace(Tensor source) {
    return Ops.copyInPlace(this, source);
  }

  // ---------------------------------------------------------------- comparisons for tests

  /**
   * Whether the shapes are equal and every {@code |this - other| <= atol + rtol * |other|} (NumPy's
   * {@code allclose}); NaNs are equal to NaNs.
   */
  public boolean allClose(Tensor other, double rtol, double atol) {
    if (!Arrays.equals(shape, other.shape)) {
      return false;
    }
    double[] a = toArray();
    double[] b = other.toArray();
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i]) && Double.isNaN(b[i])) {
        continue;
      }
      if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) {
        return false;
      }
    }
    return true;
  }

  /** {@link #allClose(Tensor, double, double)} with PyTorch's defaults (1e-5, 1e-8). */
  public boolean allClose(Tensor other) {
    return allClose(other, 1e-5, 1e-8);
  }

  /** Whether the elements (row-major) equal {@code expected} within {@code tolerance}. */
  public boolean allClose(double[] expected, double tolerance) {
    double[] a = toArray();
    if (a.length != expected.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - expected[i]) <= tolerance)) {
        return false;
      }
    }
    return true;
  }

  /** PyTorch's format: {@code tensor([36., 81.], requires_grad=True)}. */
  @Override
  public String toString() {
    return TensorFormatter.format(this);
  }
}
