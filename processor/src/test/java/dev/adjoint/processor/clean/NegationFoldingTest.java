package dev.adjoint.processor.clean;

import static dev.adjoint.processor.clean.Build.add;
import static dev.adjoint.processor.clean.Build.defineInt;
import static dev.adjoint.processor.clean.Build.minus;
import static dev.adjoint.processor.clean.Build.name;
import static dev.adjoint.processor.clean.Build.plus;
import static dev.adjoint.processor.clean.Build.render;
import static dev.adjoint.processor.clean.Build.sink;
import static dev.adjoint.processor.clean.Build.subtract;
import static dev.adjoint.processor.clean.Build.times;
import static dev.adjoint.processor.clean.Build.types;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.StringLiteral;
import dev.adjoint.processor.stmt.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

class NegationFoldingTest {
  private static List<Stmt> apply(Stmt... body) {
    return NegationFolding.apply(List.of(body), types(List.of(body)));
  }

  @Test
  void aNegatedContributionIsTheOppositeUpdate() {
    assertEquals("b -= a * b;\n", render(apply(add("b", times(minus("a"), name("b"))))));
    assertEquals("b -= a * b;\n", render(apply(add("b", times(name("a"), minus("b"))))));
    assertEquals("b += a;\n", render(apply(subtract("b", minus("a")))));
    assertEquals(
        "b -= a / b;\n",
        render(apply(add("b", new Binary(minus("a"), "/", name("b"), JavaExpr.MULTIPLICATIVE)))));
  }

  @Test
  void aNegatedTermOfASumIsSubtracted() {
    assertEquals(
        "sink(a - a * b);\n", render(apply(sink(plus(name("a"), times(minus("a"), name("b")))))));
    assertEquals(
        "sink(a + b);\n",
        render(apply(sink(new Binary(name("a"), "-", minus("b"), JavaExpr.ADDITIVE)))));
  }

  @Test
  void aNegationElsewhereOrOfAnIntegerStays() {
    List<Stmt> product = apply(sink(times(minus("a"), name("b"))));
    assertEquals("sink(-a * b);\n", render(product));
    // "a = " + -a joins a string: "a = " - a would not compile
    Stmt message = sink(new Binary(new StringLiteral("a = "), "+", minus("a"), JavaExpr.ADDITIVE));
    assertEquals("sink(\"a = \" + -a);\n", render(apply(message)));
    Stmt joined = sink(new Binary(plus(name("a"), name("s")), "+", minus("b"), JavaExpr.ADDITIVE));
    assertEquals(List.of(joined), apply(joined)); // s may be a String: a + s + -b stays
    // -i overflows for Integer.MIN_VALUE, so b + -i is not b - i
    Stmt integer = add("b", minus("i"));
    assertEquals(
        List.of(defineInt("i", name("n")), integer), apply(defineInt("i", name("n")), integer));
  }
}
