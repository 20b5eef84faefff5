package dev.adjoint.processor.clean;

import static dev.adjoint.processor.clean.Build.add;
import static dev.adjoint.processor.clean.Build.assign;
import static dev.adjoint.processor.clean.Build.define;
import static dev.adjoint.processor.clean.Build.defineFloat;
import static dev.adjoint.processor.clean.Build.defineInt;
import static dev.adjoint.processor.clean.Build.minus;
import static dev.adjoint.processor.clean.Build.name;
import static dev.adjoint.processor.clean.Build.plus;
import static dev.adjoint.processor.clean.Build.positive;
import static dev.adjoint.processor.clean.Build.render;
import static dev.adjoint.processor.clean.Build.sink;
import static dev.adjoint.processor.clean.Build.subtract;
import static dev.adjoint.processor.clean.Build.times;
import static dev.adjoint.processor.clean.Build.types;
import static dev.adjoint.processor.clean.Build.when;
import static dev.adjoint.processor.clean.Build.zero;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.TryCatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstWritesTest {
  private static List<Stmt> apply(List<Stmt> body) {
    return FirstWrites.apply(body, types(body));
  }

  @Test
  void aConstantOverwrittenNextIsTheOverwrite() {
    assertEquals(
        "sink(a);\ndouble t = a * b;\nsink(t);\n",
        render(
            apply(
                List.of(
                    zero("t"),
                    sink(name("a")),
                    assign("t", times(name("a"), name("b"))),
                    sink(name("t"))))));
  }

  @Test
  void theFirstContributionToAZeroIsAnAssignment() {
    assertEquals(
        "double t = a * b;\n",
        render(apply(List.of(zero("t"), add("t", times(name("a"), name("b")))))));
    assertEquals("double t = -a;\n", render(apply(List.of(zero("t"), subtract("t", name("a"))))));
    assertEquals("double t = a;\n", render(apply(List.of(zero("t"), subtract("t", minus("a"))))));
  }

  @Test
  void aDoubleValueThenAContributionIsTheSum() {
    assertEquals(
        "double t = a - b * a;\nsink(t);\n",
        render(
            apply(
                List.of(
                    define("t", name("a")),
                    subtract("t", times(name("b"), name("a"))),
                    sink(name("t"))))));
    assertEquals(
        "double t = a * b + a + b;\n",
        render(
            apply(
                List.of(
                    define("t", times(name("a"), name("b"))),
                    add("t", name("a")),
                    add("t", name("b"))))));
    // an int value: i + j would be an int addition, where t += j adds doubles
    List<Stmt> integer =
        List.of(defineInt("i", name("n")), define("t", name("i")), add("t", name("i")));
    assertEquals(integer, apply(integer));
    // a float value: f + c would add floats
    List<Stmt> narrow =
        List.of(defineFloat("f", name("a")), define("t", name("f")), add("t", name("f")));
    assertEquals(narrow.subList(1, 3), apply(narrow).subList(1, 3));
    // a contribution reading the local itself
    List<Stmt> doubling = List.of(define("t", name("a")), add("t", name("t")));
    assertEquals(doubling, apply(doubling));
  }

  @Test
  void aFloatAdjointGetsTheNarrowingItsContributionHadImplicitly() {
    assertEquals(
        "float t = (float) (a * b);\n",
        render(
            apply(
                List.of(
                    defineFloat("t", JavaExpr.number(0)), add("t", times(name("a"), name("b")))))));
  }

  @Test
  void nothingMergesWithAReadANonZeroAnotherBlockOrAnIntNegation() {
    List<Stmt> readsItself = List.of(zero("t"), assign("t", plus(name("t"), name("a"))));
    assertEquals(readsItself, apply(readsItself));
    List<Stmt> one = List.of(define("t", JavaExpr.number(1)), add("t", name("a")));
    assertEquals(one, apply(one));
    List<Stmt> nested =
        List.of(zero("t"), when(positive("a"), assign("t", name("a"))), sink(name("t")));
    assertEquals(nested, apply(nested));
    // 0.0 - i is -(double) i, but -i overflows for Integer.MIN_VALUE: it stays a subtraction
    List<Stmt> integer = List.of(defineInt("i", name("n")), zero("t"), subtract("t", name("i")));
    assertEquals(integer, apply(integer));

    // an exception between the two writes would show the handler the constant
    List<Stmt> guarded =
        List.of(
            zero("t"),
            new TryCatch(
                List.of(assign("t", JavaExpr.number(0)), sink(name("a")), assign("t", name("b"))),
                ClassName.get(RuntimeException.class),
                "e",
                List.of(sink(name("t"))),
                null));
    assertEquals(guarded, apply(guarded));
  }
}
