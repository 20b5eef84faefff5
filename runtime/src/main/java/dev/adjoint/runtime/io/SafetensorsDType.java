package dev.adjoint.runtime.io;

import dev.adjoint.runtime.tensor.DType;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The element types of safetensors files that this runtime reads, with their sizes and the tensor
 * type each becomes. Half-precision files ({@code F16}, {@code BF16}) are widened to {@code
 * float32}, which holds every half value exactly.
 */
enum SafetensorsDType {
  F64(8, DType.FLOAT64),
  F32(4, DType.FLOAT32),
  F16(2, DType.FLOAT32),
  BF16(2, DType.FLOAT32),
  I64(8, DType.INT64),
  BOOL(1, DType.BOOL);

  /** Types of the format this runtime has no tensor type for. */
  static final Set<String> UNSUPPORTED =
      Set.of(
          "I8", "I16", "I32", "U8", "U16", "U32", "U64", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4",
          "C64");

  final int byteSize;
  final DType tensorType;

  SafetensorsDType(int byteSize, DType tensorType) {
    this.byteSize = byteSize;
    this.tensorType = tensorType;
  }

  /** The file's type code for {@code code}, if this runtime reads it. */
  static Optional<SafetensorsDType> of(String code) {
    return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
  }

  /** The type a tensor of {@code dtype} is written as. */
  static SafetensorsDType writing(DType dtype) {
    return switch (dtype) {
      case FLOAT64 -> F64;
      case FLOAT32 -> F32;
      case INT64 -> I64;
      case BOOL -> BOOL;
    };
  }

  /** The names of the readable types, for messages. */
  static String readable() {
    return Arrays.toString(values());
  }
}
