package dev.adjoint.processor.clean;

import static dev.adjoint.processor.clean.Build.add;
import static dev.adjoint.processor.clean.Build.assign;
import static dev.adjoint.processor.clean.Build.name;
import static dev.adjoint.processor.clean.Build.positive;
import static dev.adjoint.processor.clean.Build.render;
import static dev.adjoint.processor.clean.Build.sink;
import static dev.adjoint.processor.clean.Build.times;
import static dev.adjoint.processor.clean.Build.when;
import static dev.adjoint.processor.clean.Build.zero;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.stmt.CountedFor;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclarationSinkingTest {
  private static final JavaExpr POSITIVE = positive("a");

  private static If ifPositive(Stmt... then) {
    return when(POSITIVE, then);
  }

  private static CountedFor twice(Stmt... body) {
    return twice("i", body);
  }

  private static CountedFor twice(String counter, Stmt... body) {
    return new CountedFor(counter, JavaExpr.literal("2"), List.of(body), null);
  }

  @Test
  void aTemporaryUsedInOneArmIsDeclaredThere() {
    List<Stmt> body =
        List.of(zero("t"), ifPositive(assign("t", times(name("a"), name("b"))), sink(name("t"))));
    assertEquals(
        """
        if (a > 0.0) {
          double t = 0.0;
          t = a * b;
          sink(t);
        }
        """,
        render(DeclarationSinking.apply(body)));
  }

  @Test
  void inALoopItIsDeclaredOnlyAsTheAssignmentThatStartsEachPass() {
    List<Stmt> body = List.of(zero("t"), twice(assign("t", name("a")), sink(name("t"))));
    assertEquals(
        """
        for (int i = 0; i < 2; i++) {
          double t = a;
          sink(t);
        }
        """,
        render(DeclarationSinking.apply(body)));
    // a pass that adds to what the pass before left keeps the declaration outside the loop
    List<Stmt> accumulating = List.of(zero("t"), twice(add("t", name("a")), sink(name("t"))));
    assertEquals(accumulating, DeclarationSinking.apply(accumulating));
  }

  @Test
  void inALoopNestItMovesDownToTheInnermostBodyThatSetsIt() {
    List<Stmt> body =
        List.of(
            zero("t"), twice(sink(name("a")), twice("j", assign("t", name("a")), sink(name("t")))));
    assertEquals(
        """
        for (int i = 0; i < 2; i++) {
          sink(a);
          for (int j = 0; j < 2; j++) {
            double t = a;
            sink(t);
          }
        }
        """,
        render(DeclarationSinking.apply(DeclarationSinking.apply(body))));
    // the inner loop adds to what its last pass left: the declaration stays outside the nest
    List<Stmt> accumulating =
        List.of(zero("t"), twice(twice("j", add("t", name("a"))), sink(name("t"))));
    assertEquals(accumulating, DeclarationSinking.apply(accumulating));
    // an outer pass reads what the one before left, after the inner loop
    List<Stmt> readOnNextPass =
        List.of(zero("t"), twice(sink(name("t")), twice("j", assign("t", name("a")))));
    assertEquals(readOnNextPass, DeclarationSinking.apply(readOnNextPass));
  }

  @Test
  void aDeclarationNothingUsesIsDropped() {
    assertEquals(
        List.of(sink(name("a"))), DeclarationSinking.apply(List.of(zero("t"), sink(name("a")))));
  }

  @Test
  void itStaysWhereAReadOutsideTheBlockOrBothArmsOrTheConditionNeedIt() {
    List<Stmt> readAfter = List.of(zero("t"), ifPositive(assign("t", name("a"))), sink(name("t")));
    assertEquals(readAfter, DeclarationSinking.apply(readAfter));
    List<Stmt> bothArms =
        List.of(
            zero("t"),
            new If(
                POSITIVE, List.of(assign("t", name("a"))), List.of(assign("t", name("b"))), null),
            sink(name("b")));
    assertEquals(bothArms.subList(0, 2), DeclarationSinking.apply(bothArms).subList(0, 2));
    List<Stmt> inCondition = List.of(zero("t"), when(positive("t"), assign("t", name("a"))));
    assertEquals(inCondition, DeclarationSinking.apply(inCondition));
  }
}
