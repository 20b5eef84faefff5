package dev.adjoint.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad argument of {@link Functional}'s operations, and the exact message it gets. */
class FunctionalErrorsTest {
  private static final Tensor X = Tensor.zeros(2, 3, 5, 5);
  private static final Tensor W = Tensor.zeros(4, 3, 3, 3);
  private static final int[] ONE = {1};
  private static final int[] ZERO = {0};

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void conv2dRejectsNonPositiveStrideNegativePaddingAndBadGroups() {
    assertMessage(
        "conv2d: stride, dilation and groups must be positive and padding non-negative, got stride"
            + " (0, 1), padding (0, 0), dilation (1, 1), groups 1",
        () -> Functional.conv2d(X, W, null, new int[] {0, 1}, ZERO, ONE, 1));
    assertMessage(
        "conv2d: stride, dilation and groups must be positive and padding non-negative, got stride"
            + " (1, 1), padding (-1, -1), dilation (1, 1), groups 1",
        () -> Functional.conv2d(X, W, null, ONE, new int[] {-1}, ONE, 1));
    assertMessage(
        "conv2d: stride, dilation and groups must be positive and padding non-negative, got stride"
            + " (1, 1), padding (0, 0), dilation (1, 1), groups 0",
        () -> Functional.conv2d(X, W, null, ONE, ZERO, ONE, 0));
  }

  @Test
  void conv2dRejectsSizeArgumentsOfThreeValues() {
    assertMessage(
        "conv2d: padding must be one value or two (height, width), got [1, 1, 1]",
        () -> Functional.conv2d(X, W, null, ONE, new int[] {1, 1, 1}, ONE, 1));
  }

  @Test
  void conv2dRejectsInputsOfTheWrongRank() {
    assertMessage(
        "conv2d: expected a 4-D input [N, C, H, W] (or 3-D [C, H, W]) and a 4-D weight [O,"
            + " C/groups, kH, kW], got input [5, 5], weight [4, 3, 3, 3]",
        () -> Functional.conv2d(Tensor.zeros(5, 5), W, null));
    assertMessage(
        "conv2d: expected a 4-D input [N, C, H, W] (or 3-D [C, H, W]) and a 4-D weight [O,"
            + " C/groups, kH, kW], got input [2, 3, 5, 5], weight [4, 3, 3]",
        () -> Functional.conv2d(X, Tensor.zeros(4, 3, 3), null));
  }

  @Test
  void conv2dRejectsMismatchedTypes() {
    assertMessage(
        "conv2d: input is float32 but weight is float64; convert one with .to(...)",
        () -> Functional.conv2d(X, W.to(DType.FLOAT64), null));
    assertMessage(
        "conv2d: input is float32 but bias is float64; convert one with .to(...)",
        () -> Functional.conv2d(X, W, Tensor.zeros(DType.FLOAT64, 4)));
    assertMessage(
        "conv2d: input must be floating point, got int64",
        () -> Functional.conv2d(X.to(DType.INT64), W, null));
  }

  @Test
  void conv2dRejectsChannelsThatDoNotMatchTheGroups() {
    assertMessage(
        "conv2d: the 4 output channels of weight [4, 1, 3, 3] are not divisible by groups = 3",
        () -> Functional.conv2d(X, Tensor.zeros(4, 1, 3, 3), null, ONE, ZERO, ONE, 3));
    assertMessage(
        "conv2d: input [2, 3, 5, 5], weight [4, 2, 3, 3], groups = 2: the input has 3 channels,"
            + " the weight expects 2 × 2 = 4",
        () -> Functional.conv2d(X, Tensor.zeros(4, 2, 3, 3), null, ONE, ZERO, ONE, 2));
  }

  @Test
  void conv2dRejectsABiasOfTheWrongShape() {
    assertMessage(
        "conv2d: bias of shape [3] must be [4], one value per output channel of weight [4, 3, 3,"
            + " 3]",
        () -> Functional.conv2d(X, W, Tensor.zeros(3)));
  }

  @Test
  void conv2dRejectsAKernelLargerThanThePaddedInput() {
    assertMessage(
        "conv2d: the kernel 3 x 3 with dilation (4, 1) spans 9 x 3, more than the padded input 7"
            + " x 5 (input [2, 3, 5, 5], weight [4, 3, 3, 3], padding (1, 0)); pad the input or use"
            + " a smaller kernel",
        () -> Functional.conv2d(X, W, null, ONE, new int[] {1, 0}, new int[] {4, 1}, 1));
  }

  @Test
  void poolingRejectsInputsOfTheWrongRankOrWithoutPixels() {
    assertMessage(
        "maxPool2d: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input, got [5, 5]",
        () -> Functional.maxPool2d(Tensor.zeros(5, 5), 2, 2, 0));
    assertMessage(
        "avgPool2d: the input [2, 0, 5] has no rows or no columns to pool",
        () -> Functional.avgPool2d(Tensor.zeros(2, 0, 5), 2, 2, 0));
    assertMessage(
        "maxPool2d: input must be floating point, got int64",
        () -> Functional.maxPool2d(X.to(DType.INT64), 2, 2, 0));
  }

  @Test
  void poolingRejectsNonPositiveKernelsAndTooMuchPadding() {
    assertMessage(
        "maxPool2d: kernel size, stride and dilation must be positive, got kernel (0, 0), stride"
            + " (1, 1), dilation (1, 1)",
        () -> Functional.maxPool2d(X, 0, 1, 0));
    assertMessage(
        "avgPool2d: padding must be non-negative and at most half the kernel size, got padding (2,"
            + " 2) for kernel (3, 3)",
        () -> Functional.avgPool2d(X, 3, 1, 2));
    assertMessage(
        "maxPool2d: stride must be one value or two (height, width), got [1, 2, 3]",
        () -> Functional.maxPool2d(X, ONE, new int[] {1, 2, 3}, ZERO, ONE, false));
  }

  @Test
  void poolingRejectsAnEmptyOutput() {
    assertMessage(
        "maxPool2d: the window (kernel (3, 3), dilation (3, 3)) spans 7 x 7, more than the padded"
            + " input 5 x 5 (input [2, 3, 5, 5], padding (0, 0)): the output would be empty",
        () -> Functional.maxPool2d(X, new int[] {3}, ONE, ZERO, new int[] {3}, false));
  }

  @Test
  void adaptivePoolingRejectsAnEmptyOutput() {
    assertMessage(
        "adaptiveAvgPool2d: the output size must be positive, got 0 x 2 for input [2, 3, 5, 5]",
        () -> Functional.adaptiveAvgPool2d(X, 0, 2));
  }

  @Test
  void batchNormRejectsStatisticsOfTheWrongLength() {
    Tensor c3 = Tensor.ones(3);
    assertMessage(
        "batchNorm: runningMean of shape [4] does not match the 3 channels of input [2, 3, 5, 5];"
            + " expected [3]",
        () -> Functional.batchNorm(X, Tensor.zeros(4), c3, null, null, true, 0.1, 1e-5));
    assertMessage(
        "batchNorm: weight of shape [3, 1] does not match the 3 channels of input [2, 3, 5, 5];"
            + " expected [3]",
        () -> Functional.batchNorm(X, null, null, Tensor.ones(3, 1), null, true, 0.1, 1e-5));
    assertMessage(
        "batchNorm: input is float32 but bias is float64; convert one with .to(...)",
        () ->
            Functional.batchNorm(
                X, null, null, null, Tensor.zeros(DType.FLOAT64, 3), true, 0.1, 1e-5));
  }

  @Test
  void batchNormRejectsBadInputsAndModes() {
    assertMessage(
        "batchNorm: expected an input [N, C, ...] of at least 2 dimensions, got [3]",
        () -> Functional.batchNorm(Tensor.zeros(3), null, null, null, null, true, 0.1, 1e-5));
    assertMessage(
        "batchNorm: eps must be a finite number ≥ 0, got -1.0",
        () -> Functional.batchNorm(X, null, null, null, null, true, 0.1, -1));
    assertMessage(
        "batchNorm: evaluation (training = false) normalises by the running mean and variance, but"
            + " runningVar is null; pass both, or use training = true",
        () -> Functional.batchNorm(X, Tensor.zeros(3), null, null, null, false, 0.1, 1e-5));
    assertMessage(
        "batchNorm: expected more than 1 value per channel when training, got input of shape [1,"
            + " 3, 1, 1]",
        () ->
            Functional.batchNorm(
                Tensor.zeros(1, 3, 1, 1), null, null, null, null, true, 0.1, 1e-5));
  }

  @Test
  void dropoutRejectsAProbabilityOutsideZeroToOne() {
    assertMessage(
        "dropout: probability has to be between 0 and 1, but got 1.5",
        () -> Functional.dropout(X, 1.5, true, new Generator(0)));
    assertMessage(
        "dropout: probability has to be between 0 and 1, but got NaN",
        () -> Functional.dropout(X, Double.NaN, true, new Generator(0)));
  }

  @Test
  void flattenRejectsAStartAfterTheEnd() {
    assertMessage(
        "flatten: startDim 2 comes after endDim 1 for a tensor of shape [2, 3, 5, 5]",
        () -> X.flatten(2, 1));
  }
}
