package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.Tensor;

/**
 * PyTorch's {@code nn.MaxPool2d}: the maximum over {@code kernel} windows, {@code stride} apart
 * (default: the kernel size), with implicit −∞ {@code padding} (at most half the kernel), taps
 * {@code dilation} apart; {@code ceilMode} rounds the output size up.
 */
public final class MaxPool2d extends Module {
  private final int[] kernelSize;
  private final int[] stride;
  private final int[] padding;
  private final int[] dilation;
  private final boolean ceilMode;

  /** Square windows of {@code kernel}, stride {@code kernel}, no padding. */
  public MaxPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  /** Square windows ({@code nn.MaxPool2d(3, 2, 1)} in ResNet's stem). */
  public MaxPool2d(int kernel, int stride, int padding) {
    this(
        new int[] {kernel, kernel},
        new int[] {stride, stride},
        new int[] {padding, padding},
        new int[] {1, 1},
        false);
  }

  /** Every option, each {height, width}. */
  public MaxPool2d(
      int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    this.kernelSize = pair("kernelSize", kernelSize, 1);
    this.stride = pair("stride", stride, 1);
    this.padding = pair("padding", padding, 0);
    this.dilation = pair("dilation", dilation, 1);
    this.ceilMode = ceilMode;
  }

  private static int[] pair(String name, int[] values, int least) {
    if (values.length != 2 || values[0] < least || values[1] < least) {
      throw new IllegalArgumentException(
          "MaxPool2d: "
              + name
              + " must be {height, width}, each at least "
              + least
              + ", got "
              + java.util.Arrays.toString(values));
    }
    return values.clone();
  }

  @Override
  public Tensor forward(Tensor input) {
    return Functional.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);
  }

  /** {height, width} of the window. */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  /** {height, width} between windows. */
  public int[] stride() {
    return stride.clone();
  }

  /** {height, width} of the implicit −∞ padding. */
  public int[] padding() {
    return padding.clone();
  }

  /** {height, width} between taps. */
  public int[] dilation() {
    return dilation.clone();
  }

  /** Whether output sizes are rounded up. */
  public boolean ceilMode() {
    return ceilMode;
  }

  @Override
  public String toString() {
    return "MaxPool2d(kernel_size="
        + pairOrOne(kernelSize)
        + ", stride="
        + pairOrOne(stride)
        + ", padding="
        + pairOrOne(padding)
        + ", dilation="
        + pairOrOne(dilation)
        + ", ceil_mode="
        + (ceilMode ? "True" : "False")
        + ")";
  }

  private static String pairOrOne(int[] p) {
    return p[0] == p[1] ? Integer.toString(p[0]) : "(" + p[0] + ", " + p[1] + ")";
  }
}
