package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backend;
import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.backend.Devices;
import dev.adjoint.runtime.backend.Pointwise;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.rules.ElementwiseOp;
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
 * Every differentiable tensor operation: computes the value on the current {@link Backend} and,
 * when gradients are being recorded and an operand requires grad, records a node on the tape.
 * Checks live here too, so that every error names the operation and the shapes. {@link Tensor}'s
 * methods are the friendly front; this is what they call.
 */
public final class Ops {
  private Ops() {}

  private static Backend backend() {
    return Backends.current();
  }

  // ---------------------------------------------------------------- recording

  static boolean recording(Tensor... inputs) {
    if (!GradMode.isEnabled()) {
      return false;
    }
    for (Tensor t : inputs) {
      if (t.requiresGrad()) {
        return true;
      }
    }
    return false;
  }

  private static Node[] edges(Tensor[] inputs) {
    Node[] next = new Node[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      Tensor t = inputs[i];
      if (t.requiresGrad()) {
        Node fn = t.gradFn();
        next[i] = fn != null ? fn : t.autogradMeta().accumulator(t);
      }
    }
    return next;
  }

  private static Tensor record(
      TensorOp op, String name, OpParams params, Tensor y, Tensor... inputs) {
    if (recording(inputs)) {
      Node[] next = edges(inputs);
      for (int i = 0; i < inputs.length; i++) {
        if (!op.isDifferentiable(i)) {
          next[i] = null;
        }
      }
      y.autogradMeta().setGradFn(new TensorOpNode(op, name, params, next, inputs, y));
    }
    return y;
  }

  static Tensor record(TensorOp op, OpParams params, Tensor y, Tensor... inputs) {
    return record(op, op.gradFnName(), params, y, inputs);
  }

  // ---------------------------------------------------------------- elementwise

  /**
   * The type of an elementwise result: the widest operand type, where Java numbers ({@link
   * Tensor#wrappedNumber}) do not widen a tensor but do make an integer result floating.
   */
  static DType resultType(Tensor... args) {
    DType type = null;
    boolean wrappedFloat = false;
    for (Tensor t : args) {
      if (t.isWrappedNumber()) {
        wrappedFloat |= t.dtype().isFloatingPoint();
      } else {
        type = type == null ? t.dtype() : DType.promote(type, t.dtype());
      }
    }
    if (type == null) {
      return DType.FLOAT64;
    }
    return wrappedFloat && !type.isFloatingPoint() ? DType.FLOAT32 : type;
  }

  /**
   * {@code op(args)} elementwise with broadcasting; differentiable through {@code
   * ElementwiseRules}.
   */
  public static Tensor elementwise(ElementwiseOp op, Tensor... args) {
    if (args.length != op.arity()) {
      throw new IllegalArgumentException(
          op + " takes " + op.arity() + " operand(s), got " + args.length);
    }
    if (allWrapped(args)) {
      // arithmetic on Java numbers (inside a rule: w - 1) stays a Java number
      Tensor y =
          args.length == 1
              ? backend().unary(op, args[0], DType.FLOAT64)
              : backend().binary(op, args[0], args[1], DType.FLOAT64);
      return Tensor.wrappedNumber(y.item());
    }
    DType type = resultType(args);
    if (type == DType.FLOAT32) {
      args = roundWrappedNumbers(args);
    }
    Tensor y;
    if (op.arity() == 1) {
      boolean keepsIntegers =
          switch (op) {
            case NEGATE, ABS, SIGNUM, FLOOR, CEIL, RINT -> true;
            default -> false;
          };
      if (!type.isFloatingPoint() && !keepsIntegers) {
        type = DType.FLOAT32;
      }
      y = backend().unary(op, args[0], type);
    } else {
      boolean keepsIntegers =
          switch (op) {
            case ADD, SUBTRACT, MULTIPLY, MAX, MIN -> true;
            default -> false;
          };
      if (!type.isFloatingPoint() && !keepsIntegers) {
        type = DType.FLOAT32;
      }
      y = backend().binary(op, args[0], args[1], type);
    }
    if (recording(args)) {
      y.autogradMeta()
          .setGradFn(new ElementwiseNode(op, gradFnName(op, args), edges(args), args, y));
    }
    return y;
  }

  private static boolean allWrapped(Tensor[] args) {
    for (Tensor t : args) {
      if (!t.isWrappedNumber()) {
        return false;
      }
    }
    return true;
  }

  // A Java number meets a float32 tensor as a float, as in PyTorch (0.1 * x is 0.1f * x).
  private static Tensor[] roundWrappedNumbers(Tensor[] args) {
    Tensor[] out = args;
    for (int i = 0; i < args.length; i++) {
      if (args[i].isWrappedNumber()) {
        double v = args[i].item();
        if ((float) v != v) {
          out = out == args ? args.clone() : out;
          out[i] = Tensor.wrappedNumber((float) v);
        }
      }
    }
    return out;
  }

  private static String gradFnName(ElementwiseOp op, Tensor[] args) {
    return switch (op) {
      case ADD -> "AddBackward0";
      case SUBTRACT -> "SubBackward0";
      case MULTIPLY -> "MulBackward0";
      case DIVIDE -> "DivBackward0";
      case NEGATE -> "NegBackward0";
      case EXP -> "ExpBackward0";
      case EXPM1 -> "Expm1Backward0";
      case LOG -> "LogBackward0";
      case LOG1P -> "Log1PBackward0";
      case LOG10 -> "Log10Backward0";
      case SQRT -> "SqrtBackward0";
      case CBRT -> "CbrtBackward0";
      // a constant exponent is PowBackward0, a tensor exponent PowBackward1
      case POW -> args[1].isWrappedNumber() ? "PowBackward0" : "PowBackward1";
      case HYPOT -> "HypotBackward0";
      case SIN -> "SinBackward0";
      case COS -> "CosBackward0";
      case TAN -> "TanBackward0";
      case ASIN -> "AsinBackward0";
      case ACOS -> "AcosBackward0";
      case ATAN -> "AtanBackward0";
      case ATAN2 -> "Atan2Backward0";
      case SINH -> "SinhBackward0";
      case COSH -> "CoshBackward0";
      case TANH -> "TanhBackward0";
      case ABS -> "AbsBackward0";
      case MAX -> "MaximumBackward0";
      case MIN -> "MinimumBackward0";
      case FLOOR -> "FloorBackward0";
      case CEIL -> "CeilBackward0";
      case RINT -> "RoundBackward0";
      case SIGNUM -> "SignBackward0";
    };
  }

  public static Tensor sigmoid(Tensor x) {
    return record(TensorOp.SIGMOID, OpParams.none(), pointwise(Pointwise.SIGMOID, x, 0, 0), x);
  }

  public static Tensor relu(Tensor x) {
    return record(TensorOp.RELU, OpParams.none(), pointwise(Pointwise.RELU, x, 0, 0), x);
  }

  public static Tensor softplus(Tensor x, double beta, double threshold) {
    return record(
        TensorOp.SOFTPLUS,
        OpParams.reals(beta, threshold),
        pointwise(Pointwise.SOFTPLUS, x, beta, threshold),
        x);
  }

  public static Tensor clamp(Tensor x, double min, double max) {
    if (min > max) {
      throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
    }
    return record(
        TensorOp.CLAMP, OpParams.reals(min, max), pointwise(Pointwise.CLAMP, x, min, max), x);
  }

  private static Tensor pointwise(Pointwise fn, Tensor x, double p0, double p1) {
    return backend().pointwise(fn, x, p0, p1);
  }

  /** {@code a rel b} as {@code bool}: not differentiable. */
  public static Tensor compare(Relation rel, Tensor a, Tensor b) {
    return backend().compare(rel, a, b);
  }

  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return where(cond, a, b, resultType(a, b));
  }

  static Tensor where(Tensor cond, Tensor a, Tensor b, DType type) {
    Tensor y = backend().where(cond, a, b, type);
    return record(TensorOp.WHERE, OpParams.none(), y, cond, a, b);
  }

  public static Tensor maskedFill(Tensor x, Tensor mask, double value) {
    if (!Shape.expandable(mask.shape(), x.shape())) {
      throw new IllegalArgumentException(
          "maskedFill: mask of shape "
              + Shape.format(mask.shape())
              + " does not broadcast to the input's shape "
              + Shape.format(x.shape()));
    }
    Tensor y = backend().where(mask, Tensor.wrappedNumber(value), x, x.dtype());
    return record(TensorOp.MASKED_FILL, OpParams.reals(value), y, x, mask);
  }

  // ---------------------------------------------------------------- reductions

  public static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
    int[] d = Shape.normalizeDims("sum", dims, x.dim());
    Tensor y = backend().sum(x, d, keepDim);
    String name = dims.length == 0 ? "SumBackward0" : "SumBackward1";
    return record(TensorOp.SUM, name, OpParams.dims(d, keepDim), y, x);
  }

  public static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
    int[] d = Shape.normalizeDims("mean", dims, x.dim());
    Tensor s = backend().sum(x, d, keepDim);
    int count = 1;
    int[] shape = x.shape();
    for (int k : d) {
      count *= shape[k];
    }
    DType type = x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32;
    Tensor y = backend().binary(ElementwiseOp.DIVIDE, s, Tensor.wrappedNumber(count), type);
    String name = dims.length == 0 ? "MeanBackward0" : "MeanBackward1";
    return record(TensorOp.MEAN, name, OpParams.dims(d, keepDim), y, x);
  }

  public static Tensor amax(Tensor x, int[] dims, boolean keepDim) {
    if (x.numel() == 0) {
      throw new IllegalArgumentException(
          "max: the input of shape " + Shape.format(x.shape()) + " is empty");
    }
    int[] d = Shape.normalizeDims("max", dims, x.dim());
    Tensor y = backend().amax(x, d, keepDim);
    String name = dims.length == 0 ? "MaxBackward1" : "AmaxBackward0";
    return record(TensorOp.AMAX, name, OpParams.dims(d, keepDim), y, x);
  }

  public static Tensor softmax(Tensor x, int dim, boolean log) {
    int d = Shape.normalizeDim(log ? "logSoftmax" : "softmax", dim, x.dim());
    Tensor y = backend().softmax(x, d, log);
    return record(log ? TensorOp.LOG_SOFTMAX : TensorOp.SOFTMAX, OpParams.ints(d), y, x);
  }

  // ---------------------------------------------------------------- linear algebra

  public static Tensor matmul(Tensor a, Tensor b) {
    Tensor y = backend().matmul(a, b);
    String name;
    if (a.dim() == 1 && b.dim() == 1) {
      name = "DotBackward0";
    } else if (a.dim() == 2 && b.dim() == 1) {
      name = "MvBackward0";
    } else if (a.dim() == 2 && b.dim() == 2) {
      name = "MmBackward0";
    } else if (a.dim() == 1) {
      name = "SqueezeBackward4";
    } else {
      name = "BmmBackward0";
    }
    return record(TensorOp.MATMUL, name, OpParams.none(), y, a, b);
  }

  // ---------------------------------------------------------------- views and shapes

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
      y = Views.reshapeContiguous(backend().copy(x, x.dtype()), s);
      name = "UnsafeViewBackward0";
    }
    return record(TensorOp.RESHAPE, name, OpParams.none(), y, x);
  }

  public static Tensor transpose(Tensor x, int d0, int d1) {
    int a = Shape.normalizeDim("transpose", d0, x.dim());
    int b = Shape.normalizeDim("transpose", d1, x.dim());
    return record(TensorOp.TRANSPOSE, OpParams.ints(a, b), Views.transpose(x, a, b), x);
  }

  public static Tensor permute(Tensor x, int[] order) {
    int[] o = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      o[i] = Shape.normalizeDim("permute", order[i], x.dim());
    }
    return record(TensorOp.PERMUTE, OpParams.ints(o), Views.permute(x, o), x);
  }

  public static Tensor narrow(Tensor x, int dim, int start, int length) {
    int d = Shape.normalizeDim("narrow", dim, x.dim());
    return record(
        TensorOp.NARROW, OpParams.ints(d, start, length), Views.narrow(x, d, start, length), x);
  }

  public static Tensor select(Tensor x, int dim, int index) {
    int d = Shape.normalizeDim("select", dim, x.dim());
    int i = index < 0 ? index + x.shape()[d] : index;
    return record(TensorOp.SELECT, OpParams.ints(d, i), Views.select(x, d, i), x);
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
    return record(TensorOp.SQUEEZE, name, OpParams.none(), y, x);
  }

  public static Tensor unsqueeze(Tensor x, int dim) {
    int d = Shape.normalizeDim("unsqueeze", dim, x.dim() + 1);
    return record(TensorOp.UNSQUEEZE, OpParams.ints(d), Views.unsqueeze(x, d), x);
  }

  public static Tensor expand(Tensor x, int[] shape) {
    return record(TensorOp.EXPAND, OpParams.none(), Views.expand(x, shape), x);
  }

  public static Tensor contiguous(Tensor x) {
    return record(TensorOp.CONTIGUOUS, OpParams.none(), backend().copy(x, x.dtype()), x);
  }

  public static Tensor toDType(Tensor x, DType dtype) {
    Tensor y = backend().copy(x, dtype);
    if (!dtype.isFloatingPoint() || !x.dtype().isFloatingPoint()) {
      return y;
    }
    return record(TensorOp.TO_DTYPE, OpParams.none(), y, x);
  }

  /** {@code x} copied to {@code device}; its rule is {@code TO_DTYPE}'s (back to x's device). */
  public static Tensor toDevice(Tensor x, Device device) {
    Tensor y = Devices.transfer(x, device);
    return x.dtype().isFloatingPoint() ? record(TensorOp.TO_DTYPE, OpParams.none(), y, x) : y;
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
    Tensor y = backend().cat(Arrays.asList(inputs), d, type);
    return record(TensorOp.CAT, OpParams.ints(d), y, inputs);
  }

  public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
    int d = Shape.normalizeDim("indexSelect", dim, x.dim());
    checkIndexType("indexSelect", index);
    if (index.dim() > 1) {
      throw new IllegalArgumentException(
          "indexSelect: index must be 1-D, got shape " + Shape.format(index.shape()));
    }
    return record(
        TensorOp.INDEX_SELECT, OpParams.ints(d), backend().indexSelect(x, d, index), x, index);
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
    return record(TensorOp.GATHER, OpParams.ints(d), backend().gather(x, d, index), x, index);
  }

  private static void checkIndexType(String op, Tensor index) {
    if (index.dtype() != DType.INT64) {
      throw new IllegalArgumentException(
          op + ": index must be int64, got " + index.dtype().displayName());
    }
  }

  // ---------------------------------------------------------------- losses

  /** Mean squared error {@code mean((input - target)²)}. */
  public static Tensor mseLoss(Tensor input, Tensor target) {
    checkSameShape("mseLoss", input, target);
    Tensor d = backend().binary(ElementwiseOp.SUBTRACT, input, target, resultType(input, target));
    Tensor sq = backend().binary(ElementwiseOp.MULTIPLY, d, d, d.dtype());
    Tensor y =
        backend()
            .binary(
                ElementwiseOp.DIVIDE,
                backend().sum(sq, Shape.normalizeDims("mseLoss", new int[0], sq.dim()), false),
                Tensor.wrappedNumber(Math.max(1, sq.numel())),
                sq.dtype());
    return record(TensorOp.MSE_LOSS, OpParams.none(), y, input, target);
  }

  /**
   * Mean binary cross-entropy of {@code sigmoid(logits)} against {@code target}, in the stable form
   * {@code max(x, 0) - x·t + log(1 + e^-|x|)} (no overflow for any x).
   */
  public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
    checkSameShape("binaryCrossEntropyWithLogits", logits, target);
    double[] x = logits.toArray();
    double[] t = target.toArray();
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.max(x[i], 0) - x[i] * t[i] + Math.log1p(Math.exp(-Math.abs(x[i])));
    }
    Tensor y =
        Tensor.scalar(resultType(logits, target), sum / Math.max(1, x.length)).to(logits.device());
    return record(TensorOp.BCE_WITH_LOGITS, OpParams.none(), y, logits, target);
  }

  /** Mean negative log-likelihood of {@code target} classes under {@code logProbabilities}. */
  public static Tensor nllLoss(Tensor logProbabilities, Tensor target) {
    checkIndexType("nllLoss", target);
    if (logProbabilities.dim() != 2
        || target.dim() != 1
        || target.size(0) != logProbabilities.size(0)) {
      throw new IllegalArgumentException(
          "nllLoss: input of shape "
              + Shape.format(logProbabilities.shape())
              + " and target of shape "
              + Shape.format(target.shape())
              + " must be [N, C] and [N]");
    }
    Tensor picked = backend().gather(logProbabilities, 1, Views.unsqueeze(target, 1));
    Tensor y;
    if (logProbabilities.isCuda()) {
      // on the device, without waiting for it: the sum is a kernel's (in double, then rounded)
      Tensor sum = backend().sum(picked, new int[] {0, 1}, false);
      Tensor count = Tensor.wrappedNumber(-Math.max(1, target.numel()));
      y = backend().binary(ElementwiseOp.DIVIDE, sum, count, logProbabilities.dtype());
    } else {
      double sum = 0;
      for (double v : picked.toArray()) {
        sum += v;
      }
      y = Tensor.scalar(logProbabilities.dtype(), -sum / Math.max(1, target.numel()));
    }
    return record(TensorOp.NLL_LOSS, OpParams.none(), y, logProbabilities, target);
  }

  /** Cross-entropy of class {@code target}s under {@code logits} [N, C]: log-softmax, then NLL. */
  public static Tensor crossEntropy(Tensor logits, Tensor target) {
    return nllLoss(softmax(logits, 1, true), target);
  }

  private static void checkSameShape(String op, Tensor a, Tensor b) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException(
          op
              + ": input of shape "
              + Shape.format(a.shape())
              + " and target of shape "
              + Shape.format(b.shape())
              + " differ");
    }
  }

  // ---------------------------------------------------------------- in place

  private static void checkInPlace(String op, Tensor t) {
    if (GradMode.isEnabled() && t.requiresGrad()) {
      throw new IllegalStateException(
          op
              + ": a tensor that requires grad cannot be changed in place while gradients are"
              + " recorded; do it inside GradMode.noGrad() (as optimizer updates do), or on a"
              + " detach()ed copy");
    }
  }

  public static Tensor addScaledInPlace(Tensor dst, Tensor src, double alpha) {
    checkInPlace("addInPlace", dst);
    backend().addScaledInPlace(dst, src, alpha);
    dst.storage().bumpVersion();
    return dst;
  }

  public static Tensor scaleInPlace(Tensor dst, double factor) {
    checkInPlace("mulInPlace", dst);
    backend().scaleInPlace(dst, factor);
    dst.storage().bumpVersion();
    return dst;
  }

  public static Tensor fillInPlace(Tensor dst, double value) {
    checkInPlace("fillInPlace", dst);
    backend().fill(dst, value);
    dst.storage().bumpVersion();
    return dst;
  }

  public static Tensor copyInPlace(Tensor dst, Tensor src) {
    checkInPlace("copyInPlace", dst);
    backend().copyInto(dst, src);
    dst.storage().bumpVersion();
    return dst;
  }
}
