package dev.adjoint.bench.cnn;

/**
 * The convolutions of torchvision's ResNet-18 on a 64 × 64 input, one constant per distinct shape,
 * with how often the network has it. None has a bias (each is followed by batch norm); the first
 * one's input is the data, which needs no gradient.
 */
public enum ResNetConvLayer {
  CONV1(3, 64, 7, 2, 3, 64, 1),
  LAYER1(64, 64, 3, 1, 1, 16, 4),
  LAYER2_FIRST(64, 128, 3, 2, 1, 16, 1),
  LAYER2_DOWNSAMPLE(64, 128, 1, 2, 0, 16, 1),
  LAYER2(128, 128, 3, 1, 1, 8, 3),
  LAYER3_FIRST(128, 256, 3, 2, 1, 8, 1),
  LAYER3_DOWNSAMPLE(128, 256, 1, 2, 0, 8, 1),
  LAYER3(256, 256, 3, 1, 1, 4, 3),
  LAYER4_FIRST(256, 512, 3, 2, 1, 4, 1),
  LAYER4_DOWNSAMPLE(256, 512, 1, 2, 0, 4, 1),
  LAYER4(512, 512, 3, 1, 1, 2, 3);

  public final int inChannels;
  public final int outChannels;
  public final int kernel;
  public final int stride;
  public final int padding;

  /** Height and width of the input. */
  public final int size;

  /** How many convolutions of this shape ResNet-18 has. */
  public final int count;

  ResNetConvLayer(
      int inChannels, int outChannels, int kernel, int stride, int padding, int size, int count) {
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.size = size;
    this.count = count;
  }

  /** Whether the input needs a gradient (every layer but the first, which reads the data). */
  public boolean inputGradient() {
    return this != CONV1;
  }

  /** Output height and width. */
  public int outputSize() {
    return (size + 2 * padding - kernel) / stride + 1;
  }

  /**
   * The layers named by {@code name}: one constant's name gives that layer once, {@code NETWORK}
   * every layer as often as ResNet-18 has it.
   */
  public static java.util.List<ResNetConvLayer> named(String name) {
    java.util.List<ResNetConvLayer> out = new java.util.ArrayList<>();
    for (ResNetConvLayer l : values()) {
      if (name.equals("NETWORK")) {
        for (int i = 0; i < l.count; i++) {
          out.add(l);
        }
      } else if (name.equals(l.name())) {
        out.add(l);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown layer '"
              + name
              + "'; use NETWORK or one of "
              + java.util.Arrays.toString(values()));
    }
    return out;
  }

  /** Multiply-adds of the forward convolution for a batch. */
  public long macs(int batch) {
    long pixels = (long) outputSize() * outputSize() * batch;
    return pixels * outChannels * inChannels * kernel * kernel;
  }
}
