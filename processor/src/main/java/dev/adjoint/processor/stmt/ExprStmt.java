package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;

/**
 * {@code expression; // comment}: an expression run for its effect, a call ({@code
 * tape.pushDouble(x)}, {@code Adjoints.accumulateGrad(...)}).
 *
 * @param expression the expression
 * @param comment the trailing comment, or {@code null}
 */
public record ExprStmt(JavaExpr expression, String comment) implements Stmt {}
