package dev.adjoint.runtime.tensor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The flat heap array under one or more tensors (a tensor and its views share one storage), or, as
 * {@link DeviceStorage}, a block of a GPU's memory.
 *
 * <p>It also carries the <em>version counter</em>: every in-place write bumps it, and the tape
 * compares it with the version it saw when it saved a tensor for backward, so that an in-place
 * change of a saved value is an error instead of a silently wrong gradient. Views share the counter
 * because they share the data.
 *
 * <p>Kernels read and write elements as {@code double}; a {@code float32} storage rounds on every
 * write, which gives the same result as computing in {@code float} for {@code + - * /} and {@code
 * sqrt} (double has more than twice float's precision).
 */
public abstract sealed class Storage
    permits Storage.Float32, Storage.Float64, Storage.Int64, Storage.Bool, DeviceStorage {
  private static final AtomicLong SERIALS = new AtomicLong();

  private int version;

  /** Allocation order: a storage made after {@link #lastSerial()} returned x has a larger one. */
  private final long serial = SERIALS.incrementAndGet();

  private boolean adopted;

  Storage() {}

  /** The serial of the latest storage made so far (see {@link #serial()}). */
  public static long lastSerial() {
    return SERIALS.get();
  }

  /**
   * This storage's place in allocation order. Backward uses it to tell gradients it computed itself
   * (made after it started, so nothing outside can hold them) from tensors that existed before.
   */
  public long serial() {
    return serial;
  }

  /**
   * Marks this storage as taken over by a leaf's gradient; false if it already was (the same
   * computed gradient reaching two leaves is then copied for the second).
   */
  public boolean adopt() {
    if (adopted) {
      return false;
    }
    adopted = true;
    return true;
  }

  /**
   * Told of every storage made on the heap, for measurements (how many bytes of tensors are alive
   * at once, see the benchmarks' {@code LiveTensorBytes}); none is installed unless a measurement
   * installs one.
   */
  public interface Observer {
    void made(Storage storage);
  }

  private static Observer observer;

  /** Installs {@code o} (null: none) to be told of every heap storage made from now on. */
  public static void observe(Observer o) {
    observer = o;
  }

  private static Storage made(Storage s) {
    Observer o = observer;
    if (o != null) {
      o.made(s);
    }
    return s;
  }

  /** A zero-filled storage of {@code size} elements of {@code dtype}. */
  public static Storage allocate(DType dtype, int size) {
    return made(
        switch (dtype) {
          case FLOAT32 -> new Float32(new float[size]);
          case FLOAT64 -> new Float64(new double[size]);
          case INT64 -> new Int64(new long[size]);
          case BOOL -> new Bool(new boolean[size]);
        });
  }

  /** Wraps {@code data} without copying. */
  public static Storage wrap(float[] data) {
    return made(new Float32(data));
  }

  /** Wraps {@code data} without copying. */
  public static Storage wrap(double[] data) {
    return made(new Float64(data));
  }

  /** Wraps {@code data} without copying. */
  public static Storage wrap(long[] data) {
    return made(new Int64(data));
  }

  public abstract DType dtype();

  /** Where the elements live: the host for the heap arrays, a GPU for {@link DeviceStorage}. */
  public Device device() {
    return Device.cpu();
  }

  public abstract int size();

  public abstract double get(int index);

  public abstract void set(int index, double value);

  /** Sets {@code count} elements from {@code from} to {@code value}. */
  public abstract void fill(int from, int count, double value);

  /** How many in-place writes this storage has seen. */
  public int version() {
    return version;
  }

  /** Records an in-place write; called by every operation that mutates a tensor. */
  public void bumpVersion() {
    version++;
  }

  /** The {@code float32} backing array (no copy). */
  public float[] floats() {
    throw new IllegalStateException("storage is " + dtype().displayName() + ", not float32");
  }

  /** The {@code float64} backing array (no copy). */
  public double[] doubles() {
    throw new IllegalStateException("storage is " + dtype().displayName() + ", not float64");
  }

  /** The {@code int64} backing array (no copy). */
  public long[] longs() {
    throw new IllegalStateException("storage is " + dtype().displayName() + ", not int64");
  }

  /** The {@code bool} backing array (no copy). */
  public boolean[] booleans() {
    throw new IllegalStateException("storage is " + dtype().displayName() + ", not bool");
  }

  /** {@code float32} storage. */
  public static final class Float32 extends Storage {
    private final float[] data;

    Float32(float[] data) {
      this.data = data;
    }

    @Override
    public DType dtype() {
      return DType.FLOAT32;
    }

    @Override
    public int size() {
      return data.length;
    }

    @Override
    public double get(int index) {
      return data[index];
    }

    @Override
    public void set(int index, double value) {
      data[index] = (float) value;
    }

    @Override
    public void fill(int from, int count, double value) {
      Arrays.fill(data, from, from + count, (float) value);
    }

    @Override
    public float[] floats() {
      return data;
    }
  }

  /** {@code float64} storage. */
  public static final class Float64 extends Storage {
    private final double[] data;

    Float64(double[] data) {
      this.data = data;
    }

    @Override
    public DType dtype() {
      return DType.FLOAT64;
    }

    @Override
    public int size() {
      return data.length;
    }

    @Override
    public double get(int index) {
      return data[index];
    }

    @Override
    public void set(int index, double value) {
      data[index] = value;
    }

    @Override
    public void fill(int from, int count, double value) {
      Arrays.fill(data, from, from + count, value);
    }

    @Override
    public double[] doubles() {
      return data;
    }
  }

  /** {@code int64} storage; values are exact up to 2⁵³ when read as {@code double}. */
  public static final class Int64 extends Storage {
    private final long[] data;

    Int64(long[] data) {
      this.data = data;
    }

    @Override
    public DType dtype() {
      return DType.INT64;
    }

    @Override
    public int size() {
      return data.length;
    }

    @Override
    public double get(int index) {
      return data[index];
    }

    @Override
    public void set(int index, double value) {
      data[index] = (long) value;
    }

    @Override
    public void fill(int from, int count, double value) {
      Arrays.fill(data, from, from + count, (long) value);
    }

    @Override
    public long[] longs() {
      return data;
    }
  }

  /** {@code bool} storage; reads as 0 or 1, any non-zero write is {@code true}. */
  public static final class Bool extends Storage {
    private final boolean[] data;

    Bool(boolean[] data) {
      this.data = data;
    }

    @Override
    public DType dtype() {
      return DType.BOOL;
    }

    @Override
    public int size() {
      return data.length;
    }

    @Override
    public double get(int index) {
      return data[index] ? 1 : 0;
    }

    @Override
    public void set(int index, double value) {
      data[index] = value != 0;
    }

    @Override
    public void fill(int from, int count, double value) {
      Arrays.fill(data, from, from + count, value != 0);
    }

    @Override
    public boolean[] booleans() {
      return data;
    }
  }
}
