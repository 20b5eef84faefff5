package dev.adjoint.processor.parse;

import static dev.adjoint.processor.parse.LoweringHarness.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Expressions lowered from source: Java's typing, operands evaluated only when their arm is taken,
 * names and fields resolved from the compilation unit.
 */
class ExpressionsTest {
  private static String body(String method, String... lines) {
    String[] all = new String[lines.length + 6];
    all[0] = "package demo;";
    all[1] = "import dev.adjoint.annotations.Differentiable;";
    all[2] = "import static java.lang.Math.sin;";
    all[3] = "class F {";
    System.arraycopy(lines, 0, all, 4, lines.length);
    all[lines.length + 4] =
        "  static class Inner { static final double K = 0.5; static double k = 3; }";
    all[lines.length + 5] = "}";
    return IrText.of(
        LoweringHarness.lower(source("demo.F", all)).of("F." + method).function().body());
  }

  @Test
  void arithmeticIsPromotedAsJavaPromotesIt() {
    String ir =
        body(
            "f",
            "  @Differentiable static double f(double a, int i, long n) {",
            "    double y = a + 2 * i;",
            "    return y * (n + i);",
            "  }");
    // 2 * i is an int, n + i a long; y takes the sum's node over, no copy
    assertEquals(
        """
        t1 = MULTIPLY(2, i)
        y = ADD(a, t1)
        t3 = ADD(n, i)
        t4 = MULTIPLY(y, t3)
        return t4
        """,
        ir);
  }

  @Test
  void anArmNotTakenIsNotEvaluated() {
    String ir =
        body(
            "f",
            "  @Differentiable static double f(double a, double b) {",
            "    return a > 0 && b > 0 ? Math.log(a) : -b;",
            "  }");
    assertEquals(
        """
        t1 = GREATER(a, 0)
        if t1
          t2 = GREATER(b, 0)
          t3 = t2
        else
          t3 = false
        if t3
          t4 = LOG(a)
          t6 = t4
        else
          t5 = NEGATE(b)
          t6 = t5
        return t6
        """,
        ir);
  }

  @Test
  void namesResolveThroughImportsNestedClassesAndFields() {
    String ir =
        body(
            "f",
            "  @Differentiable static double f(double a) {",
            "    return sin(a) * Inner.K + Inner.k + C + (int) a;",
            "  }",
            "  private static final double C = 0.25;");
    // a static import; static fields read through their class (the generated class, in the same
    // package, reaches them), a private constant inlined; a cast
    assertEquals(
        """
        t1 = SIN(a)
        t2 = MULTIPLY(t1, F.Inner.K)
        t3 = ADD(t2, F.Inner.k)
        t4 = ADD(t3, 0.25)
        t5 = (int) a
        t6 = ADD(t4, t5)
        return t6
        """,
        ir);
  }

  @Test
  void fieldsOfTheReceiverAreReadAsDataThroughIt() {
    List<Node> body =
        LoweringHarness.lower(
                source(
                    "demo.G",
                    "package demo;",
                    "import dev.adjoint.annotations.Differentiable;",
                    "class G {",
                    "  double mass = 2;",
                    "  @Differentiable double f(double v) {",
                    "    return this.mass * v * v;",
                    "  }",
                    "}"))
            .of("G.f")
            .function()
            .body();
    Node.Apply product = (Node.Apply) body.get(0);
    assertEquals(
        new Value.Const("self.mass", IrType.DOUBLE, Optional.of(FieldRef.ofReceiver("mass"))),
        product.args().get(0));
  }

  @Test
  void arrayElementsAreLoadedAndStored() {
    // the new array's temporary is named before its length: y takes t1 over
    String ir =
        body(
            "f",
            "  @Differentiable static double f(double[] x) {",
            "    double[] y = new double[x.length];",
            "    y[0] += x[1];",
            "    return y[0];",
            "  }");
    assertEquals(
        """
        t2 = x.length
        y = new[t2]
        t3 = y[0]
        t4 = x[1]
        t5 = ADD(t3, t4)
        y[0] = t5
        t6 = y[0]
        return t6
        """,
        ir);
  }
}
