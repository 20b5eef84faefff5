package dev.adjoint.runtime.io;

import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes safetensors files, the format of the Hugging Face hub and of PyTorch users'
 * exports ({@code safetensors.torch.save_file(model.state_dict(), path)}).
 *
 * <pre>
 * header length   8 bytes, unsigned little-endian: N
 * header          N bytes of UTF-8 JSON (see {@link SafetensorsHeader}), padded with spaces
 * data            the tensors' bytes, little-endian, row-major, at their data_offsets
 * </pre>
 *
 * Reading checks the whole header before any data is read: every entry's type, shape and byte
 * range, and that the ranges tile the data exactly. A file that fails a check is a {@link
 * CorruptSafetensorsException} naming the file and the entry. {@code F16} and {@code BF16} are read
 * as {@code float32}. Writing goes through {@link AtomicFiles}, so a crash or a full disk never
 * leaves a torn file behind.
 */
public final class Safetensors {
  /** The Rust reference implementation refuses headers over 100 MB; so do we. */
  private static final long MAX_HEADER_BYTES = 100_000_000;

  private static final int CHUNK_BYTES = 1 << 20;

  private Safetensors() {}

  /** The tensors of {@code file}, by name, in the header's order. */
  public static Map<String, Tensor> read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Layout layout = layout(file, channel);
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (SafetensorsHeader.Entry e : layout.header.entries()) {
        out.put(e.name(), decode(file, channel, layout.dataStart, e));
      }
      return out;
    }
  }

  /** The {@code __metadata__} strings of {@code file} (empty when it has none). */
  public static Map<String, String> readMetadata(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return layout(file, channel).header.metadata();
    }
  }

  /** Writes {@code tensors} in their map order, with no metadata. */
  public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
    write(file, tensors, Map.of());
  }

  /** Writes {@code tensors} in their map order and {@code metadata} as {@code __metadata__}. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    List<SafetensorsHeader.Entry> entries = new ArrayList<>();
    List<Tensor> values = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      if (e.getKey().equals(SafetensorsHeader.METADATA)) {
        throw new IllegalArgumentException(
            "Safetensors.write: '" + SafetensorsHeader.METADATA + "' is reserved, not a name");
      }
      Tensor t = e.getValue().cpu().contiguous();
      SafetensorsDType dtype = SafetensorsDType.writing(t.dtype());
      long end = offset + (long) t.numel() * dtype.byteSize;
      entries.add(new SafetensorsHeader.Entry(e.getKey(), dtype, t.shape(), offset, end));
      values.add(t);
      offset = end;
    }
    byte[] header = new SafetensorsHeader(entries, new LinkedHashMap<>(metadata)).encode();
    AtomicFiles.write(
        file,
        channel -> {
          ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
          length.putLong(header.length).flip();
          writeFully(channel, length);
          writeFully(channel, ByteBuffer.wrap(header));
          ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
          for (Tensor t : values) {
            encode(channel, chunk, t);
          }
        });
  }

  /** The checked header and where the data starts. */
  private record Layout(SafetensorsHeader header, long dataStart) {}

  private static Layout layout(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < 8) {
      throw new CorruptSafetensorsException(
          file,
          "truncated: the file has "
              + size
              + " bytes, but a safetensors file starts with an 8-byte header length");
    }
    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(file, channel, length, 0);
    long headerBytes = length.flip().getLong();
    if (headerBytes < 0 || headerBytes > size - 8) {
      throw new CorruptSafetensorsException(
          file,
          "the header length "
              + Long.toUnsignedString(headerBytes)
              + " (the first 8 bytes, little-endian) is more than the "
              + (size - 8)
              + " bytes after it: the file is truncated or not a safetensors file");
    }
    if (headerBytes > MAX_HEADER_BYTES) {
      throw new CorruptSafetensorsException(
          file, "the header length " + headerBytes + " is over the format's limit of 100 MB");
    }
    ByteBuffer json = ByteBuffer.allocate((int) headerBytes);
    readFully(file, channel, json, 8);
    long dataStart = 8 + headerBytes;
    return new Layout(SafetensorsHeader.parse(file, json.array(), size - dataStart), dataStart);
  }

  private static Tensor decode(
      Path file, FileChannel channel, long dataStart, SafetensorsHeader.Entry e)
      throws IOException {
    int numel = e.numel();
    int size = e.dtype().byteSize;
    Storage storage = Storage.allocate(e.dtype().tensorType, numel);
    ByteBuffer chunk = ByteBuffer.allocate(Math.min(CHUNK_BYTES, Math.max(numel * size, 1)));
    chunk.order(ByteOrder.LITTLE_ENDIAN);
    long position = dataStart + e.begin();
    for (int done = 0; done < numel; ) {
      int n = Math.min(numel - done, chunk.capacity() / size);
      chunk.clear().limit(n * size);
      readFully(file, channel, chunk, position);
      chunk.flip();
      switch (e.dtype()) {
        case F64 -> chunk.asDoubleBuffer().get(storage.doubles(), done, n);
        case F32 -> chunk.asFloatBuffer().get(storage.floats(), done, n);
        case F16 -> {
          float[] out = storage.floats();
          for (int i = 0; i < n; i++) {
            out[done + i] = Float.float16ToFloat(chunk.getShort());
          }
        }
        case BF16 -> {
          // bfloat16 is the upper half of a float32's bits
          float[] out = storage.floats();
          for (int i = 0; i < n; i++) {
            out[done + i] = Float.intBitsToFloat((chunk.getShort() & 0xFFFF) << 16);
          }
        }
        case I64 -> chunk.asLongBuffer().get(storage.longs(), done, n);
        case BOOL -> {
          boolean[] out = storage.booleans();
          for (int i = 0; i < n; i++) {
            byte b = chunk.get();
            if (b != 0 && b != 1) {
              throw new CorruptSafetensorsException(
                  file,
                  e.describe()
                      + " holds the byte "
                      + b
                      + " at element "
                      + (done + i)
                      + "; a BOOL is 0 or 1");
            }
            out[done + i] = b == 1;
          }
        }
      }
      position += (long) n * size;
      done += n;
    }
    return Tensor.view(storage, 0, e.shape(), Shape.contiguousStrides(e.shape()));
  }

  private static void encode(FileChannel channel, ByteBuffer chunk, Tensor t) throws IOException {
    SafetensorsDType dtype = SafetensorsDType.writing(t.dtype());
    int numel = t.numel();
    int size = dtype.byteSize;
    Storage storage = t.storage();
    int offset = t.offset();
    for (int done = 0; done < numel; ) {
      int n = Math.min(numel - done, chunk.capacity() / size);
      chunk.clear();
      int from = offset + done;
      switch (t.dtype()) {
        case FLOAT64 -> chunk.asDoubleBuffer().put(storage.doubles(), from, n);
        case FLOAT32 -> chunk.asFloatBuffer().put(storage.floats(), from, n);
        case INT64 -> chunk.asLongBuffer().put(storage.longs(), from, n);
        case BOOL -> {
          boolean[] in = storage.booleans();
          for (int i = 0; i < n; i++) {
            chunk.put(i, (byte) (in[from + i] ? 1 : 0));
          }
        }
      }
      chunk.limit(n * size);
      writeFully(channel, chunk);
      done += n;
    }
  }

  private static void readFully(Path file, FileChannel channel, ByteBuffer into, long position)
      throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) {
        throw new CorruptSafetensorsException(
            file, "truncated while reading", new EOFException("at byte " + at));
      }
      at += n;
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer from) throws IOException {
    while (from.hasRemaining()) {
      channel.write(from);
    }
  }
}
