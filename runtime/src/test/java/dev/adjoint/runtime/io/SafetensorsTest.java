package dev.adjoint.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, a file written by PyTorch, and every kind of corrupt file. */
class SafetensorsTest {
  @TempDir Path dir;

  private static Map<String, Tensor> mixed() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("conv.weight", Tensor.randn(new Generator(1), DType.FLOAT32, 4, 3, 3, 3));
    m.put("double", Tensor.fromArray(DType.FLOAT64, new double[] {Math.PI, -0.0, 1e-300}, 3));
    m.put("bn.num_batches_tracked", Tensor.scalar(DType.INT64, 12));
    m.put("indices", Tensor.ofLongs(-3, (1L << 53) + 1, Long.MIN_VALUE));
    m.put("mask", Tensor.of(1, 0, 2).gt(0.5));
    m.put("empty", Tensor.zeros(0, 5));
    // a transposed view: written in its own row-major order
    m.put("transposed", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).t());
    return m;
  }

  @Test
  void everyTypeRoundTrips() throws IOException {
    Path file = dir.resolve("mixed.safetensors");
    Map<String, Tensor> written = mixed();
    Safetensors.write(file, written, Map.of("format", "pt"));
    Map<String, Tensor> read = Safetensors.read(file);
    assertEquals(List.copyOf(written.keySet()), List.copyOf(read.keySet()));
    for (Map.Entry<String, Tensor> e : written.entrySet()) {
      Tensor want = e.getValue();
      Tensor got = read.get(e.getKey());
      assertEquals(want.dtype(), got.dtype(), e.getKey());
      assertArrayEquals(want.shape(), got.shape(), e.getKey());
      assertArrayEquals(want.toArray(), got.toArray(), e.getKey());
    }
    // int64 values beyond 2^53 survive exactly (not through a double)
    assertEquals((1L << 53) + 1, read.get("indices").storage().longs()[1]);
    assertEquals(Long.MIN_VALUE, read.get("indices").storage().longs()[2]);
    assertEquals(Map.of("format", "pt"), Safetensors.readMetadata(file));
    long headerLength = header(file).getLong(0);
    assertEquals(0, (8 + headerLength) % 8, "the data starts 8-byte aligned");
  }

  @Test
  void emptyMapWritesAValidFile() throws IOException {
    Path file = dir.resolve("nothing.safetensors");
    Safetensors.write(file, Map.of());
    assertTrue(Safetensors.read(file).isEmpty());
    assertTrue(Safetensors.readMetadata(file).isEmpty());
  }

  @Test
  void aFileWrittenByPyTorchReadsBackWithItsValues() throws IOException {
    Path file = dir.resolve("torch_made.safetensors");
    try (InputStream in = getClass().getResourceAsStream("torch_made.safetensors")) {
      Files.copy(in, file);
    }
    Map<String, Tensor> t = Safetensors.read(file);
    assertEquals("pt", Safetensors.readMetadata(file).get("format"));

    Tensor weight = t.get("conv.weight");
    assertEquals(DType.FLOAT32, weight.dtype());
    assertArrayEquals(new int[] {2, 3, 2, 2}, weight.shape());
    for (int i = 0; i < 24; i++) {
      assertEquals(i / 4.0 - 0.5, weight.toArray()[i]);
    }
    float[] ramp = t.get("ramp").toFloatArray();
    assertEquals(1000, ramp.length);
    for (int i = 0; i < ramp.length; i++) {
      assertEquals((float) (i * 0.001), ramp[i], "ramp[" + i + "]");
    }
    assertEquals(DType.FLOAT64, t.get("pi").dtype());
    assertEquals(0, t.get("pi").dim());
    assertEquals(Math.PI, t.get("pi").item());
    assertEquals(DType.INT64, t.get("bn.num_batches_tracked").dtype());
    assertEquals(0, t.get("bn.num_batches_tracked").dim());
    assertEquals(7, t.get("bn.num_batches_tracked").item());
    assertArrayEquals(new long[] {-3, (1L << 40) + 1, 0}, t.get("indices").storage().longs());
    assertArrayEquals(new boolean[] {true, false, true, true}, t.get("mask").storage().booleans());
    // half precision is read as float32, exactly
    assertEquals(DType.FLOAT32, t.get("half").dtype());
    assertArrayEquals(
        new float[] {0.5f, -1.25f, 65504f, (float) Math.pow(2, -24), Float.POSITIVE_INFINITY},
        t.get("half").toFloatArray());
    assertArrayEquals(
        new float[] {1f, -3.140625f, (float) Math.pow(2, 100), (float) -Math.pow(2, -126)},
        t.get("brain").toFloatArray());
    assertArrayEquals(new int[] {0, 4}, t.get("empty").shape());
  }

  // ---------------------------------------------------------------- corrupt files

  @Test
  void aFileTooShortForTheLength() throws IOException {
    Path file = dir.resolve("short.safetensors");
    Files.write(file, new byte[] {1, 2, 3});
    assertCorrupt(file, "truncated: the file has 3 bytes");
  }

  @Test
  void aHeaderLengthPastTheEnd() throws IOException {
    Path file = good();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, 40));
    assertCorrupt(file, "is more than the 32 bytes after it: the file is truncated");
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
    Files.write(file, bytes);
    assertCorrupt(file, "the header length 18446744073709551615");
  }

  @Test
  void aTruncatedDataSection() throws IOException {
    Path file = good();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertCorrupt(file, "entry 'b' has data_offsets [24, 32] past the end of the data (29 bytes)");
  }

  @Test
  void invalidJson() throws IOException {
    assertCorrupt(withHeader("{\"a\": {\"dtype\": \"F32\""), "the header is not valid JSON");
    assertCorrupt(withHeader("[1, 2]"), "the header is not a JSON object");
    assertCorrupt(withHeader("{} {}"), "the header is not valid JSON");
    byte[] badUtf8 = "{\"\u00e9\": 1}".getBytes(StandardCharsets.ISO_8859_1);
    assertCorrupt(write(badUtf8, new byte[0]), "the header is not valid JSON");
    assertCorrupt(
        withHeader(
            "{"
                + entry("a", "F32", "[1]", "[0, 4]")
                + ", "
                + entry("a", "F32", "[1]", "[4, 8]")
                + "}",
            8),
        "Duplicate field 'a'");
  }

  @Test
  void malformedEntries() throws IOException {
    assertCorrupt(withHeader("{\"w\": 3}"), "entry 'w' is not a JSON object");
    assertCorrupt(
        withHeader("{\"w\": {\"shape\": [1], \"data_offsets\": [0, 4]}}", 4),
        "entry 'w' has no \"dtype\" string");
    assertCorrupt(
        withHeader("{" + entry("w", "I32", "[1]", "[0, 4]") + "}", 4),
        "entry 'w' has dtype I32, which this runtime does not read");
    assertCorrupt(
        withHeader("{" + entry("w", "Q7", "[1]", "[0, 4]") + "}", 4),
        "entry 'w' has an unknown dtype 'Q7'");
    assertCorrupt(
        withHeader("{" + entry("w", "F32", "[-1]", "[0, 4]") + "}", 4),
        "entry 'w' has \"shape\" [-1]: not all non-negative integers");
    assertCorrupt(
        withHeader("{" + entry("w", "F32", "[1]", "[0]") + "}", 4),
        "entry 'w' has no \"data_offsets\" array of 2 integers");
    assertCorrupt(
        withHeader("{" + entry("w", "F32", "[1]", "[4, 0]") + "}", 4),
        "the end comes before the begin");
    assertCorrupt(
        withHeader("{" + entry("w", "F32", "[2, 3]", "[0, 20]") + "}", 20),
        "entry 'w' of dtype F32 and shape [2, 3] needs 24 bytes but its data_offsets [0, 20]"
            + " hold 20");
    assertCorrupt(
        withHeader("{\"__metadata__\": {\"n\": 1}}"), "__metadata__ value 'n' is not a string");
    assertCorrupt(
        withHeader("{" + entry("w", "BOOL", "[2]", "[0, 2]") + "}", new byte[] {1, 5}),
        "entry 'w' holds the byte 5 at element 1; a BOOL is 0 or 1");
  }

  @Test
  void rangesThatOverlapOrLeaveGaps() throws IOException {
    assertCorrupt(
        withHeader(
            "{"
                + entry("a", "F32", "[2]", "[0, 8]")
                + ", "
                + entry("b", "F32", "[2]", "[4, 12]")
                + "}",
            12),
        "entry 'a' [0, 8] and entry 'b' [4, 12] overlap");
    assertCorrupt(
        withHeader(
            "{"
                + entry("a", "F32", "[1]", "[0, 4]")
                + ", "
                + entry("b", "F32", "[1]", "[8, 12]")
                + "}",
            12),
        "bytes [4, 8) of the data belong to no entry (a gap before entry 'b')");
    assertCorrupt(
        withHeader("{" + entry("a", "F32", "[1]", "[0, 4]") + "}", 6),
        "the last 2 bytes of the data belong to no entry");
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
    Path file = good();
    byte[] before = Files.readAllBytes(file);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    file,
                    channel -> {
                      channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void theReservedNameIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Safetensors.write(dir.resolve("x"), Map.of("__metadata__", Tensor.zeros(1))));
  }

  // ---------------------------------------------------------------- helpers

  /** A valid file with two float32 entries of 6 and 2 elements. */
  private Path good() throws IOException {
    Path file = dir.resolve("good.safetensors");
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("a", Tensor.zeros(2, 3));
    m.put("b", Tensor.ones(2));
    Safetensors.write(file, m);
    return file;
  }

  private static String entry(String name, String dtype, String shape, String offsets) {
    return "\"%s\": {\"dtype\": \"%s\", \"shape\": %s, \"data_offsets\": %s}"
        .formatted(name, dtype, shape, offsets);
  }

  private Path withHeader(String json) throws IOException {
    return withHeader(json, 0);
  }

  private Path withHeader(String json, int dataBytes) throws IOException {
    return withHeader(json, new byte[dataBytes]);
  }

  private Path withHeader(String json, byte[] data) throws IOException {
    return write(json.getBytes(StandardCharsets.UTF_8), data);
  }

  private Path write(byte[] header, byte[] data) throws IOException {
    Path file = dir.resolve("crafted.safetensors");
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length);
    b.order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header).put(data);
    Files.write(file, b.array());
    return file;
  }

  private static ByteBuffer header(Path file) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void assertCorrupt(Path file, String fragment) {
    CorruptSafetensorsException e =
        assertThrows(CorruptSafetensorsException.class, () -> Safetensors.read(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e::getMessage);
    assertTrue(e.getMessage().contains(fragment), e::getMessage);
  }
}
