package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The differentiable convolution and pooling operations: each checks its operands (every message
 * names the operation, the shapes and the parameters), computes its value on the current backend's
 * {@link NnKernels} and records a {@link TensorOp} node whose gradient is in {@code TensorRules}.
 * {@code nn.Functional} is the friendly front (int-or-pair arguments, unbatched inputs).
 */
public final class ConvolutionOps {
  private ConvolutionOps() {}

  private static NnKernels nn() {
    return Backends.current().nn();
  }

  /** conv2d of a 4-D input: input [N, C, H, W], weight [O, C/groups, kH, kW], bias [O] or null. */
  public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    checkConv2d(input, weight, bias, p);
    Tensor y = nn().conv2d(input, weight, bias, p);
    OpParams params = p.toOpParams();
    return bias == null
        ? Ops.record(TensorOp.CONV2D, params, y, input, weight)
        : Ops.record(TensorOp.CONV2D, params, y, input, weight, bias);
  }

  private static void checkConv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    String shapes =
        "input "
            + Shape.format(input.shape())
            + ", weight "
            + Shape.format(weight.shape())
            + (bias == null ? "" : ", bias " + Shape.format(bias.shape()));
    if (p.strideH() < 1
        || p.strideW() < 1
        || p.padH() < 0
        || p.padW() < 0
        || p.dilationH() < 1
        || p.dilationW() < 1
        || p.groups() < 1) {
      throw new IllegalArgumentException(
          "conv2d: stride, dilation and groups must be positive and padding non-negative, got"
              + " stride ("
              + p.strideH()
              + ", "
              + p.strideW()
              + "), padding ("
              + p.padH()
              + ", "
              + p.padW()
              + "), dilation ("
              + p.dilationH()
              + ", "
              + p.dilationW()
              + "), groups "
              + p.groups());
    }
    if (input.dim() != 4 || weight.dim() != 4) {
      throw new IllegalArgumentException(
          "conv2d: expected a 4-D input [N, C, H, W] (or 3-D [C, H, W]) and a 4-D weight [O,"
              + " C/groups, kH, kW], got "
              + shapes);
    }
    checkFloating("conv2d", input);
    checkSameType("conv2d", input, "weight", weight);
    if (bias != null) {
      checkSameType("conv2d", input, "bias", bias);
    }
    int[] x = input.shape();
    int[] w = weight.shape();
    int groups = p.groups();
    if (w[0] % groups != 0) {
      throw new IllegalArgumentException(
          "conv2d: the "
              + w[0]
              + " output channels of weight "
              + Shape.format(w)
              + " are not divisible by groups = "
              + groups);
    }
    if (x[1] != w[1] * groups) {
      throw new IllegalArgumentException(
          "conv2d: "
              + shapes
              + ", groups = "
              + groups
              + ": the input has "
              + x[1]
              + " channels, the weight expects "
              + w[1]
              + " × "
              + groups
              + " = "
              + w[1] * groups);
    }
    if (bias != null && (bias.dim() != 1 || bias.size(0) != w[0])) {
      throw new IllegalArgumentException(
          "conv2d: bias of shape "
              + Shape.format(bias.shape())
              + " must be ["
              + w[0]
              + "], one value per output channel of weight "
              + Shape.format(w));
    }
    int spanH = p.dilationH() * (w[2] - 1) + 1;
    int spanW = p.dilationW() * (w[3] - 1) + 1;
    if (w[2] < 1 || w[3] < 1 || spanH > x[2] + 2 * p.padH() || spanW > x[3] + 2 * p.padW()) {
      throw new IllegalArgumentException(
          "conv2d: the kernel "
              + w[2]
              + " x "
              + w[3]
              + " with dilation ("
              + p.dilationH()
              + ", "
              + p.dilationW()
              + ") spans "
              + spanH
              + " x "
              + spanW
              + ", more than the padded input "
              + (x[2] + 2 * p.padH())
              + " x "
              + (x[3] + 2 * p.padW())
              + " ("
              + shapes
              + ", padding ("
              + p.padH()
              + ", "
              + p.padW()
              + ")); pad the input or use a smaller kernel");
    }
  }

  /** Max pooling of an input [N, C, H, W] or [C, H, W]. */
  public static Tensor maxPool2d(Tensor input, Pool2dParams p) {
    checkPool("maxPool2d", input, p);
    return Ops.record(TensorOp.MAX_POOL2D, p.toOpParams(), nn().maxPool2d(input, p), input);
  }

  /** Average pooling of an input [N, C, H, W] or [C, H, W]. */
  public static Tensor avgPool2d(Tensor input, Pool2dParams p) {
    checkPool("avgPool2d", input, p);
    return Ops.record(TensorOp.AVG_POOL2D, p.toOpParams(), nn().avgPool2d(input, p), input);
  }

  /**
   * Adaptive average pooling of an input [N, C, H, W] or [C, H, W] to {@code outputHeight ×
   * outputWidth}. To 1 × 1 it is the mean over the last two dimensions, as in PyTorch (whose node
   * is then {@code MeanBackward1}).
   */
  public static Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
    checkSpatial("adaptiveAvgPool2d", input);
    if (outputHeight < 1 || outputWidth < 1) {
      throw new IllegalArgumentException(
          "adaptiveAvgPool2d: the output size must be positive, got "
              + outputHeight
              + " x "
              + outputWidth
              + " for input "
              + Shape.format(input.shape()));
    }
    if (outputHeight == 1 && outputWidth == 1) {
      return Ops.mean(input, new int[] {-2, -1}, true);
    }
    Tensor y = nn().adaptiveAvgPool2d(input, outputHeight, outputWidth);
    return Ops.record(
        TensorOp.ADAPTIVE_AVG_POOL2D, OpParams.ints(outputHeight, outputWidth), y, input);
  }

  private static void checkPool(String op, Tensor input, Pool2dParams p) {
    checkSpatial(op, input);
    if (p.kernelH() < 1
        || p.kernelW() < 1
        || p.strideH() < 1
        || p.strideW() < 1
        || p.dilationH() < 1
        || p.dilationW() < 1) {
      throw new IllegalArgumentException(
          op
              + ": kernel size, stride and dilation must be positive, got kernel ("
              + p.kernelH()
              + ", "
              + p.kernelW()
              + "), stride ("
              + p.strideH()
              + ", "
              + p.strideW()
              + "), dilation ("
              + p.dilationH()
              + ", "
              + p.dilationW()
              + ")");
    }
    if (p.padH() < 0 || p.padW() < 0 || p.padH() > p.kernelH() / 2 || p.padW() > p.kernelW() / 2) {
      throw new IllegalArgumentException(
          op
              + ": padding must be non-negative and at most half the kernel size, got padding ("
              + p.padH()
              + ", "
              + p.padW()
              + ") for kernel ("
              + p.kernelH()
              + ", "
              + p.kernelW()
              + ")");
    }
    int[] s = input.shape();
    int h = s[s.length - 2];
    int w = s[s.length - 1];
    if (p.outputHeight(h) < 1 || p.outputWidth(w) < 1) {
      // the output formula is at least 1 exactly when the dilated window fits the padded input
      throw new IllegalArgumentException(
          op
              + ": the window (kernel ("
              + p.kernelH()
              + ", "
              + p.kernelW()
              + "), dilation ("
              + p.dilationH()
              + ", "
              + p.dilationW()
              + ")) spans "
              + (p.dilationH() * (p.kernelH() - 1) + 1)
              + " x "
              + (p.dilationW() * (p.kernelW() - 1) + 1)
              + ", more than the padded input "
              + (h + 2 * p.padH())
              + " x "
              + (w + 2 * p.padW())
              + " (input "
              + Shape.format(s)
              + ", padding ("
              + p.padH()
              + ", "
              + p.padW()
              + ")): the output would be empty");
    }
  }

  private static void checkSpatial(String op, Tensor input) {
    int[] s = input.shape();
    if (input.dim() != 3 && input.dim() != 4) {
      throw new IllegalArgumentException(
          op + ": expected a 3-D [C, H, W] or 4-D [N, C, H, W] input, got " + Shape.format(s));
    }
    if (s[s.length - 1] < 1 || s[s.length - 2] < 1) {
      throw new IllegalArgumentException(
          op + ": the input " + Shape.format(s) + " has no rows or no columns to pool");
    }
    checkFloating(op, input);
  }

  static void checkFloating(String op, Tensor t) {
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          op + ": input must be floating point, got " + t.dtype().displayName());
    }
  }

  static void checkSameType(String op, Tensor input, String name, Tensor other) {
    if (other.dtype() != input.dtype()) {
      throw new IllegalArgumentException(
          op
              + ": input is "
              + input.dtype().displayName()
              + " but "
              + name
              + " is "
              + other.dtype().displayName()
              + "; convert one with .to(...)");
    }
  }
}
