package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;

/**
 * {@code assert condition : detail; // comment}, or {@code assert condition;} without a detail:
 * checked where assertions are enabled for the generated class.
 *
 * @param condition what must hold
 * @param detail the value the {@code AssertionError} carries, or {@code null} for none
 * @param comment the trailing comment, or {@code null}
 */
public record Assert(JavaExpr condition, JavaExpr detail, String comment) implements Stmt {}
