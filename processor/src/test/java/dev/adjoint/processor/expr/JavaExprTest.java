package dev.adjoint.processor.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Expression trees: their text follows Java's precedence, and queries read the tree. */
class JavaExprTest {
  private static final ClassName MATH = ClassName.get("java.lang", "Math");
  private final JavaExpr a = JavaExpr.name("a");
  private final JavaExpr b = JavaExpr.name("b");

  @Test
  void textParenthesizesOnlyWhereJavaNeedsIt() {
    JavaExpr sum = new Binary(a, "+", b, JavaExpr.ADDITIVE);
    assertEquals("(a + b) * a", new Binary(sum, "*", a, JavaExpr.MULTIPLICATIVE).source());
    assertEquals("a - (a + b)", new Binary(a, "-", sum, JavaExpr.ADDITIVE).source());
    assertEquals("-(a + b)", new Negation(sum).source());
    assertEquals("-(-a)", new Negation(new Negation(a)).source());
    assertEquals("-(-1.5)", new Negation(JavaExpr.number(-1.5)).source());
    assertEquals("b > a ? a : -b", conditional().source());
    assertEquals(
        "java.lang.Math.cos(a + b)",
        new Call(new TypeRef(MATH), "cos", List.of(sum)).source(),
        "code names types for JavaPoet to import");
    assertEquals("Math.cos(a + b)", new Call(new TypeRef(MATH), "cos", List.of(sum)).text());
    assertEquals("(g, x) -> g * x", lambda().source());
    assertEquals(
        "dA[i].length", new Member(new Element(JavaExpr.name("dA"), i()), "length").source());
  }

  @Test
  void readsFindsNamesNotTextThatContainsThem() {
    JavaExpr call = new Call(new TypeRef(MATH), "log", List.of(JavaExpr.name("ab")));
    assertFalse(call.reads("a"), "ab is not a");
    assertFalse(call.reads("Math"), "a type is not a name");
    assertFalse(JavaExpr.literal("Physics.G").reads("G"), "a constant reads no local");
    assertTrue(new Element(JavaExpr.name("dA"), i()).reads("dA"));
    assertTrue(new Element(JavaExpr.name("dA"), i()).reads("i"));
    assertTrue(conditional().reads("b"));
  }

  @Test
  void countSeesEveryNestedExpression() {
    JavaExpr t = JavaExpr.name("tensors");
    JavaExpr inner = new Call(t, "cos", List.of(a));
    JavaExpr outer =
        new Call(t, "multiply", List.of(inner, new TensorConstant(t, JavaExpr.number(2))));
    assertEquals(2, outer.count(e -> e instanceof Call));
    assertEquals(OptionalDouble.of(2), new TensorConstant(t, JavaExpr.number(2)).constant());
  }

  @Test
  void literalsKnowTheirValueOnlyWhenPlainDecimals() {
    assertEquals(OptionalDouble.of(2.5), JavaExpr.literal("2.5").constant());
    assertEquals(OptionalDouble.of(-1e-3), JavaExpr.literal("-1e-3f").constant());
    assertEquals(OptionalDouble.of(1000), JavaExpr.literal("1_000").constant());
    assertEquals(OptionalDouble.of(0.5), JavaExpr.literal("0.5").constant());
    assertEquals(OptionalDouble.empty(), JavaExpr.literal("Math.PI").constant());
    assertEquals(OptionalDouble.empty(), JavaExpr.literal("010").constant(), "octal, not ten");
    assertEquals(OptionalDouble.empty(), JavaExpr.literal("0x10").constant());
    assertEquals(OptionalDouble.empty(), JavaExpr.literal("3L").constant());
    assertTrue(JavaExpr.literal("-Math.PI").leadingMinus());
    assertEquals("Math.PI", ((Literal) JavaExpr.literal("-Math.PI")).withoutMinus().source());
  }

  @Test
  void unparenthesizedRemovesOnlyWholeParentheses() {
    JavaExpr comparison = new Parenthesized(new Binary(a, ">", b, JavaExpr.RELATIONAL));
    assertEquals("a > b", comparison.unparenthesized().source());
    assertEquals(a, a.unparenthesized());
  }

  private JavaExpr conditional() {
    return new Conditional(new Binary(b, ">", a, JavaExpr.RELATIONAL), a, new Negation(b));
  }

  private static JavaExpr lambda() {
    return new Lambda(
        List.of("g", "x"),
        new Binary(JavaExpr.name("g"), "*", JavaExpr.name("x"), JavaExpr.MULTIPLICATIVE));
  }

  private static JavaExpr i() {
    return JavaExpr.name("i");
  }
}
