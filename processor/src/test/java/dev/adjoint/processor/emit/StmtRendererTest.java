package dev.adjoint.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.expr.NewInstance;
import dev.adjoint.processor.expr.Prefix;
import dev.adjoint.processor.expr.StringLiteral;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.stmt.Assert;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Comment;
import dev.adjoint.processor.stmt.CountedFor;
import dev.adjoint.processor.stmt.Declare;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.ExprStmt;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.IfCall;
import dev.adjoint.processor.stmt.Increment;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.NamedLocalType;
import dev.adjoint.processor.stmt.Release;
import dev.adjoint.processor.stmt.Return;
import dev.adjoint.processor.stmt.ReverseFor;
import dev.adjoint.processor.stmt.SameLine;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.StmtBuilder;
import dev.adjoint.processor.stmt.Throw;
import dev.adjoint.processor.stmt.TryCatch;
import dev.adjoint.processor.stmt.Update;
import dev.adjoint.processor.stmt.While;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built statements and the Java the renderer writes for them, case by case. */
class StmtRendererTest {
  private static final JavaExpr X = JavaExpr.name("x");
  private static final JavaExpr DX = JavaExpr.name("dX");
  private static final ClassName TAPE = ClassName.get("dev.adjoint.runtime", "Tape");

  private static String render(Stmt... statements) {
    return StmtRenderer.render(List.of(statements), 0).toString();
  }

  @Test
  void oneLineStatementsCarryTheirCommentAfterTheCode() {
    assertEquals(
        "double t = x * y; // F.java:3\n",
        render(
            new Define(
                LocalType.of(IrType.DOUBLE),
                "t",
                new Binary(X, "*", JavaExpr.name("y"), JavaExpr.MULTIPLICATIVE),
                "F.java:3")));
    assertEquals("x = 2.0;\n", render(new Assign(X, JavaExpr.literal("2.0"), null)));
    assertEquals(
        "double t; // F.java:3: set below\n",
        render(new Declare(LocalType.of(IrType.DOUBLE), "t", "F.java:3: set below")));
    assertEquals("passes++;\n", render(new Increment("passes", null)));
    assertEquals(
        "tape.pushDouble(x); // F.java:4: kept\n",
        render(
            new ExprStmt(
                new Call(JavaExpr.name("tape"), "pushDouble", List.of(X)), "F.java:4: kept")));
    assertEquals("t = null; // released\n", render(new Release("t", "released")));
    assertEquals("return x;\n", render(new Return(X)));
    assertEquals("throw failure;\n", render(new Throw(JavaExpr.name("failure"))));
  }

  @Test
  void anUpdateAddsOrSubtractsIntoALocalOrAnElement() {
    assertEquals(
        "dX += y; // F.java:5\n", render(new Update(DX, false, JavaExpr.name("y"), "F.java:5")));
    assertEquals("dX -= y;\n", render(new Update(DX, true, JavaExpr.name("y"), null)));
    Element element = new Element(JavaExpr.name("dA"), JavaExpr.name("i"));
    assertEquals(
        "dA[i] -= -y; // F.java:6\n",
        render(new Update(element, true, new Negation(JavaExpr.name("y")), "F.java:6")));
    assertEquals(
        "dA[i] = 0; // F.java:7\n", render(new Assign(element, JavaExpr.literal("0"), "F.java:7")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Assign(new Binary(X, "+", X, JavaExpr.ADDITIVE), X, null));
  }

  @Test
  void aCommentThatWouldPassOneHundredColumnsGoesAboveItsLine() {
    Stmt push =
        new ExprStmt(
            new Call(JavaExpr.name("tape"), "pushDouble", List.of(X)),
            "F.java:27: the reverse sweep needs the value it overwrites");
    // at column 4 the line ends at column 85: the comment stays after the code
    assertEquals(
        "tape.pushDouble(x); // F.java:27: the reverse sweep needs the value it overwrites\n",
        StmtRenderer.render(List.of(push), 4).toString());
    // at column 20 it would end at 101: the comment goes on its own line above
    assertEquals(
        "// F.java:27: the reverse sweep needs the value it overwrites\ntape.pushDouble(x);\n",
        StmtRenderer.render(List.of(push), 20).toString());
    // a block's opening line alike, its body counted one level in
    Stmt loop = new While(X, List.of(push), "F.java:26: " + "a long explanation ".repeat(3));
    assertEquals(
        "// F.java:26: a long explanation a long explanation a long explanation\n"
            + "while (x) {\n"
            + "  // F.java:27: the reverse sweep needs the value it overwrites\n"
            + "  tape.pushDouble(x);\n"
            + "}\n",
        StmtRenderer.render(List.of(loop), 18).toString());
    // a comment longer than a line is filled over several
    String words = "word ".repeat(30).strip();
    String filled = StmtRenderer.render(List.of(new Comment(words)), 4).toString();
    assertEquals(List.of(words), List.of(String.join(" ", filled.replace("// ", "").split("\n"))));
    for (String line : filled.split("\n")) {
      assertTrue(4 + line.length() <= 100, line);
    }
  }

  @Test
  void javaPoetBreaksCodeTooLongAfterACommaOrBeforeAnOperator() {
    List<JavaExpr> arguments = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      arguments.add(JavaExpr.name("argument" + i));
    }
    Stmt call =
        new Assign(
            DX,
            new Binary(
                new Call(JavaExpr.name("tensors"), "partial", arguments),
                "+",
                JavaExpr.name("y"),
                JavaExpr.ADDITIVE),
            null);
    MethodSpec method =
        MethodSpec.methodBuilder("run")
            .addCode(StmtRenderer.render(List.of(call), StmtRenderer.bodyColumn(1)))
            .build();
    String source =
        JavaFile.builder("demo", TypeSpec.classBuilder("A").addMethod(method).build())
            .indent("  ")
            .build()
            .toString();
    for (String line : source.split("\n")) {
      assertTrue(line.length() <= 100, line);
    }
    assertTrue(source.contains("argument11) + y;") || source.contains("\n        + y;"), source);
    assertEquals(
        "dX = tensors.partial(argument0, argument1) + y;\n",
        StmtRenderer.render(
                List.of(
                    new Assign(
                        DX,
                        new Binary(
                            new Call(JavaExpr.name("tensors"), "partial", arguments.subList(0, 2)),
                            "+",
                            JavaExpr.name("y"),
                            JavaExpr.ADDITIVE),
                        null)),
                4)
            .toString());
  }

  @Test
  void throwsAndAssertsWithTheirMessages() {
    JavaExpr message = new Binary(new StringLiteral("x < 0: "), "+", X, JavaExpr.ADDITIVE);
    assertEquals(
        // CodeBlock.toString qualifies every type; in a file JavaPoet imports it
        "throw new java.lang.IllegalArgumentException(\"x < 0: \" + x); // F.java:9\n",
        render(
            new Throw(
                new NewInstance(ClassName.get(IllegalArgumentException.class), List.of(message)),
                "F.java:9")));
    assertEquals("throw failure;\n", render(new Throw(JavaExpr.name("failure"))));
    assertEquals(
        "assert t1 : n; // F.java:10\n",
        render(new Assert(JavaExpr.name("t1"), JavaExpr.name("n"), "F.java:10")));
    assertEquals("assert t1;\n", render(new Assert(JavaExpr.name("t1"), null, null)));
  }

  @Test
  void aCommentLineAndStatementsOnOneLine() {
    assertEquals("// the pass's adjoints\n", render(new Comment("the pass's adjoints")));
    assertEquals(
        "t = null; dT = null; // F.java:8: not read again, released\n",
        render(
            new SameLine(
                List.of(new Release("t", null), new Release("dT", null)),
                "F.java:8: not read again, released")));
    assertThrows(
        IllegalArgumentException.class, () -> new SameLine(List.of(new Comment("no")), null));
  }

  @Test
  void nestedBranchesIndentTheirArmsAndWriteAnElseOnlyWhenItHasStatements() {
    Stmt inner =
        new If(
            new Prefix("!", JavaExpr.name("b")),
            List.of(new Update(DX, false, X, "F.java:10")),
            List.of(),
            null);
    Stmt outer =
        new If(
            JavaExpr.name("a"),
            List.of(inner),
            List.of(new Assign(DX, JavaExpr.literal("0.0"), "F.java:11")),
            "F.java:9: the arm the forward sweep took");
    assertEquals(
        """
        if (a) { // F.java:9: the arm the forward sweep took
          if (!b) {
            dX += x; // F.java:10
          }
        } else {
          dX = 0.0; // F.java:11
        }
        """,
        render(outer));
    assertEquals(
        "if (flag) Checks.reverse(dX, \"F.java:12\");\n",
        render(
            new IfCall(
                JavaExpr.name("flag"),
                new Call(
                    JavaExpr.name("Checks"),
                    "reverse",
                    List.of(DX, new StringLiteral("F.java:12"))))));
  }

  @Test
  void eachLoopForm() {
    Stmt body = new Increment("n", null);
    assertEquals(
        "while (i < n) { // F.java:13\n  n++;\n}\n",
        render(
            new While(
                new Binary(JavaExpr.name("i"), "<", JavaExpr.name("n"), JavaExpr.RELATIONAL),
                List.of(body),
                "F.java:13")));
    assertEquals(
        "for (int k = 0; k < seed.length; k++) { // F.java:14\n  n++;\n}\n",
        render(
            new CountedFor(
                "k", new Member(JavaExpr.name("seed"), "length"), List.of(body), "F.java:14")));
    assertEquals(
        "for (int pass = passes; pass > 0; pass--) { // F.java:15: the loop's passes, last first\n"
            + "  n++;\n"
            + "}\n",
        render(
            new ReverseFor(
                "pass",
                JavaExpr.name("passes"),
                List.of(body),
                "F.java:15: the loop's passes, last first")));
  }

  @Test
  void theTapeGuardCatchesRewindsAndRethrows() {
    Stmt guard =
        new TryCatch(
            List.of(new Return(X)),
            ClassName.get(Throwable.class),
            "failure",
            List.of(
                new ExprStmt(
                    new Call(JavaExpr.name("tape"), "unwind", List.of(JavaExpr.name("mark"))),
                    "back"),
                new Throw(JavaExpr.name("failure"))),
            "guarded");
    assertEquals(
        """
        try { // guarded
          return x;
        } catch (java.lang.Throwable failure) {
          tape.unwind(mark); // back
          throw failure;
        }
        """,
        render(guard));
  }

  @Test
  void typesAreImportedWhereTheyAreJavaPoetTypesAndWrittenAsTextOtherwise() {
    List<Stmt> code =
        List.of(
            new Define(
                LocalType.of(TAPE),
                "tape",
                new Call(new TypeRef(TAPE), "current", List.of()),
                "keeps loop values"),
            new Define(
                LocalType.of(TAPE.nestedClass("Mark")),
                "mark",
                new Call(JavaExpr.name("tape"), "mark", List.of()),
                null),
            new Define(LocalType.of(IrType.TENSOR), "w", JavaExpr.literal("self.w"), null),
            new Define(new NamedLocalType("FResult"), "r", JavaExpr.literal("null"), null),
            new Define(LocalType.of(TypeName.LONG), "start", JavaExpr.literal("0L"), null));
    MethodSpec method =
        MethodSpec.methodBuilder("run")
            .addCode(StmtRenderer.render(code, StmtRenderer.bodyColumn(1)))
            .build();
    String file =
        JavaFile.builder("demo", TypeSpec.classBuilder("FGrad").addMethod(method).build())
            .build()
            .toString();
    assertEquals(
        List.of("import dev.adjoint.runtime.Tape;"),
        file.lines().filter(l -> l.startsWith("import")).toList());
    assertEquals(
        List.of(
            "Tape tape = Tape.current(); // keeps loop values",
            "Tape.Mark mark = tape.mark();",
            "Tensor w = self.w;",
            "FResult r = null;",
            "long start = 0L;"),
        file.lines()
            .map(String::strip)
            .filter(l -> l.endsWith(";") || l.contains("//"))
            .filter(l -> !l.startsWith("package") && !l.startsWith("import"))
            .toList());
  }

  @Test
  void theBuilderNestsBlocksAsTheyAreOpenedAndClosed() {
    StmtBuilder out = new StmtBuilder();
    out.beginIf(JavaExpr.name("a"), "F.java:1");
    out.beginWhile(JavaExpr.name("go"), null).add(new Increment("n", null)).end();
    out.orElse();
    out.beginCountedFor("k", JavaExpr.name("n"), null).update(DX, false, X, null).end();
    out.end();
    out.beginReverseFor("pass", JavaExpr.name("n"), null).comment("undo").end();
    assertEquals(
        """
        if (a) { // F.java:1
          while (go) {
            n++;
          }
        } else {
          for (int k = 0; k < n; k++) {
            dX += x;
          }
        }
        for (int pass = n; pass > 0; pass--) {
          // undo
        }
        """,
        StmtRenderer.render(out.build(), 0).toString());
    assertThrows(IllegalStateException.class, () -> new StmtBuilder().beginIf(X, null).build());
    assertThrows(IllegalStateException.class, () -> new StmtBuilder().orElse());
  }
}
