package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;

/**
 * {@code type name = value; // comment}: declares a local with its first value.
 *
 * @param type the local's type
 * @param name the local's name
 * @param value its initial value
 * @param comment the trailing comment, or {@code null}
 */
public record Define(LocalType type, String name, JavaExpr value, String comment) implements Stmt {}
