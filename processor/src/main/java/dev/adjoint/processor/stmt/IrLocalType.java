package dev.adjoint.processor.stmt;

import dev.adjoint.processor.ir.IrType;

/**
 * An IR type, written as its Java name ({@link IrType#javaName}: {@code double}, {@code int[]},
 * {@code Tensor}) as plain text, never imported.
 */
public record IrLocalType(IrType type) implements LocalType {}
