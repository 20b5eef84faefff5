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
 */
public final class Tape {
  private static final ThreadLocal<Tape> CURRENT = ThreadLocal.withInitial(Tape::new);

  private double[] doubles = new double[64];
  private int doubleTop;
  private long[] longs = new long[64];
  private int longTop;
  private int[] ints = new int[64];
  private int intTop;
  private Object[] objects = new Object[16];
  private int objectTop;

  /** The calling thread's tape. */
  public static Tape current() {
    return CURRENT.get();
  }

  public void pushDouble(double value) {
    if (doubleTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    doubles[doubleTop++] = value;
  }

  public double popDouble() {
    return doubles[--doubleTop];
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
      longs = Arrays.copyOf(longs, longs.length * 2);
    }
    longs[longTop++] = value;
  }

  public long popLong() {
    return longs[--longTop];
  }

  public void pushInt(int value) {
    if (intTop == ints.length) {
      ints = Arrays.copyOf(ints, ints.length * 2);
    }
    ints[intTop++] = value;
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
      objects = Arrays.copyOf(objects, objects.length * 2);
    }
    objects[objectTop++] = value;
  }

  /** Pops an object pushed by {@link #pushObject}, typed as the caller knows it to be. */
  @SuppressWarnings("unchecked")
  public <T> T popObject() {
    T value = (T) objects[--objectTop];
    objects[objectTop] = null; // do not keep it alive
    return value;
  }

  /** How many entries the stacks hold in all; 0 between top-level calls. */
  public int size() {
    return doubleTop + longTop + intTop + objectTop;
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
  }
}
