package dev.adjoint.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules printed as Java: parentheses only where needed, exact simplifications only. */
class SourceAlgebraTest {
  private final SourceAlgebra adjoint = SourceAlgebra.forAdjoint();
  private final SourceAlgebra primal = SourceAlgebra.forPrimal("Math");
  private final JavaExpr a = JavaExpr.name("a");
  private final JavaExpr b = JavaExpr.name("b");
  private final JavaExpr g = JavaExpr.name("g");
  private final JavaExpr y = JavaExpr.name("y");

  @Test
  void parenthesesFollowJavaPrecedenceAndKeepEvaluationOrder() {
    assertEquals("(a + b) * a", primal.multiply(primal.add(a, b), a).text());
    assertEquals("a * b + a", primal.add(primal.multiply(a, b), a).text());
    assertEquals("a - (a - b)", primal.subtract(a, primal.subtract(a, b)).text());
    assertEquals("a + (a + b)", primal.add(a, primal.add(a, b)).text());
    assertEquals("-(a + b)", primal.negate(primal.add(a, b)).text());
    assertEquals("-(-a)", primal.negate(primal.negate(a)).text());
  }

  @Test
  void theRulesReadAsTheirMath() {
    List<JavaExpr> x = List.of(a);
    assertEquals("g * Math.cos(a)", partial(ElementwiseOp.SIN, x, 0));
    assertEquals("-(g * Math.sin(a))", partial(ElementwiseOp.COS, x, 0));
    assertEquals("g * (1.0 - y * y)", partial(ElementwiseOp.TANH, x, 0));
    assertEquals("g / (2.0 * y)", partial(ElementwiseOp.SQRT, x, 0));
    assertEquals("-(g * y / b)", partial(ElementwiseOp.DIVIDE, List.of(a, b), 1));
  }

  @Test
  void simplificationsAreExact() {
    JavaExpr two = JavaExpr.literal("2.0");
    // d(x^2)/dx = 2 x^1 = 2 x, and the exponent is not 0, so no select remains
    assertEquals("g * (2.0 * a)", partial(ElementwiseOp.POW, List.of(a, two), 0));
    assertEquals("a", adjoint.multiply(JavaExpr.number(1), a).text());
    assertEquals("a", adjoint.add(a, JavaExpr.number(0)).text());
    assertEquals("a", adjoint.negate(adjoint.negate(a)).text());
    // the primal is written as the user wrote it
    assertEquals("1.0 * a", primal.multiply(JavaExpr.literal("1.0"), a).text());
  }

  private String partial(ElementwiseOp op, List<JavaExpr> args, int i) {
    return ElementwiseRules.partial(op, adjoint, args, y, g, i).text();
  }
}
