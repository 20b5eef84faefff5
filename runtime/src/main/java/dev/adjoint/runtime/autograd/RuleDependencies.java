package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.rules.Algebra;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Which values an elementwise rule reads, found by evaluating the rule itself over an algebra of
 * dependency sets: a value is a bit mask of the inputs it was computed from (x = 1, w = 2, y = 4;
 * the incoming gradient and constants are 0), and every operation unites its operands' sets, except
 * {@code sumToShapeOf}, which reads only its operand's shape. So {@code d(x·w)/dx = g·w} needs w's
 * value and x's shape only, and {@code d(x + w)} needs no values at all. The tape saves (and checks
 * the versions of) exactly the values a node's rules read, so changing an operand in place after it
 * was used is an error only where it would change a gradient.
 */
final class RuleDependencies {
  static final int RESULT = 4;

  @SuppressWarnings("unchecked")
  private static final Algebra<Integer> MASKS =
      (Algebra<Integer>)
          Proxy.newProxyInstance(
              Algebra.class.getClassLoader(),
              new Class<?>[] {Algebra.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "constant" -> 0;
                    case "sumToShapeOf" -> args[0];
                    default -> {
                      int mask = 0;
                      for (Object arg : args) {
                        if (arg instanceof Integer m) {
                          mask |= m;
                        }
                      }
                      yield mask;
                    }
                  });

  // NEEDS[op][i]: the values the partial for operand i reads, as a mask of 1 << operand | RESULT
  private static final int[][] NEEDS = new int[ElementwiseOp.values().length][];

  static {
    for (ElementwiseOp op : ElementwiseOp.values()) {
      List<Integer> operands = op.arity() == 1 ? List.of(1) : List.of(1, 2);
      NEEDS[op.ordinal()] = new int[op.arity()];
      for (int i = 0; i < op.arity(); i++) {
        NEEDS[op.ordinal()][i] = ElementwiseRules.partial(op, MASKS, operands, RESULT, 0, i);
      }
    }
  }

  private RuleDependencies() {}

  /** The values read by the partials of {@code op} for the operands whose gradient is needed. */
  static int needed(ElementwiseOp op, Node[] next) {
    int mask = 0;
    for (int i = 0; i < next.length; i++) {
      if (next[i] != null) {
        mask |= NEEDS[op.ordinal()][i];
      }
    }
    return mask;
  }
}
