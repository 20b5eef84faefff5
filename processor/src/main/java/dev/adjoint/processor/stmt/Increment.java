package dev.adjoint.processor.stmt;

/**
 * {@code name++; // comment}: a counter stepped by one (a loop's count of its passes).
 *
 * @param name the counter
 * @param comment the trailing comment, or {@code null}
 */
public record Increment(String name, String comment) implements Stmt {}
