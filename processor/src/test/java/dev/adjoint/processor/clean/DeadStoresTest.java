package dev.adjoint.processor.clean;

import static dev.adjoint.processor.clean.Build.assign;
import static dev.adjoint.processor.clean.Build.define;
import static dev.adjoint.processor.clean.Build.name;
import static dev.adjoint.processor.clean.Build.positive;
import static dev.adjoint.processor.clean.Build.render;
import static dev.adjoint.processor.clean.Build.sink;
import static dev.adjoint.processor.clean.Build.times;
import static dev.adjoint.processor.clean.Build.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.stmt.Declare;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadStoresTest {
  @Test
  void aLocalNothingReadsIsNeitherDeclaredNorStored() {
    List<Stmt> body =
        List.of(
            new Declare(LocalType.of(IrType.BOOLEAN), "r", null),
            when(positive("a"), assign("r", name("a")), sink(name("a"))),
            define("t", times(name("a"), name("b"))),
            assign("t", name("b")),
            sink(name("b")));
    assertEquals(
        """
        if (a > 0.0) {
          sink(a);
        }
        sink(b);
        """,
        render(DeadStores.apply(body)));
  }

  @Test
  void aReadAnywhereOrAValueThatMayFailKeepsIt() {
    List<Stmt> readInABlock = List.of(define("t", name("a")), when(positive("t"), sink(name("a"))));
    assertEquals(readInABlock, DeadStores.apply(readInABlock));
    List<Stmt> readInAnArm = List.of(define("t", name("a")), when(positive("a"), sink(name("t"))));
    assertEquals(readInAnArm, DeadStores.apply(readInAnArm));
    // i / j throws for j = 0, an element read for an index out of bounds
    List<Stmt> division =
        List.of(define("t", new Binary(name("a"), "/", name("b"), JavaExpr.MULTIPLICATIVE)));
    assertEquals(division, DeadStores.apply(division));
    List<Stmt> element = List.of(define("t", new Element(name("x"), name("k"))));
    assertEquals(element, DeadStores.apply(element));
    // one store it may not drop keeps the others, and the declaration they need
    List<Stmt> mixed =
        List.of(define("t", name("a")), assign("t", new Element(name("x"), name("k"))));
    assertEquals(mixed, DeadStores.apply(mixed));
  }
}
