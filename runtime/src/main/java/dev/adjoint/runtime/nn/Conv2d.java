package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * PyTorch's {@code nn.Conv2d}: a 2-D convolution of [N, C, H, W] inputs with a weight [out,
 * in/groups, kH, kW] and an optional bias [out]. Defaults as PyTorch's: stride 1, padding 0,
 * dilation 1, groups 1, a bias, float32. Initialised as PyTorch does: the weight by {@code
 * kaiming_uniform_(a=√5)}, which is U(±1/√fan_in), and the bias by U(±1/√fan_in), {@code fan_in =
 * in/groups · kH · kW}.
 *
 * <pre>
 * new Conv2d(3, 16, 3, generator)                                     // 3×3, stride 1, no padding
 * Conv2d.builder(3, 64, 7).stride(2).padding(3).bias(false).build(generator)
 * </pre>
 */
public final class Conv2d extends Module {
  private final int inChannels;
  private final int outChannels;
  private final int[] kernelSize;
  private final int[] stride;
  private final int[] padding;
  private final int[] dilation;
  private final int groups;
  private final Tensor weight;
  private final Tensor bias;

  /** A square {@code kernel}, stride 1, no padding, with a bias, float32. */
  public Conv2d(int inChannels, int outChannels, int kernel, Generator generator) {
    this(builder(inChannels, outChannels, kernel), generator);
  }

  private Conv2d(Builder b, Generator generator) {
    if (b.inChannels <= 0 || b.outChannels <= 0 || b.groups <= 0) {
      throw new IllegalArgumentException(
          "Conv2d: channels and groups must be positive, got in "
              + b.inChannels
              + ", out "
              + b.outChannels
              + ", groups "
              + b.groups);
    }
    if (b.inChannels % b.groups != 0 || b.outChannels % b.groups != 0) {
      throw new IllegalArgumentException(
          "Conv2d: in channels ("
              + b.inChannels
              + ") and out channels ("
              + b.outChannels
              + ") must both be divisible by groups ("
              + b.groups
              + ")");
    }
    checkPositive("kernel size", b.kernelSize);
    checkPositive("stride", b.stride);
    checkPositive("dilation", b.dilation);
    if (b.padding[0] < 0 || b.padding[1] < 0) {
      throw new IllegalArgumentException("Conv2d: padding must be >= 0");
    }
    this.inChannels = b.inChannels;
    this.outChannels = b.outChannels;
    this.kernelSize = b.kernelSize.clone();
    this.stride = b.stride.clone();
    this.padding = b.padding.clone();
    this.dilation = b.dilation.clone();
    this.groups = b.groups;
    Tensor w =
        Tensor.zeros(b.dtype, outChannels, inChannels / groups, kernelSize[0], kernelSize[1]);
    this.weight =
        registerParameter(
            "weight", Init.kaimingUniform(w, Math.sqrt(5), Init.FanMode.FAN_IN, generator));
    double bound = 1 / Math.sqrt(Init.fan(w, Init.FanMode.FAN_IN));
    this.bias =
        b.bias
            ? registerParameter(
                "bias", Init.uniform(Tensor.zeros(b.dtype, outChannels), -bound, bound, generator))
            : null;
  }

  private static void checkPositive(String what, int[] pair) {
    if (pair[0] <= 0 || pair[1] <= 0) {
      throw new IllegalArgumentException(
          "Conv2d: " + what + " must be positive, got (" + pair[0] + ", " + pair[1] + ")");
    }
  }

  /** Options with PyTorch's defaults for a square {@code kernel}. */
  public static Builder builder(int inChannels, int outChannels, int kernel) {
    return new Builder(inChannels, outChannels, kernel, kernel);
  }

  /** Options with PyTorch's defaults for a {@code kernelHeight × kernelWidth} kernel. */
  public static Builder builder(
      int inChannels, int outChannels, int kernelHeight, int kernelWidth) {
    return new Builder(inChannels, outChannels, kernelHeight, kernelWidth);
  }

  @Override
  public Tensor forward(Tensor input) {
    return Functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
  }

  public Tensor weight() {
    return weight;
  }

  /** The bias, or {@code null} for a layer without one. */
  public Tensor bias() {
    return bias;
  }

  public int inChannels() {
    return inChannels;
  }

  public int outChannels() {
    return outChannels;
  }

  /** {height, width}. */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  /** {height, width}. */
  public int[] stride() {
    return stride.clone();
  }

  /** {height, width}. */
  public int[] padding() {
    return padding.clone();
  }

  /** {height, width}. */
  public int[] dilation() {
    return dilation.clone();
  }

  public int groups() {
    return groups;
  }

  @Override
  public String toString() {
    return "Conv2d("
        + inChannels
        + ", "
        + outChannels
        + ", kernel_size="
        + pair(kernelSize)
        + ", stride="
        + pair(stride)
        + (padding[0] != 0 || padding[1] != 0 ? ", padding=" + pair(padding) : "")
        + (dilation[0] != 1 || dilation[1] != 1 ? ", dilation=" + pair(dilation) : "")
        + (groups != 1 ? ", groups=" + groups : "")
        + (bias == null ? ", bias=False" : "")
        + ")";
  }

  private static String pair(int[] p) {
    return "(" + p[0] + ", " + p[1] + ")";
  }

  /** The options of a {@link Conv2d}, PyTorch's defaults until set. */
  public static final class Builder {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private int[] stride = {1, 1};
    private int[] padding = {0, 0};
    private int[] dilation = {1, 1};
    private int groups = 1;
    private boolean bias = true;
    private DType dtype = DType.FLOAT32;

    private Builder(int inChannels, int outChannels, int kernelHeight, int kernelWidth) {
      this.inChannels = inChannels;
      this.outChannels = outChannels;
      this.kernelSize = new int[] {kernelHeight, kernelWidth};
    }

    public Builder stride(int both) {
      return stride(both, both);
    }

    public Builder stride(int height, int width) {
      stride = new int[] {height, width};
      return this;
    }

    public Builder padding(int both) {
      return padding(both, both);
    }

    public Builder padding(int height, int width) {
      padding = new int[] {height, width};
      return this;
    }

    public Builder dilation(int both) {
      return dilation(both, both);
    }

    public Builder dilation(int height, int width) {
      dilation = new int[] {height, width};
      return this;
    }

    /** Splits the channels into {@code groups} independent convolutions (depthwise: in). */
    public Builder groups(int groups) {
      this.groups = groups;
      return this;
    }

    public Builder bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    public Builder dtype(DType dtype) {
      this.dtype = dtype;
      return this;
    }

    /** The layer, its parameters drawn from {@code generator}. */
    public Conv2d build(Generator generator) {
      return new Conv2d(this, generator);
    }
  }
}
