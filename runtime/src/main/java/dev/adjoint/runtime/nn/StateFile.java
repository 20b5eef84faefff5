package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.io.AtomicFiles;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary format of saved parameters: named tensors, in order, with a checksum. All numbers are
 * big-endian.
 *
 * <pre>
 * magic     4 bytes   "ADJT"
 * version   u32       1
 * count     u32       number of entries
 * entry × count:
 *   nameLen u16, name (UTF-8, nameLen bytes)
 *   dtype   u8        0 bool, 1 int64, 2 float32, 3 float64
 *   rank    u8, then rank × u32 sizes
 *   data    numel × element (bool: 1 byte; int64: 8; float32/64: IEEE 754), row-major
 * crc32     u32       CRC-32 of every byte before it
 * </pre>
 *
 * Writing replaces the file atomically ({@link AtomicFiles}). Reading checks everything and says
 * what is wrong: a foreign file, an unknown version, a file that ends early (which entry, how many
 * bytes were missing), a checksum mismatch, trailing bytes.
 */
public final class StateFile {
  private static final byte[] MAGIC = {'A', 'D', 'J', 'T'};
  private static final int VERSION = 1;

  private StateFile() {}

  /** The file is not a valid state file; the message says why. */
  public static final class CorruptStateFileException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptStateFileException(Path file, String why) {
      super(file + ": " + why);
    }
  }

  public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(tensors.size());
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      if (name.length > 0xFFFF) {
        throw new IllegalArgumentException("StateFile: name too long: " + e.getKey());
      }
      Tensor t = e.getValue();
      out.writeShort(name.length);
      out.write(name);
      out.writeByte(code(t.dtype()));
      out.writeByte(t.dim());
      for (int size : t.shape()) {
        out.writeInt(size);
      }
      for (double v : t.toArray()) {
        switch (t.dtype()) {
          case BOOL -> out.writeByte(v != 0 ? 1 : 0);
          case INT64 -> out.writeLong((long) v);
          case FLOAT32 -> out.writeFloat((float) v);
          case FLOAT64 -> out.writeDouble(v);
        }
      }
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    out.flush();
    ByteBuffer content = ByteBuffer.wrap(bytes.toByteArray());
    AtomicFiles.write(
        file,
        channel -> {
          while (content.hasRemaining()) {
            channel.write(content);
          }
        });
  }

  public static Map<String, Tensor> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String where = "the header";
    try {
      byte[] magic = new byte[4];
      in.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new CorruptStateFileException(file, "not an Adjoint state file (no ADJT magic)");
      }
      int version = in.getInt();
      if (version != VERSION) {
        throw new CorruptStateFileException(
            file,
            "unsupported version " + version + " (this runtime reads version " + VERSION + ")");
      }
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length - 4);
      int count = in.getInt();
      if (count < 0) {
        throw new CorruptStateFileException(file, "negative entry count " + count);
      }
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (int e = 0; e < count; e++) {
        where = "entry " + e;
        byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(name);
        String key = decode(file, name);
        where = "entry " + e + " ('" + key + "')";
        DType dtype = dtype(file, in.get(), where);
        int rank = Byte.toUnsignedInt(in.get());
        int[] shape = new int[rank];
        long numel = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = in.getInt();
          if (shape[d] < 0) {
            throw new CorruptStateFileException(file, "negative size in " + where);
          }
          numel *= shape[d];
        }
        long needed = numel * (dtype == DType.BOOL ? 1 : dtype.byteSize());
        if (needed > in.remaining()) {
          throw new CorruptStateFileException(
              file,
              "truncated: "
                  + where
                  + " of shape "
                  + Shape.format(shape)
                  + " needs "
                  + needed
                  + " bytes of data, only "
                  + in.remaining()
                  + " remain");
        }
        double[] values = new double[(int) numel];
        for (int i = 0; i < values.length; i++) {
          values[i] =
              switch (dtype) {
                case BOOL -> in.get();
                case INT64 -> in.getLong();
                case FLOAT32 -> in.getFloat();
                case FLOAT64 -> in.getDouble();
              };
        }
        if (out.put(key, Tensor.fromArray(dtype, values, shape)) != null) {
          throw new CorruptStateFileException(file, "duplicate name '" + key + "'");
        }
      }
      where = "the checksum";
      int stored = in.getInt();
      if (in.hasRemaining()) {
        throw new CorruptStateFileException(
            file, in.remaining() + " unexpected bytes after the checksum");
      }
      if (stored != (int) crc.getValue()) {
        throw new CorruptStateFileException(file, "checksum mismatch: the file is corrupt");
      }
      return out;
    } catch (BufferUnderflowException e) {
      throw new CorruptStateFileException(
          file, "truncated: the file ends inside " + where + " (" + bytes.length + " bytes)");
    }
  }

  private static String decode(Path file, byte[] name) throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(name))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CorruptStateFileException(file, "a name is not valid UTF-8");
    }
  }

  private static int code(DType dtype) {
    return switch (dtype) {
      case BOOL -> 0;
      case INT64 -> 1;
      case FLOAT32 -> 2;
      case FLOAT64 -> 3;
    };
  }

  private static DType dtype(Path file, byte code, String where) throws IOException {
    return switch (code) {
      case 0 -> DType.BOOL;
      case 1 -> DType.INT64;
      case 2 -> DType.FLOAT32;
      case 3 -> DType.FLOAT64;
      default ->
          throw new CorruptStateFileException(
              file, "unknown element type code " + code + " in " + where);
    };
  }
}
