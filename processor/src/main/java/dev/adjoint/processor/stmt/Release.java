package dev.adjoint.processor.stmt;

/**
 * {@code name = null; // comment}: a reference the sweep no longer reads dropped, so that what it
 * held can be collected before the sweep ends.
 *
 * @param name the local released
 * @param comment the trailing comment, or {@code null}
 */
public record Release(String name, String comment) implements Stmt {}
