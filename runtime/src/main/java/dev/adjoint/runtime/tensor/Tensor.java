package dev.adjoint.runtime.tensor;

import dev.adjoint.runtime.autograd.AutogradMeta;
import dev.adjoint.runtime.autograd.Node;
import dev.adjoint.runtime.autograd.Ops;
import dev.adjoint.runtime.autograd.ShapeOps;
import dev.adjoint.runtime.backend.Devices;
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
 *
 * <p>This class holds the state (storage, layout, the tape's record), the factories and the
 * accessors; the operations are default methods of the interfaces it implements, one per kind:
 * {@link TensorElementwise}, {@link TensorReductions}, {@link TensorShapes}, {@link
 * TensorGradients}, {@link TensorValues}.
 */
public final class Tensor
    implements TensorElementwise, TensorReductions, TensorShapes, TensorGradients, TensorValues {
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
    int[] s = TensorChecks.shape(shape);
    return new Tensor(
        Storage.allocate(dtype, Shape.numel(s)), 0, s, Shape.contiguousStrides(s), false);
  }

  /** A fresh, zero-filled, contiguous tensor on {@code device}. */
  public static Tensor empty(Device device, DType dtype, int... shape) {
    if (device.isCpu()) {
      return empty(dtype, shape);
    }
    int[] s = TensorChecks.shape(shape);
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
    return Shape.isContiguous(shape, strides);
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

  /** The accumulated gradient, or {@code null} before any backward reached this leaf. */
  public Tensor grad() {
    return autograd == null ? null : autograd.grad();
  }

  /** Replaces the accumulated gradient ({@code null} clears it). */
  public void setGrad(Tensor grad) {
    if (grad != null) {
      TensorChecks.gradientFits(this, grad);
    }
    autogradMeta().setGrad(grad);
  }

  /** The node that computed this tensor, or {@code null} for a leaf (PyTorch's grad_fn). */
  public Node gradFn() {
    return autograd == null ? null : autograd.gradFn();
  }

  /** A tensor sharing this one's data but cut from the tape: a constant for differentiation. */
  public Tensor detach() {
    return new Tensor(storage, offset, shape, strides, wrappedNumber);
  }

  // ---------------------------------------------------------------- data and operations on several
  // tensors

  /**
   * Makes this tensor hold {@code data}'s elements (same shape and type; any device) instead of its
   * own, keeping its identity, gradient settings and {@code grad()}: what {@code Module.to} uses to
   * move parameters that model fields hold (PyTorch's {@code param.data = ...}). The tensor's
   * version counter starts again with the new storage.
   */
  public void setData(Tensor data) {
    TensorChecks.replacementFits(this, data);
    storage = data.storage;
    offset = data.offset;
    strides = data.strides.clone();
  }

  /** {@code cond ? a : b}, elementwise and broadcast; differentiable in {@code a} and {@code b}. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Ops.where(cond, a, b);
  }

  /** Concatenation along an existing dimension. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    return ShapeOps.cat(tensors, dim);
  }

  /** Stacking along a new dimension. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    return ShapeOps.stack(tensors, dim);
  }

  // ---------------------------------------------------------------- printing

  /** PyTorch's format: {@code tensor([36., 81.], requires_grad=True)}. */
  @Override
  public String toString() {
    return TensorFormatter.format(this);
  }
}
