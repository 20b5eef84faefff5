package dev.adjoint.processor.stmt;

/**
 * A type by its simple name as plain text: a result record nested in the class being written, which
 * needs neither an import nor a qualifier.
 */
public record NamedLocalType(String simpleName) implements LocalType {}
