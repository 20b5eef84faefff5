package dev.adjoint.runtime.tape;

import java.util.Arrays;

/**
 * The compile-time tape: typed, primitive stacks on which generated adjoints keep what the reverse
 * sweep needs from a loop — values a later iteration overwrites, which arm a branch took, how many
 * times a loop ran. No boxing; the arrays grow geometrically and are kept, so a method called in a
 * hot loop stops allocating after its first calls.
 *
 * <p>Generated code takes the calling thread's tape with {@link #current()}. Adjoints nest: a
 * generated method pops everything it pushed before it returns, so one tape serves a whole call
 * tree.
 *
 * <h2>Memory</h2>
 *
 * A stack that has grown beyond {@link #retainedBytes()} (16 MiB unless set) is released when the
 * adjoint that emptied it ends ({@link #releaseIfLarge}), so one unusually long call does not leave
 * its tape behind for the life of the thread; stacks of the usual size stay and are reused. {@link
 * #maxBytes()} (unbounded unless set) bounds what a thread's tape may hold at once: a push beyond
 * it empties the tape and throws {@link TapeOverflowException}, saying what to do. Both are read
 * from the system properties {@code adjoint.tape.retainedBytes} and {@code adjoint.tape.maxBytes}
 * at start-up and can be set with {@link #setRetainedBytes} and {@link #setMaxBytes}.
 */
public final class Tape {
  private static final ThreadLocal<Tape> CURRENT = ThreadLocal.withInitial(Tape::new);
  private static final int INITIAL = 64;
  // a conservative size of a reference (uncompressed oops)
  private static final int REFERENCE_BYTES = 8;

  private static volatile long retainedBytes =
      Long.getLong("adjoint.tape.retainedBytes", 16L << 20);
  private static volatile long maxBytes = Long.getLong("adjoint.tape.maxBytes", Long.MAX_VALUE);

  private double[] doubles = new double[INITIAL];
  private int doubleTop;
  private long[] longs = new long[INITIAL];
  private int longTop;
  private int[] ints = new int[INITIAL];
  private int intTop;
  private Object[] objects = new Object[INITIAL];
  private int objectTop;

  // the most entries each stack held since the last resetPeaks()
  private int doublePeak;
  private int longPeak;
  private int intPeak;
  private int objectPeak;

  /** The calling thread's tape. */
  public static Tape current() {
    return CURRENT.get();
  }

  /** The size beyond which a stack is released when it empties. */
  public static long retainedBytes() {
    return retainedBytes;
  }

  /**
   * Sets {@link #retainedBytes()} for every thread's tape (0: release every stack that empties).
   */
  public static void setRetainedBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("Tape.setRetainedBytes: " + bytes + " is negative");
    }
    retainedBytes = bytes;
  }

  /** The most a thread's tape may hold at once. */
  public static long maxBytes() {
    return maxBytes;
  }

  /** Sets {@link #maxBytes()} for every thread's tape ({@code Long.MAX_VALUE}: no bound). */
  public static void setMaxBytes(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("Tape.setMaxBytes: " + bytes + " is not positive");
    }
    maxBytes = bytes;
  }

  public void pushDouble(double value) {
    if (doubleTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, grownLength(doubles.length, Double.BYTES));
    }
    doubles[doubleTop++] = value;
    if (doubleTop > doublePeak) {
      doublePeak = doubleTop;
    }
  }

  public double popDouble() {
    return doubles[--doubleTop];
  }

  /**
   * The double stack's array, for a generated loop that pushes or pops its doubles through two
   * locals, the array and the fill ({@link #doubleTop}), instead of through the tape's fields: the
   * loop grows the array with {@link #growDoubles} and hands the fill back with {@link
   * #setDoubleTop} when it ends. Nothing else may use the double stack in between.
   */
  public double[] doubleStack() {
    return doubles;
  }

  /** How many entries the double stack holds (see {@link #doubleStack}). */
  public int doubleTop() {
    return doubleTop;
  }

  /** Sets the double stack's fill after a loop that moved it locally (see {@link #doubleStack}). */
  public void setDoubleTop(int top) {
    if (top < 0 || top > doubles.length) {
      throw new IllegalStateException("Tape.setDoubleTop: " + top + " is outside the stack");
    }
    doubleTop = top;
    if (top > doublePeak) {
      doublePeak = top;
    }
  }

  /**
   * Grows the double stack, full with {@code top} entries, for a loop that fills it locally (see
   * {@link #doubleStack}), and returns its new array. Beyond {@link #maxBytes()} it throws {@link
   * TapeOverflowException} as a push does.
   */
  public double[] growDoubles(int top) {
    setDoubleTop(top);
    doubles = Arrays.copyOf(doubles, grownLength(doubles.length, Double.BYTES));
    return doubles;
  }

  /** Floats are kept exactly in the double stack. */
  public void pushFloat(float value) {
    pushDouble(value);
  }

  public float popFloat() {
    return (float) popDouble();
  }

  public void pushLong(long value) {
    if (longTop == longs.length) {
      longs = Arrays.copyOf(longs, grownLength(longs.length, Long.BYTES));
    }
    longs[longTop++] = value;
    if (longTop > longPeak) {
      longPeak = longTop;
    }
  }

  public long popLong() {
    return longs[--longTop];
  }

  public void pushInt(int value) {
    if (intTop == ints.length) {
      ints = Arrays.copyOf(ints, grownLength(ints.length, Integer.BYTES));
    }
    ints[intTop++] = value;
    if (intTop > intPeak) {
      intPeak = intTop;
    }
  }

  public int popInt() {
    return ints[--intTop];
  }

  public void pushBoolean(boolean value) {
    pushInt(value ? 1 : 0);
  }

  public boolean popBoolean() {
    return popInt() != 0;
  }

  /** For values the reverse sweep needs that are not primitives (a callee's partials). */
  public void pushObject(Object value) {
    if (objectTop == objects.length) {
      objects = Arrays.copyOf(objects, grownLength(objects.length, REFERENCE_BYTES));
    }
    objects[objectTop++] = value;
    if (objectTop > objectPeak) {
      objectPeak = objectTop;
    }
  }

  /** Pops an object pushed by {@link #pushObject}, typed as the caller knows it to be. */
  @SuppressWarnings("unchecked")
  public <T> T popObject() {
    T value = (T) objects[--objectTop];
    objects[objectTop] = null; // do not keep it alive
    return value;
  }

  /**
   * Releases each empty stack that has grown beyond {@link #retainedBytes()}. Generated adjoints
   * call it once their reverse sweep has run, so one unusually long call does not leave its tape
   * behind; the pops themselves do not check, which keeps them a load and a decrement in the
   * reverse sweep's loops.
   */
  public void releaseIfLarge() {
    if (doubleTop == 0 && (long) doubles.length * Double.BYTES > retainedBytes) {
      doubles = new double[INITIAL];
    }
    if (longTop == 0 && (long) longs.length * Long.BYTES > retainedBytes) {
      longs = new long[INITIAL];
    }
    if (intTop == 0 && (long) ints.length * Integer.BYTES > retainedBytes) {
      ints = new int[INITIAL];
    }
    if (objectTop == 0 && (long) objects.length * REFERENCE_BYTES > retainedBytes) {
      objects = new Object[INITIAL];
    }
  }

  /** How many entries the stacks hold in all; 0 between top-level calls. */
  public int size() {
    return doubleTop + longTop + intTop + objectTop;
  }

  /** The bytes the stacks' arrays take now (what the thread keeps alive). */
  public long capacityBytes() {
    return (long) doubles.length * Double.BYTES
        + (long) longs.length * Long.BYTES
        + (long) ints.length * Integer.BYTES
        + (long) objects.length * REFERENCE_BYTES;
  }

  /**
   * The most entries each stack held at once since the last {@link #resetPeaks()}: what a generated
   * adjoint kept for its reverse sweep. (Floats and doubles share a stack, booleans and ints
   * another.)
   */
  public Peaks peaks() {
    return new Peaks(doublePeak, longPeak, intPeak, objectPeak);
  }

  /** Starts {@link #peaks()} afresh from what the stacks hold now. */
  public void resetPeaks() {
    doublePeak = doubleTop;
    longPeak = longTop;
    intPeak = intTop;
    objectPeak = objectTop;
  }

  /** The most entries each stack held at once; see {@link #peaks()}. */
  public record Peaks(int doubles, int longs, int ints, int objects) {}

  /** How far each stack is filled: where {@link #rewind} takes the tape back to. */
  public record Mark(int doubles, int longs, int ints, int objects) {}

  /** The tape's fill now, for {@link #rewind}. */
  public Mark mark() {
    return new Mark(doubleTop, longTop, intTop, objectTop);
  }

  /**
   * Drops what was pushed since {@code mark}: a generated adjoint that finds, after its forward
   * sweep, that it cannot run its reverse sweep (a seed of the wrong length) takes its values off
   * before it throws, so that the tape stays right for its caller.
   */
  public void rewind(Mark mark) {
    if (mark.doubles() > doubleTop
        || mark.longs() > longTop
        || mark.ints() > intTop
        || mark.objects() > objectTop) {
      throw new IllegalStateException("Tape.rewind: " + mark + " is beyond the tape's " + mark());
    }
    doubleTop = mark.doubles();
    longTop = mark.longs();
    intTop = mark.ints();
    Arrays.fill(objects, mark.objects(), objectTop, null);
    objectTop = mark.objects();
  }

  /**
   * Drops what was pushed since {@code mark} when an exception escapes a generated adjoint: its
   * catch path calls this before rethrowing, so that the thread's tape is as the adjoint found it.
   * Unlike {@link #rewind} it does not complain about a stack already below the mark — an overflow
   * on the way emptied the tape ({@link TapeOverflowException}), and that exception, not one about
   * the mark, is what must reach the caller. A loop that moved the double stack's fill into locals
   * ({@link #doubleStack}) and did not hand it back is covered too: the fill is set from the mark.
   */
  public void unwind(Mark mark) {
    doubleTop = Math.min(doubleTop, mark.doubles());
    longTop = Math.min(longTop, mark.longs());
    intTop = Math.min(intTop, mark.ints());
    int objects = Math.min(objectTop, mark.objects());
    Arrays.fill(this.objects, objects, objectTop, null);
    objectTop = objects;
  }

  /**
   * Empties the tape. Generated code never needs it; a caller that caught an exception thrown in
   * the middle of an adjoint may call it to drop what that adjoint had pushed.
   */
  public void clear() {
    doubleTop = 0;
    longTop = 0;
    intTop = 0;
    Arrays.fill(objects, 0, objectTop, null);
    objectTop = 0;
    if (capacityBytes() > retainedBytes) {
      doubles = new double[INITIAL];
      longs = new long[INITIAL];
      ints = new int[INITIAL];
      objects = new Object[INITIAL];
    }
  }

  // the doubled length of a full stack of `length` elements of `elementBytes` each, if the tape
  // may grow that far
  private int grownLength(int length, int elementBytes) {
    long grown = (long) length * 2;
    long total = capacityBytes() + (grown - length) * elementBytes;
    if (total > maxBytes || grown > Integer.MAX_VALUE - 8) {
      long held = capacityBytes();
      clear();
      throw new TapeOverflowException(
          "the compile-time tape of thread '"
              + Thread.currentThread().getName()
              + "' would grow from "
              + mib(held)
              + " to "
              + mib(total)
              + ", beyond its bound of "
              + mib(Math.min(maxBytes, Integer.MAX_VALUE * (long) elementBytes))
              + ": the adjoint being run keeps values for every pass of a long loop. Raise the"
              + " bound (Tape.setMaxBytes, or -Dadjoint.tape.maxBytes=<bytes>), or run the loop"
              + " as several calls of a @Differentiable method that each take part of it"
              + " (checkpointing). The tape has been emptied.");
    }
    return (int) grown;
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
