package dev.adjoint.processor.clean;

import static dev.adjoint.processor.clean.Build.add;
import static dev.adjoint.processor.clean.Build.assign;
import static dev.adjoint.processor.clean.Build.define;
import static dev.adjoint.processor.clean.Build.defineFloat;
import static dev.adjoint.processor.clean.Build.defineInt;
import static dev.adjoint.processor.clean.Build.minus;
import static dev.adjoint.processor.clean.Build.name;
import static dev.adjoint.processor.clean.Build.render;
import static dev.adjoint.processor.clean.Build.sink;
import static dev.adjoint.processor.clean.Build.times;
import static dev.adjoint.processor.clean.Build.types;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.stmt.CountedFor;
import dev.adjoint.processor.stmt.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyForwardingTest {
  private static List<Stmt> apply(List<Stmt> body) {
    return CopyForwarding.apply(body, body, types(body));
  }

  @Test
  void aChainOfCopiesReadsTheFirst() {
    List<Stmt> body =
        List.of(
            define("t1", times(name("a"), name("b"))),
            define("t2", name("t1")),
            define("t3", name("t2")),
            add("a", name("t3")),
            sink(name("t2")));
    assertEquals("double t1 = a * b;\na += t1;\nsink(t1);\n", render(apply(body)));
  }

  @Test
  void aNegatedCopyIsReadAsTheNegation() {
    List<Stmt> body =
        List.of(
            define("t1", times(name("a"), name("b"))),
            define("t2", minus("t1")),
            add("b", times(name("t2"), name("a"))));
    assertEquals("double t1 = a * b;\nb += -t1 * a;\n", render(apply(body)));
  }

  @Test
  void aCopyAssignedBackIsNotAssignedAndIsThenForwarded() {
    // the reverse of t = s + u; s = t: dT = dS; dS = dT;
    List<Stmt> body =
        List.of(
            define("dT", name("a")),
            sink(name("dT")),
            assign("a", name("dT")),
            add("b", times(name("dT"), name("b"))));
    assertEquals("sink(a);\nb += a * b;\n", render(apply(body)));
    // a write of either side between them: the assignment back changes the value
    List<Stmt> written =
        List.of(
            define("dT", name("a")), add("a", name("b")), assign("a", name("dT")), sink(name("a")));
    assertEquals(written, apply(written));
    List<Stmt> copyWritten =
        List.of(
            define("dT", name("a")),
            add("dT", name("b")),
            assign("a", name("dT")),
            sink(name("a")));
    assertEquals(copyWritten, apply(copyWritten));
  }

  @Test
  void aCopyStaysWhereEitherSideChangesOrTheTypesDiffer() {
    List<Stmt> copyReassigned =
        List.of(
            define("t1", times(name("a"), name("b"))),
            define("t2", name("t1")),
            assign("t2", name("b")),
            sink(name("t2")));
    assertEquals(copyReassigned, apply(copyReassigned));
    List<Stmt> sourceReassigned =
        List.of(
            define("t1", times(name("a"), name("b"))),
            define("t2", name("t1")),
            assign("t1", name("b")),
            sink(name("t2")));
    assertEquals(sourceReassigned, apply(sourceReassigned));
    List<Stmt> narrowed =
        List.of(defineFloat("f", name("a")), define("t", name("f")), sink(name("t")));
    assertEquals(narrowed, apply(narrowed));
    List<Stmt> integers =
        List.of(defineInt("i", name("n")), defineInt("j", name("i")), sink(name("j")));
    assertEquals(integers, apply(integers));
  }

  @Test
  void aNegatedCopyReadTwiceOrInALoopStaysComputedOnce() {
    List<Stmt> twice =
        List.of(
            define("t1", minus("a")),
            add("b", times(name("t1"), name("b"))),
            add("b", times(name("t1"), name("a"))));
    assertEquals(twice, apply(twice));
    List<Stmt> hoisted =
        List.of(
            define("t1", minus("a")),
            new CountedFor(
                "i", JavaExpr.literal("3"), List.of(add("b", times(name("t1"), name("b")))), null));
    assertEquals(hoisted, apply(hoisted));
  }
}
