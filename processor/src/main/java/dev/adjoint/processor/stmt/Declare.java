package dev.adjoint.processor.stmt;

/**
 * {@code type name; // comment}: declares a local without a value, where every path assigns it
 * before reading it (Java's definite assignment), so no placeholder value is written that nothing
 * reads.
 *
 * @param type the local's type
 * @param name the local's name
 * @param comment the trailing comment, or {@code null}
 */
public record Declare(LocalType type, String name, String comment) implements Stmt {}
