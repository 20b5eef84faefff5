package dev.adjoint.processor.expr;

/** How {@link JavaExpr#write} names the types it refers to. */
public enum TypeNaming {
  /** As JavaPoet {@code $T}: imported, or qualified where the simple name is taken. */
  IMPORTED,
  /** By their simple names, for text a reader sees (a message), never for code. */
  SIMPLE
}
