package dev.adjoint.corpus;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * One corpus function as the tests see it: how to call the primal and the generated adjoint on a
 * point {@code x} (the function's floating-point arguments, in order), where it is smooth, and
 * which arguments have a partial.
 *
 * @param name shown in test names
 * @param domain boxes of arguments where the function is smooth; random points are drawn from them
 * @param layout how {@code x} splits into scalar and array arguments
 * @param wrt for each partial of the generated record, in order (an array's partials flattened),
 *     the index in {@code x} of its coordinate
 * @param precision {@link Precision#FLOAT} for {@code float} functions: points are rounded to float
 *     and tolerances are float's
 * @param primal the original method
 * @param reference what finite differences run on: the primal itself for {@code double} functions,
 *     the {@code double} counterpart for {@code float} ones
 * @param gradient the generated value-and-partials method
 * @param pullback the generated seeded overload
 * @param accumulate the generated form that adds into the caller's arrays, for functions of arrays;
 *     null otherwise
 */
record CorpusEntry(
    String name,
    Domain domain,
    Layout layout,
    int[] wrt,
    Precision precision,
    Primal primal,
    Primal reference,
    Function<double[], Record> gradient,
    Pullback pullback,
    Accumulate accumulate) {

  /** The floating-point type a corpus function computes in. */
  enum Precision {
    DOUBLE,
    FLOAT
  }

  /** A function of the point's arguments. */
  @FunctionalInterface
  interface Primal {
    double at(double[] x);
  }

  /** The seeded overload; {@code float} entries narrow the seed themselves. */
  @FunctionalInterface
  interface Pullback {
    Record at(double[] x, double seed);
  }

  /** The accumulating form: adds seed × partials into {@code into}, returns the value. */
  @FunctionalInterface
  interface Accumulate {
    double at(double[] x, double seed, Arguments.AdjointArrays into);
  }

  /** A function of arrays, called on a point split into its arguments. */
  @FunctionalInterface
  interface ArrayPrimal {
    double at(Arguments args);
  }

  @FunctionalInterface
  interface ArrayGradient {
    Record at(Arguments args);
  }

  @FunctionalInterface
  interface ArrayPullback {
    Record at(Arguments args, double seed);
  }

  @FunctionalInterface
  interface ArrayAccumulate {
    double at(Arguments args, double seed, Arguments.AdjointArrays into);
  }

  /**
   * A {@code double} function of scalars and arrays, differentiated with respect to every
   * coordinate.
   */
  static CorpusEntry ofArrays(
      String name,
      Layout layout,
      Domain domain,
      ArrayPrimal primal,
      ArrayGradient gradient,
      ArrayPullback pullback,
      ArrayAccumulate accumulate) {
    return ofArrays(
        name, layout, domain, Precision.DOUBLE, primal, primal, gradient, pullback, accumulate);
  }

  /** A {@code float} function of arrays, checked against differences of its double counterpart. */
  static CorpusEntry ofFloatArrays(
      String name,
      Layout layout,
      Domain domain,
      ArrayPrimal primal,
      ArrayPrimal doubleCounterpart,
      ArrayGradient gradient,
      ArrayPullback pullback,
      ArrayAccumulate accumulate) {
    return ofArrays(
        name,
        layout,
        domain,
        Precision.FLOAT,
        primal,
        doubleCounterpart,
        gradient,
        pullback,
        accumulate);
  }

  private static CorpusEntry ofArrays(
      String name,
      Layout layout,
      Domain domain,
      Precision precision,
      ArrayPrimal primal,
      ArrayPrimal reference,
      ArrayGradient gradient,
      ArrayPullback pullback,
      ArrayAccumulate accumulate) {
    if (layout.arity() != domain.arity()) {
      throw new IllegalArgumentException(name + ": layout and domain differ in arity");
    }
    return new CorpusEntry(
        name,
        domain,
        layout,
        IntStream.range(0, domain.arity()).toArray(),
        precision,
        x -> primal.at(new Arguments(layout, x)),
        x -> reference.at(new Arguments(layout, x)),
        x -> gradient.at(new Arguments(layout, x)),
        (x, seed) -> pullback.at(new Arguments(layout, x), seed),
        accumulate == null
            ? null
            : (x, seed, into) -> accumulate.at(new Arguments(layout, x), seed, into));
  }

  /** A {@code double} function differentiated with respect to every argument. */
  static CorpusEntry of(
      String name,
      Domain domain,
      Primal primal,
      Function<double[], Record> gradient,
      Pullback pullback) {
    return new CorpusEntry(
        name,
        domain,
        Layout.scalars(domain.arity()),
        IntStream.range(0, domain.arity()).toArray(),
        Precision.DOUBLE,
        primal,
        primal,
        gradient,
        pullback,
        null);
  }

  /** A {@code float} function, checked against differences of its {@code double} counterpart. */
  static CorpusEntry ofFloat(
      String name,
      Domain domain,
      Primal primal,
      Primal doubleCounterpart,
      Function<double[], Record> gradient,
      Pullback pullback) {
    return new CorpusEntry(
        name,
        domain,
        Layout.scalars(domain.arity()),
        IntStream.range(0, domain.arity()).toArray(),
        Precision.FLOAT,
        primal,
        doubleCounterpart,
        gradient,
        pullback,
        null);
  }

  /**
   * The same function with partials for the given coordinates only, in this order (for an array
   * argument, the indices of all its elements).
   */
  CorpusEntry wrt(int... indices) {
    return new CorpusEntry(
        name,
        domain,
        layout,
        indices,
        precision,
        primal,
        reference,
        gradient,
        pullback,
        accumulate);
  }

  /** {@code count} points drawn from the domain, the same ones every run. */
  List<double[]> points(int count) {
    Random random = new Random(name.hashCode());
    return IntStream.range(0, count)
        .mapToObj(
            i -> {
              double[] x = domain.boxes().get(i % domain.boxes().size()).draw(random);
              if (precision == Precision.FLOAT) {
                for (int j = 0; j < x.length; j++) {
                  x[j] = (float) x[j];
                }
              }
              return x;
            })
        .toList();
  }

  @Override
  public String toString() {
    return name + " wrt " + Arrays.toString(wrt);
  }

  /** A union of axis-aligned boxes, all of the same arity. */
  record Domain(List<Box> boxes) {
    int arity() {
      return boxes.get(0).lo().length;
    }

    /** The cube [lo, hi]^arity. */
    static Domain cube(int arity, double lo, double hi) {
      double[] los = new double[arity];
      double[] his = new double[arity];
      Arrays.fill(los, lo);
      Arrays.fill(his, hi);
      return new Domain(List.of(new Box(los, his)));
    }

    /** One box from bounds given as lo₀, hi₀, lo₁, hi₁, … */
    static Domain box(double... bounds) {
      return new Domain(List.of(Box.of(bounds)));
    }

    /** This domain and another box, bounds as for {@link #box}. */
    Domain or(double... bounds) {
      return new Domain(
          java.util.stream.Stream.concat(boxes.stream(), java.util.stream.Stream.of(Box.of(bounds)))
              .toList());
    }
  }

  /** [lo₀, hi₀] × [lo₁, hi₁] × … */
  record Box(double[] lo, double[] hi) {
    static Box of(double... bounds) {
      double[] lo = new double[bounds.length / 2];
      double[] hi = new double[bounds.length / 2];
      for (int i = 0; i < lo.length; i++) {
        lo[i] = bounds[2 * i];
        hi[i] = bounds[2 * i + 1];
      }
      return new Box(lo, hi);
    }

    double[] draw(Random random) {
      double[] x = new double[lo.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = lo[i] + (hi[i] - lo[i]) * random.nextDouble();
      }
      return x;
    }
  }
}
