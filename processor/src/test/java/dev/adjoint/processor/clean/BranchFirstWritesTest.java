package dev.adjoint.processor.clean;

import static dev.adjoint.processor.clean.Build.add;
import static dev.adjoint.processor.clean.Build.assign;
import static dev.adjoint.processor.clean.Build.name;
import static dev.adjoint.processor.clean.Build.plus;
import static dev.adjoint.processor.clean.Build.positive;
import static dev.adjoint.processor.clean.Build.render;
import static dev.adjoint.processor.clean.Build.sink;
import static dev.adjoint.processor.clean.Build.subtract;
import static dev.adjoint.processor.clean.Build.types;
import static dev.adjoint.processor.clean.Build.zero;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Throw;
import java.util.List;
import org.junit.jupiter.api.Test;

class BranchFirstWritesTest {
  private static List<Stmt> apply(List<Stmt> body) {
    return BranchFirstWrites.apply(body, types(body));
  }

  private static If branch(JavaExpr condition, List<Stmt> then, List<Stmt> otherwise) {
    return new If(condition, then, otherwise, null);
  }

  @Test
  void aLocalBothArmsSetFirstIsDeclaredWithoutAValue() {
    List<Stmt> body =
        List.of(
            zero("t"),
            sink(name("a")),
            branch(positive("a"), List.of(assign("t", name("a"))), List.of(assign("t", name("b")))),
            sink(name("t")));
    assertEquals(
        """
        double t;
        sink(a);
        if (a > 0.0) {
          t = a;
        } else {
          t = b;
        }
        sink(t);
        """,
        render(apply(body)));
  }

  @Test
  void eachArmsFirstContributionToTheZeroIsItsValue() {
    List<Stmt> body =
        List.of(
            zero("dT"),
            branch(
                positive("a"),
                List.of(add("dT", name("a")), add("dT", name("b"))),
                List.of(subtract("dT", name("b")))),
            sink(name("dT")));
    assertEquals(
        """
        double dT;
        if (a > 0.0) {
          dT = a;
          dT += b;
        } else {
          dT = -b;
        }
        sink(dT);
        """,
        render(apply(body)));
  }

  @Test
  void anArmThatThrowsOrANestedIfThatSetsItNeedsNoValue() {
    Stmt thrown = new Throw(JavaExpr.name("failure"), null);
    List<Stmt> body =
        List.of(
            zero("t"),
            branch(
                positive("a"),
                List.of(
                    branch(
                        positive("b"),
                        List.of(assign("t", name("a"))),
                        List.of(assign("t", name("b"))))),
                List.of(sink(name("b")), thrown)),
            sink(name("t")));
    assertEquals(
        """
        double t;
        if (a > 0.0) {
          if (b > 0.0) {
            t = a;
          } else {
            t = b;
          }
        } else {
          sink(b);
          throw failure;
        }
        sink(t);
        """,
        render(apply(body)));
  }

  @Test
  void theValueStaysWhereAPathReadsItFirstOrSkipsIt() {
    List<Stmt> oneArm =
        List.of(
            zero("t"),
            branch(positive("a"), List.of(assign("t", name("a"))), List.of()),
            sink(name("t")));
    assertEquals(oneArm, apply(oneArm));
    List<Stmt> readFirst =
        List.of(
            zero("t"),
            branch(
                positive("a"),
                List.of(assign("t", name("a"))),
                List.of(assign("t", plus(name("t"), name("b"))))),
            sink(name("t")));
    assertEquals(readFirst, apply(readFirst));
    List<Stmt> inCondition =
        List.of(
            zero("t"),
            branch(
                positive("t"), List.of(assign("t", name("a"))), List.of(assign("t", name("b")))));
    assertEquals(inCondition, apply(inCondition));
  }
}
