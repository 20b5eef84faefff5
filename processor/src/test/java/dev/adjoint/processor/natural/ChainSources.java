package dev.adjoint.processor.natural;

/**
 * Pieces of the long test methods: a chain of statements each defining a local from the three
 * before it, contractive so that the gradient stays of order one however long the chain, and the
 * loops and branches mixed into it.
 */
final class ChainSources {
  private ChainSources() {}

  /**
   * {@code double vK = ...} of about ten operations on the three previous locals and the inputs
   * {@code p}, {@code q}, {@code r}; the partial with respect to each previous local is at most
   * ~0.4 in size.
   */
  static String statement(int k, String p, String q, String r) {
    return String.format(
        "    double v%d = 0.3 * Math.sin(v%d * %s + %d.0) + 0.1 * Math.cos(%s - v%d)"
            + " - 0.01 * v%d * v%d + 0.1 * Math.exp(-%s * %s);%n",
        k, k - 1, p, k % 5, q, k - 2, k - 3, k - 3, r, r);
  }

  /** A loop of {@code passes} passes folding {@code vK} and {@code w[i % 4]} into {@code acc}. */
  static String accumulatingLoop(int k, String passes) {
    return String.format(
        "    for (int i = 0; i < %s; i++) {%n"
            + "      acc = 0.9 * acc + 0.1 * Math.sin(v%d * w[i %% 4]);%n"
            + "    }%n",
        passes, k);
  }

  /** A branch on the sign of {@code vK}, adding to {@code acc} differently on each arm. */
  static String branch(int k) {
    return String.format(
        "    if (v%d > 0) {%n      acc += 0.5 * v%d;%n    } else {%n      acc -= 0.25 * v%d * v%d;%n"
            + "    }%n",
        k, k, k, k);
  }
}
