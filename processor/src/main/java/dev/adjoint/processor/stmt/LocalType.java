package dev.adjoint.processor.stmt;

/**
 * The type of a local a {@link Define} declares, written as the sweeps have always written it: an
 * IR type by its Java keyword ({@link IrLocalType}), a JavaPoet type as {@code $T} so that JavaPoet
 * imports it ({@link PoetLocalType}), or a generated class's own nested record by its simple name
 * ({@link NamedLocalType}).
 */
public sealed interface LocalType permits IrLocalType, PoetLocalType, NamedLocalType {
  /** {@code type}, by its Java name ({@code double}, {@code double[]}, {@code Tensor}). */
  static LocalType of(dev.adjoint.processor.ir.IrType type) {
    return new IrLocalType(type);
  }

  /** {@code type}, as a JavaPoet {@code $T}. */
  static LocalType of(com.palantir.javapoet.TypeName type) {
    return new PoetLocalType(type);
  }
}
