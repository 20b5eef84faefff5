package dev.adjoint.runtime.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.adjoint.runtime.tensor.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file, checked: each entry's type, shape and byte range, and that
 * the ranges tile the data exactly (no overlaps, no gaps, nothing after the last one), as the
 * format requires.
 *
 * <pre>
 * {"__metadata__": {"format": "pt"},
 *  "fc.weight": {"dtype": "F32", "shape": [1000, 512], "data_offsets": [0, 2048000]}, ...}
 * </pre>
 */
record SafetensorsHeader(List<SafetensorsHeader.Entry> entries, Map<String, String> metadata) {
  static final String METADATA = "__metadata__";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** One tensor: its type, shape, and byte range [begin, end) within the data. */
  record Entry(String name, SafetensorsDType dtype, int[] shape, long begin, long end) {
    int numel() {
      return Shape.numel(shape);
    }

    String describe() {
      return "entry '" + name + "'";
    }
  }

  /**
   * Parses and checks {@code json}, the header of {@code file}, whose data is {@code dataBytes}.
   */
  static SafetensorsHeader parse(Path file, byte[] json, long dataBytes)
      throws CorruptSafetensorsException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new CorruptSafetensorsException(
          file, "the header is not valid JSON: " + e.getOriginalMessage() + where, e);
    } catch (IOException e) {
      throw new CorruptSafetensorsException(file, "the header cannot be read: " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new CorruptSafetensorsException(file, "the header is not a JSON object");
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals(METADATA)) {
        metadata = metadata(file, field.getValue());
      } else {
        entries.add(entry(file, field.getKey(), field.getValue(), dataBytes));
      }
    }
    checkTiling(file, entries, dataBytes);
    return new SafetensorsHeader(List.copyOf(entries), metadata);
  }

  private static Map<String, String> metadata(Path file, JsonNode node)
      throws CorruptSafetensorsException {
    if (!node.isObject()) {
      throw new CorruptSafetensorsException(file, METADATA + " is not a JSON object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new CorruptSafetensorsException(
            file, METADATA + " value '" + e.getKey() + "' is not a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  private static Entry entry(Path file, String name, JsonNode node, long dataBytes)
      throws CorruptSafetensorsException {
    String what = "entry '" + name + "'";
    if (!node.isObject()) {
      throw new CorruptSafetensorsException(file, what + " is not a JSON object");
    }
    JsonNode code = node.get("dtype");
    if (code == null || !code.isTextual()) {
      throw new CorruptSafetensorsException(file, what + " has no \"dtype\" string");
    }
    SafetensorsDType dtype =
        SafetensorsDType.of(code.textValue())
            .orElseThrow(
                () ->
                    new CorruptSafetensorsException(
                        file,
                        what
                            + " has "
                            + (SafetensorsDType.UNSUPPORTED.contains(code.textValue())
                                ? "dtype " + code.textValue() + ", which this runtime does not read"
                                : "an unknown dtype '" + code.textValue() + "'")
                            + "; it reads "
                            + SafetensorsDType.readable()));
    long[] sizes = integers(file, what, node.get("shape"), "shape", -1);
    int[] shape = new int[sizes.length];
    long numel = 1;
    for (int d = 0; d < sizes.length; d++) {
      numel = sizes[d] > Integer.MAX_VALUE ? Long.MAX_VALUE : numel * sizes[d];
      if (numel > Integer.MAX_VALUE) {
        throw new CorruptSafetensorsException(
            file,
            what
                + " of shape "
                + Arrays.toString(sizes)
                + " has more elements than a tensor holds");
      }
      shape[d] = (int) sizes[d];
    }
    long[] offsets = integers(file, what, node.get("data_offsets"), "data_offsets", 2);
    long begin = offsets[0];
    long end = offsets[1];
    String range = "data_offsets [" + begin + ", " + end + "]";
    if (begin > end) {
      throw new CorruptSafetensorsException(
          file, what + " has " + range + ": the end comes before the begin");
    }
    if (end > dataBytes) {
      throw new CorruptSafetensorsException(
          file,
          what
              + " has "
              + range
              + " past the end of the data ("
              + dataBytes
              + " bytes): the file is truncated");
    }
    long needed = numel * dtype.byteSize;
    if (end - begin != needed) {
      throw new CorruptSafetensorsException(
          file,
          what
              + " of dtype "
              + dtype
              + " and shape "
              + Shape.format(shape)
              + " needs "
              + needed
              + " bytes but its "
              + range
              + " hold "
              + (end - begin));
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  /** A JSON array of non-negative integers ({@code length} of them, unless it is -1). */
  private static long[] integers(Path file, String what, JsonNode node, String field, int length)
      throws CorruptSafetensorsException {
    if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
      throw new CorruptSafetensorsException(
          file,
          what
              + " has no \""
              + field
              + "\" array"
              + (length >= 0 ? " of " + length + " integers" : " of integers"));
    }
    long[] out = new long[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
        throw new CorruptSafetensorsException(
            file, what + " has \"" + field + "\" " + node + ": not all non-negative integers");
      }
      out[i] = v.longValue();
    }
    return out;
  }

  /** The byte ranges, in order, must cover [0, dataBytes) exactly once. */
  private static void checkTiling(Path file, List<Entry> entries, long dataBytes)
      throws CorruptSafetensorsException {
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long covered = 0;
    Entry previous = null;
    for (Entry e : byOffset) {
      if (e.begin() < covered) {
        throw new CorruptSafetensorsException(
            file,
            previous.describe()
                + " ["
                + previous.begin()
                + ", "
                + previous.end()
                + "] and "
                + e.describe()
                + " ["
                + e.begin()
                + ", "
                + e.end()
                + "] overlap");
      }
      if (e.begin() > covered) {
        throw new CorruptSafetensorsException(
            file,
            "bytes ["
                + covered
                + ", "
                + e.begin()
                + ") of the data belong to no entry (a gap before "
                + e.describe()
                + ")");
      }
      covered = e.end();
      previous = e;
    }
    if (covered != dataBytes) {
      throw new CorruptSafetensorsException(
          file,
          "the last "
              + (dataBytes - covered)
              + " bytes of the data belong to no entry (the data is "
              + dataBytes
              + " bytes, the entries end at "
              + covered
              + ")");
    }
  }

  /**
   * The header's bytes: UTF-8 JSON padded with spaces so that the data after it starts at a
   * multiple of 8 bytes from the start of the file (the 8-byte length plus the header).
   */
  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
      g.writeStartObject();
      if (!metadata.isEmpty()) {
        g.writeFieldName(METADATA);
        g.writeStartObject();
        for (Map.Entry<String, String> m : metadata.entrySet()) {
          g.writeStringField(m.getKey(), m.getValue());
        }
        g.writeEndObject();
      }
      for (Entry e : entries) {
        g.writeFieldName(e.name());
        g.writeStartObject();
        g.writeStringField("dtype", e.dtype().name());
        g.writeFieldName("shape");
        g.writeArray(e.shape(), 0, e.shape().length);
        g.writeFieldName("data_offsets");
        g.writeArray(new long[] {e.begin(), e.end()}, 0, 2);
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory cannot fail", e);
    }
    while (bytes.size() % 8 != 0) {
      bytes.write(' ');
    }
    return bytes.toByteArray();
  }
}
