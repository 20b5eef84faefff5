package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Value;
import java.util.Set;

/**
 * The result of {@link ActivityAnalysis}: the variables that get an adjoint.
 *
 * @param active floating-point variables that depend on a differentiated input and reach the result
 */
public record Activity(Set<Value.Var> active) {
  public Activity {
    active = Set.copyOf(active);
  }

  /** Whether {@code value} is an active variable (constants never are). */
  public boolean isActive(Value value) {
    return value instanceof Value.Var var && active.contains(var);
  }
}
