package dev.adjoint.runtime.backend.cuda;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Host tensors as the bytes device memory holds (row-major, {@link DType#byteSize()} per element,
 * native byte order; {@code bool} as one byte 0 or 1) and back.
 */
final class HostArrays {
  private HostArrays() {}

  /** The elements of a host tensor, row-major, as device-layout bytes. */
  static MemorySegment bytesOf(Tensor t) {
    Tensor c = t.contiguous();
    int n = c.numel();
    Storage s = c.storage();
    if (c.offset() == 0 && n == s.size()) {
      switch (c.dtype()) {
        case FLOAT32 -> {
          return MemorySegment.ofArray(s.floats());
        }
        case FLOAT64 -> {
          return MemorySegment.ofArray(s.doubles());
        }
        default -> {
          // element by element below
        }
      }
    }
    MemorySegment out = Arena.ofAuto().allocate(Math.max(1L, (long) n * c.dtype().byteSize()), 8);
    for (int i = 0; i < n; i++) {
      put(out, c.dtype(), i, s.get(c.offset() + i));
    }
    return out;
  }

  static void put(MemorySegment segment, DType dtype, int index, double value) {
    switch (dtype) {
      case BOOL -> segment.set(JAVA_BYTE, index, (byte) (value != 0 ? 1 : 0));
      case INT64 -> segment.setAtIndex(JAVA_LONG, index, (long) value);
      case FLOAT32 -> segment.setAtIndex(JAVA_FLOAT, index, (float) value);
      case FLOAT64 -> segment.setAtIndex(JAVA_DOUBLE, index, value);
    }
  }

  /** A heap storage of {@code size} elements read from device-layout bytes. */
  static Storage toStorage(MemorySegment bytes, DType dtype, int size) {
    switch (dtype) {
      case FLOAT32 -> {
        float[] out = new float[size];
        MemorySegment.copy(bytes, JAVA_FLOAT, 0, out, 0, size);
        return Storage.wrap(out);
      }
      case FLOAT64 -> {
        double[] out = new double[size];
        MemorySegment.copy(bytes, JAVA_DOUBLE, 0, out, 0, size);
        return Storage.wrap(out);
      }
      case INT64 -> {
        long[] out = new long[size];
        MemorySegment.copy(bytes, JAVA_LONG, 0, out, 0, size);
        return Storage.wrap(out);
      }
      case BOOL -> {
        Storage out = Storage.allocate(DType.BOOL, size);
        for (int i = 0; i < size; i++) {
          out.set(i, bytes.get(JAVA_BYTE, i));
        }
        return out;
      }
    }
    throw new AssertionError(dtype);
  }
}
