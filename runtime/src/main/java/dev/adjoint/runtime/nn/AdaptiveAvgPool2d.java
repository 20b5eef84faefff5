package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.Tensor;

/**
 * PyTorch's {@code nn.AdaptiveAvgPool2d}: the mean over windows that tile each [H, W] plane into an
 * {@code outputHeight × outputWidth} grid, whatever the input's size ({@code 1 × 1} is global
 * average pooling, as in ResNet's head).
 */
public final class AdaptiveAvgPool2d extends Module {
  private final int outputHeight;
  private final int outputWidth;

  /** A square {@code size × size} output. */
  public AdaptiveAvgPool2d(int size) {
    this(size, size);
  }

  public AdaptiveAvgPool2d(int outputHeight, int outputWidth) {
    if (outputHeight <= 0 || outputWidth <= 0) {
      throw new IllegalArgumentException(
          "AdaptiveAvgPool2d: output size must be positive, got ("
              + outputHeight
              + ", "
              + outputWidth
              + ")");
    }
    this.outputHeight = outputHeight;
    this.outputWidth = outputWidth;
  }

  @Override
  public Tensor forward(Tensor input) {
    return Functional.adaptiveAvgPool2d(input, outputHeight, outputWidth);
  }

  public int outputHeight() {
    return outputHeight;
  }

  public int outputWidth() {
    return outputWidth;
  }

  @Override
  public String toString() {
    return "AdaptiveAvgPool2d(output_size=(" + outputHeight + ", " + outputWidth + "))";
  }
}
