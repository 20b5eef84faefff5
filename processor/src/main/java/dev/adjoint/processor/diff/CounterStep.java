package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.ir.Value;

/**
 * An integer step of a loop counter, {@code i = i + c} or {@code i = i - c} with a constant {@code
 * c}: the reverse sweep undoes it ({@code i = i - c}) or writes the counter as a linear function of
 * the pass ({@code final - c·(passes + 1 - k)}) instead of pushing and popping it.
 *
 * @param counter the counter
 * @param adds whether the step adds {@code amount} (else it subtracts it)
 * @param amount the constant, as the source wrote it
 */
record CounterStep(Value.Var counter, boolean adds, JavaExpr amount) {
  /** The signed change of one step: {@code c} or {@code -c}. */
  JavaExpr signed() {
    return adds ? amount : new Negation(amount);
  }

  /** Whether one step changes the counter by exactly 1 or -1. */
  boolean unit() {
    return amount.isConstant(1) || amount.isConstant(-1);
  }

  /** Whether one step makes the counter smaller. */
  boolean decreases() {
    return amount.constant().isPresent() && (amount.constant().getAsDouble() < 0) == adds;
  }

  /** The counter before the step, from its value after: {@code i - c} or {@code i + c}. */
  JavaExpr undo() {
    return new Binary(JavaExpr.name(counter.name()), adds ? "-" : "+", amount, JavaExpr.ADDITIVE);
  }
}
