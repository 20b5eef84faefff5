package dev.adjoint.runtime.backend.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernels' argument structs of {@code adjoint_common.cuh}, field by field, as FFM layouts, and
 * a writer that fills one. Each kernel takes one struct by value, so a launch passes one pointer.
 * {@code KernelLayoutTest} compiles the header with the host compiler and checks every field's
 * offset and every struct's size against these.
 */
final class KernelLayouts {
  private KernelLayouts() {}

  static final int MAX_DIMS = 8;

  private static MemoryLayout ints(String name) {
    return MemoryLayout.sequenceLayout(MAX_DIMS, JAVA_INT).withName(name);
  }

  static final StructLayout OPERAND =
      MemoryLayout.structLayout(
          JAVA_LONG.withName("ptr"),
          JAVA_DOUBLE.withName("scalar"),
          JAVA_INT.withName("offset"),
          JAVA_INT.withName("dtype"),
          JAVA_INT.withName("dense"),
          ints("strides"),
          JAVA_INT.withName("pad"));

  static final StructLayout MAP_ARGS =
      MemoryLayout.structLayout(
          JAVA_INT.withName("n"),
          JAVA_INT.withName("ndim"),
          JAVA_INT.withName("op"),
          JAVA_INT.withName("pad"),
          JAVA_DOUBLE.withName("p0"),
          JAVA_DOUBLE.withName("p1"),
          ints("shape"),
          OPERAND.withName("out"),
          OPERAND.withName("a"),
          OPERAND.withName("b"),
          OPERAND.withName("c"));

  static final StructLayout REDUCE_ARGS =
      MemoryLayout.structLayout(
          JAVA_LONG.withName("in"),
          JAVA_LONG.withName("out"),
          JAVA_LONG.withName("partial"),
          JAVA_INT.withName("in_dtype"),
          JAVA_INT.withName("out_dtype"),
          JAVA_INT.withName("op"),
          JAVA_INT.withName("outputs"),
          JAVA_INT.withName("length"),
          JAVA_INT.withName("chunks"),
          JAVA_INT.withName("chunk"),
          JAVA_INT.withName("in_offset"),
          JAVA_INT.withName("kept_ndim"),
          JAVA_INT.withName("red_ndim"),
          ints("kept_shape"),
          ints("kept_strides"),
          ints("red_shape"),
          ints("red_strides"));

  static final StructLayout ROW_ARGS =
      MemoryLayout.structLayout(
          JAVA_LONG.withName("x"),
          JAVA_LONG.withName("y"),
          JAVA_LONG.withName("g"),
          JAVA_INT.withName("dtype"),
          JAVA_INT.withName("op"),
          JAVA_INT.withName("outer"),
          JAVA_INT.withName("size"),
          JAVA_INT.withName("inner"),
          JAVA_INT.withName("x_offset"),
          JAVA_INT.withName("y_offset"),
          JAVA_INT.withName("g_offset"));

  static final StructLayout INDEX_ARGS =
      MemoryLayout.structLayout(
          JAVA_LONG.withName("x"),
          JAVA_LONG.withName("index"),
          JAVA_LONG.withName("other"),
          JAVA_LONG.withName("status"),
          JAVA_INT.withName("dtype"),
          JAVA_INT.withName("op"),
          JAVA_INT.withName("n"),
          JAVA_INT.withName("outer"),
          JAVA_INT.withName("count"),
          JAVA_INT.withName("inner"),
          JAVA_INT.withName("size"),
          JAVA_INT.withName("dim"),
          JAVA_INT.withName("ndim"),
          JAVA_INT.withName("x_offset"),
          JAVA_INT.withName("index_offset"),
          JAVA_INT.withName("other_offset"),
          ints("shape"),
          ints("x_shape"),
          ints("x_strides"),
          ints("index_strides"),
          ints("other_strides"));

  /** Every struct by its C name (the layout test walks them). */
  static final List<StructLayout> STRUCTS =
      List.of(
          OPERAND.withName("Operand"),
          MAP_ARGS.withName("MapArgs"),
          REDUCE_ARGS.withName("ReduceArgs"),
          ROW_ARGS.withName("RowArgs"),
          INDEX_ARGS.withName("IndexArgs"));

  /** Every named field of {@code struct} as {@code path → offset}, nested structs dotted. */
  static List<String> fieldOffsets(StructLayout struct) {
    List<String> out = new ArrayList<>();
    collect(struct, "", 0, out);
    return out;
  }

  private static void collect(StructLayout struct, String prefix, long base, List<String> out) {
    for (MemoryLayout m : struct.memberLayouts()) {
      if (m.name().isEmpty()) {
        continue;
      }
      String name = prefix + m.name().get();
      long offset = base + struct.byteOffset(PathElement.groupElement(m.name().get()));
      out.add(name + " " + offset);
      if (m instanceof StructLayout nested) {
        collect(nested, name + ".", offset, out);
      }
    }
  }

  /** Fills one struct by field name (nested fields dotted: {@code a.strides}). */
  static final class Writer {
    private final StructLayout layout;
    private final MemorySegment segment;

    Writer(StructLayout layout, MemorySegment segment) {
      this.layout = layout;
      this.segment = segment;
      segment.fill((byte) 0);
    }

    private static final java.util.Map<StructLayout, java.util.Map<String, Long>> OFFSETS =
        new java.util.concurrent.ConcurrentHashMap<>();

    // resolved once per field: a launch writes some twenty fields
    private long offset(String path) {
      return OFFSETS
          .computeIfAbsent(layout, l -> new java.util.concurrent.ConcurrentHashMap<>())
          .computeIfAbsent(path, this::resolve);
    }

    private long resolve(String path) {
      String[] parts = path.split("\\.");
      PathElement[] elements = new PathElement[parts.length];
      for (int i = 0; i < parts.length; i++) {
        elements[i] = PathElement.groupElement(parts[i]);
      }
      return layout.byteOffset(elements);
    }

    Writer i32(String field, int value) {
      segment.set(JAVA_INT, offset(field), value);
      return this;
    }

    Writer i64(String field, long value) {
      segment.set(JAVA_LONG, offset(field), value);
      return this;
    }

    Writer f64(String field, double value) {
      segment.set(JAVA_DOUBLE, offset(field), value);
      return this;
    }

    /** {@code values} into the int[8] field, the rest left 0. */
    Writer dims(String field, int[] values) {
      if (values.length > MAX_DIMS) {
        throw new IllegalArgumentException(
            "a CUDA kernel takes at most " + MAX_DIMS + " dimensions, got " + values.length);
      }
      long base = offset(field);
      for (int i = 0; i < values.length; i++) {
        segment.set(JAVA_INT, base + 4L * i, values[i]);
      }
      return this;
    }
  }
}
