package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backend;
import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.backend.Pointwise;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;

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

  static Node[] edges(Tensor[] inputs) {
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

  static Tensor record(TensorOp op, String name, OpParams params, Tensor y, Tensor... inputs) {
    if (recording(inputs)) {
      Node[] next = edges(inputs);
      for (int i = 0; i < inputs.length; i++) {
        if (!op.isDifferentiable(i)) {
          next[i] = null;
        }
      }
      Node node = new TensorOpNode(op, name, params, next, inputs, y);
      y.autogradMeta().setGradFn(node);
      AnomalyMode.recorded(node, y, inputs);
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
      Node node = new ElementwiseNode(op, gradFnName(op, args), edges(args), args, y);
      y.autogradMeta().setGradFn(node);
      AnomalyMode.recorded(node, y, args);
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
    requireMask("where", "condition", cond);
    return where(cond, a, b, resultType(a, b));
  }

  /** As PyTorch: a condition or mask is a bool tensor, not numbers read as true when nonzero. */
  private static void requireMask(String op, String role, Tensor mask) {
    if (mask.dtype() != DType.BOOL) {
      throw new IllegalArgumentException(
          op
              + ": the "
              + role
              + " must be a bool tensor, got "
              + mask.dtype().name().toLowerCase(java.util.Locale.ROOT)
              + " of shape "
              + Shape.format(mask.shape())
              + ": make one with a comparison, such as x.gt(0)");
    }
  }

  static Tensor where(Tensor cond, Tensor a, Tensor b, DType type) {
    Tensor y = backend().where(cond, a, b, type);
    return record(TensorOp.WHERE, OpParams.none(), y, cond, a, b);
  }

  public static Tensor maskedFill(Tensor x, Tensor mask, double value) {
    requireMask("maskedFill", "mask", mask);
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
    if (a.dtype() != b.dtype()) {
      // PyTorch does not promote in matrix products either ("expected scalar type Float but found
      // Double"): a silent promotion would make float64 work of a float32 model
      throw new IllegalArgumentException(
          "matmul: the operands' dtypes differ, "
              + a.dtype().displayName()
              + " "
              + Shape.format(a.shape())
              + " and "
              + b.dtype().displayName()
              + " "
              + Shape.format(b.shape())
              + "; convert one first, e.g. b.to(a.dtype())");
    }
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
