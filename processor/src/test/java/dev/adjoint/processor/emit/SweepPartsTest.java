package dev.adjoint.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.diff.SweepChunk;
import dev.adjoint.processor.diff.SweepLocal;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Code;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Return;
import dev.adjoint.processor.stmt.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which locals each part of split sweeps hands on to the parts after it, on hand-built parts. */
class SweepPartsTest {
  private static final Origin ORIGIN = new Origin("Demo.java", 1, 0);

  @Test
  void aPartHandsOnOnlyTheLocalsALaterPartOrTheTailReads() {
    // part 0 declares a (read by part 1), b (read by nobody), c (read by the tail, in an if)
    List<SweepChunk> part0 =
        List.of(chunk(define("a", number(1)), define("b", number(2)), define("c", number(3))));
    // part 1 declares d, read by part 2, and reads a
    List<SweepChunk> part1 = List.of(chunk(define("d", plus("a", "a"))));
    List<SweepChunk> part2 = List.of(chunk(define("e", plus("d", "d"))));
    List<Stmt> tail = List.of(new If(name("c"), List.of(new Return(name("c"))), List.of(), null));

    List<List<SweepLocal>> handedOn = SweepParts.handedOn(List.of(part0, part1, part2), tail);

    assertEquals(
        List.of(List.of(local("a"), local("c")), List.of(local("d")), List.of()), handedOn);
  }

  @Test
  void aTemplateTheCleanUpsCannotSeeIntoMayReadAnyLocal() {
    List<SweepChunk> part0 = List.of(chunk(define("a", number(1)), define("b", number(2))));
    Code opaque = new Code(CodeBlock.of("work()"), "work()", List.of());
    List<Stmt> tail = List.of(new Return(opaque));

    assertEquals(
        List.of(List.of(local("a"), local("b"))), SweepParts.handedOn(List.of(part0), tail));
  }

  private static SweepChunk chunk(Stmt... code) {
    List<SweepLocal> declares =
        java.util.Arrays.stream(code).map(s -> local(((Define) s).name())).toList();
    return new SweepChunk(List.of(code), code.length, declares, ORIGIN);
  }

  private static SweepLocal local(String name) {
    return new SweepLocal(TypeName.DOUBLE, name);
  }

  private static Stmt define(String name, JavaExpr value) {
    return new Define(LocalType.of(IrType.DOUBLE), name, value, null);
  }

  private static JavaExpr name(String identifier) {
    return JavaExpr.name(identifier);
  }

  private static JavaExpr number(double value) {
    return JavaExpr.number(value);
  }

  private static JavaExpr plus(String a, String b) {
    return new Binary(name(a), "+", name(b), JavaExpr.ADDITIVE);
  }
}
