package dev.adjoint.processor.fuzz;

import java.util.Arrays;
import java.util.Random;

/** Shape arithmetic for {@link TensorPrograms}: the operand shapes that give a wanted shape. */
final class ShapeDraws {
  private ShapeDraws() {}

  static int numel(int[] shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  static int[] insert(int[] shape, int dim, int size) {
    int[] s = new int[shape.length + 1];
    for (int d = 0, j = 0; d < s.length; d++) {
      s[d] = d == dim ? size : shape[j++];
    }
    return s;
  }

  static int[] remove(int[] shape, int dim) {
    int[] s = new int[shape.length - 1];
    for (int d = 0, j = 0; d < shape.length; d++) {
      if (d != dim) {
        s[j++] = shape[d];
      }
    }
    return s;
  }

  /** A shape that broadcasts to {@code shape}: leading dimensions dropped, others set to 1. */
  static int[] broadcastOperand(int[] shape, Random random) {
    int drop = random.nextBoolean() ? 0 : random.nextInt(shape.length + 1);
    int[] s = Arrays.copyOfRange(shape, drop, shape.length);
    for (int d = 0; d < s.length; d++) {
      if (random.nextInt(3) == 0) {
        s[d] = 1;
      }
    }
    return s;
  }

  /** A shape with the same number of elements: flattened, permuted, split in two, or with ones. */
  static int[] sameSize(int[] shape, Random random) {
    int n = numel(shape);
    return switch (random.nextInt(4)) {
      case 0 -> new int[] {n};
      case 1 -> {
        int[] s = shape.clone();
        shuffle(s, random);
        yield s;
      }
      case 2 -> {
        int f = smallestFactor(n);
        yield random.nextBoolean() ? new int[] {f, n / f} : new int[] {n / f, 1, f};
      }
      default -> insert(shape, random.nextInt(shape.length + 1), 1);
    };
  }

  /** A random permutation of {@code 0 … rank-1}. */
  static int[] permutation(int rank, Random random) {
    int[] order = new int[rank];
    for (int d = 0; d < rank; d++) {
      order[d] = d;
    }
    shuffle(order, random);
    return order;
  }

  /** {@code dim} of a tensor of rank {@code rank}, sometimes written as negative. */
  static int maybeNegative(int dim, int rank, Random random) {
    return random.nextInt(3) == 0 ? dim - rank : dim;
  }

  private static int smallestFactor(int n) {
    for (int f = 2; f * f <= n; f++) {
      if (n % f == 0) {
        return f;
      }
    }
    return n;
  }

  private static void shuffle(int[] s, Random random) {
    for (int i = s.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = s[i];
      s[i] = s[j];
      s[j] = t;
    }
  }
}
