package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.Parenthesized;
import dev.adjoint.processor.expr.Prefix;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A loop's test written as the source wrote it ({@code i < x.length - 1}) when the statements of
 * its condition only compute the test: each value read once, by the next, and by nothing else in
 * the method. The JIT recognises that form as a counted loop.
 */
final class InlineLoopTest {
  private InlineLoopTest() {}

  /**
   * The test of {@code loop} as one expression, if the statements of its condition only compute it
   * (see {@link ForwardSweep#test}).
   *
   * @param needed the variables the reverse sweep reads
   */
  static Optional<JavaExpr> find(
      Node.While loop, UseCounts uses, Activity activity, Set<Value.Var> needed) {
    if (!(loop.test() instanceof Value.Var test) || loop.condition().isEmpty()) {
      return Optional.empty();
    }
    Map<Value.Var, JavaExpr> values = new HashMap<>();
    for (Node node : loop.condition()) {
      Value.Var target = node.target().orElse(null);
      if (target == null
          || uses.readsOf(target) != 1
          || uses.definitionsOf(target) != 1
          || activity.isActive(target)
          || needed.contains(target)) {
        return Optional.empty();
      }
      Function<Value, JavaExpr> operand =
          v ->
              v instanceof Value.Var var && values.containsKey(var)
                  ? values.remove(var)
                  : IrExpressions.primal(v);
      JavaExpr value =
          switch (node) {
            case Node.ArrayLength length ->
                new Member(JavaExpr.name(length.array().name()), "length");
            case Node.Apply apply ->
                ElementwiseRules.value(
                    apply.op(),
                    SourceAlgebra.forPrimal(apply.mathClass()),
                    apply.args().stream().map(operand).toList());
            case Node.Operate operate ->
                new Parenthesized(
                    operate.args().size() == 1
                        ? new Prefix(
                            operate.operator().symbol(), operand.apply(operate.args().get(0)))
                        : new Binary(
                            operand.apply(operate.args().get(0)),
                            operate.operator().symbol(),
                            operand.apply(operate.args().get(1)),
                            JavaExpr.EQUALITY + 1));
            case Node.Copy copy -> target.type().isArray() ? null : operand.apply(copy.source());
            default -> null;
          };
      if (value == null) {
        return Optional.empty();
      }
      values.put(target, value);
    }
    JavaExpr whole = values.remove(test);
    if (whole == null || !values.isEmpty()) {
      return Optional.empty(); // a value the test does not read
    }
    // the outermost parentheses a comparison got are not needed in while (...)
    return Optional.of(whole.unparenthesized());
  }
}
