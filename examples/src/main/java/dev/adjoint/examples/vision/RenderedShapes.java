package dev.adjoint.examples.vision;

import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * A data set the example draws itself: 16×16 grey images of four shapes (a square outline, a disc,
 * a plus, a triangle), each at a random place and size and brightness, under Gaussian noise.
 * Telling them apart needs local features (edges, corners, strokes) wherever the shape lies: the
 * job convolutions and pooling do.
 */
public final class RenderedShapes {
  public static final int SIZE = 16;
  public static final String[] CLASSES = {"square", "disc", "plus", "triangle"};

  private RenderedShapes() {}

  /** Images [n, 1, 16, 16] (float32) and their classes [n] (int64). */
  public record Batch(Tensor images, Tensor labels) {
    public int size() {
      return labels.numel();
    }

    /** The examples {@code from} to {@code to} (exclusive), sharing storage. */
    public Batch slice(int from, int to) {
      return new Batch(images.slice(0, from, to), labels.slice(0, from, to));
    }
  }

  /** {@code n} images, the classes in turn, all drawn from {@code seed}. */
  public static Batch generate(int n, long seed) {
    Generator gen = new Generator(seed);
    float[] pixels = new float[n * SIZE * SIZE];
    long[] labels = new long[n];
    for (int i = 0; i < n; i++) {
      int shape = i % CLASSES.length;
      labels[i] = shape;
      draw(shape, gen, pixels, i * SIZE * SIZE);
    }
    Tensor images = Tensor.fromArray(pixels, n, 1, SIZE, SIZE);
    return new Batch(images, Tensor.ofLongs(labels));
  }

  private static void draw(int shape, Generator gen, float[] out, int offset) {
    double half = 3 + 2.5 * gen.nextUniform(); // 3 to 5.5 pixels from the centre to the edge
    double cy = half + (SIZE - 1 - 2 * half) * gen.nextUniform();
    double cx = half + (SIZE - 1 - 2 * half) * gen.nextUniform();
    double brightness = 0.6 + 0.4 * gen.nextUniform();
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        double dy = y - cy;
        double dx = x - cx;
        boolean on =
            switch (shape) {
              case 0 -> { // outline: the ring between the square of side 2·half and a smaller one
                double d = Math.max(Math.abs(dx), Math.abs(dy));
                yield d <= half && d >= half - 1.2;
              }
              case 1 -> dx * dx + dy * dy <= half * half;
              case 2 ->
                  (Math.abs(dx) <= 0.8 && Math.abs(dy) <= half)
                      || (Math.abs(dy) <= 0.8 && Math.abs(dx) <= half);
              case 3 -> Math.abs(dy) <= half && Math.abs(dx) <= (dy + half) / 2; // apex up
              default -> throw new IllegalArgumentException("no shape " + shape);
            };
        out[offset + y * SIZE + x] = (float) ((on ? brightness : 0) + 0.2 * gen.nextGaussian());
      }
    }
  }
}
