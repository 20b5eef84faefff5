package dev.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.stmt.Assert;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Comment;
import dev.adjoint.processor.stmt.CountedFor;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.ExprStmt;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.IfCall;
import dev.adjoint.processor.stmt.Increment;
import dev.adjoint.processor.stmt.IrLocalType;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.NamedLocalType;
import dev.adjoint.processor.stmt.PoetLocalType;
import dev.adjoint.processor.stmt.Release;
import dev.adjoint.processor.stmt.Return;
import dev.adjoint.processor.stmt.ReverseFor;
import dev.adjoint.processor.stmt.SameLine;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Throw;
import dev.adjoint.processor.stmt.TryCatch;
import dev.adjoint.processor.stmt.Update;
import dev.adjoint.processor.stmt.While;
import java.util.List;

/**
 * Writes {@link Stmt}s as Java, into JavaPoet code: the one place that knows how the generated
 * statements are spelled. A statement is one line, its comment after it ({@code code; //
 * comment}); a block's opening line carries the block's comment ({@code if (c) { // comment}) and
 * its body is indented one level; types go in as JavaPoet writes them ({@code $T} for JavaPoet
 * types, so that it imports them).
 */
public final class StmtRenderer {
  private StmtRenderer() {}

  /** {@code statements}, in order, as JavaPoet code. */
  public static CodeBlock render(List<Stmt> statements) {
    CodeBlock.Builder out = CodeBlock.builder();
    render(statements, out);
    return out.build();
  }

  /** Adds {@code statements}, in order, to {@code out}. */
  public static void render(List<Stmt> statements, CodeBlock.Builder out) {
    for (Stmt statement : statements) {
      render(statement, out);
    }
  }

  private static void render(Stmt statement, CodeBlock.Builder out) {
    switch (statement) {
      case Comment c -> out.add("// $L\n", c.text());
      case SameLine line -> {
        out.add(CodeBlock.join(line.parts().stream().map(StmtRenderer::line).toList(), " "));
        end(line.comment(), out);
      }
      case IfCall check -> out.add("if ($L) $L;\n", check.condition().code(), check.call().code());
      case If branch -> {
        out.add("if ($L) {", branch.condition().code());
        end(branch.comment(), out);
        body(branch.thenBody(), out);
        if (!branch.elseBody().isEmpty()) {
          out.add("} else {\n");
          body(branch.elseBody(), out);
        }
        out.add("}\n");
      }
      case While loop -> {
        out.add("while ($L) {", loop.condition().code());
        block(loop.body(), loop.comment(), out);
      }
      case CountedFor loop -> {
        out.add(
            "for (int $L = 0; $L < $L; $L++) {",
            loop.counter(),
            loop.counter(),
            loop.bound().code(),
            loop.counter());
        block(loop.body(), loop.comment(), out);
      }
      case ReverseFor loop -> {
        out.add(
            "for (int $L = $L; $L > 0; $L--) {",
            loop.counter(),
            loop.passes().code(),
            loop.counter(),
            loop.counter());
        block(loop.body(), loop.comment(), out);
      }
      case TryCatch guard -> {
        out.add("try {");
        end(guard.comment(), out);
        body(guard.body(), out);
        out.add("} catch ($T $L) {\n", guard.exception(), guard.parameter());
        body(guard.handler(), out);
        out.add("}\n");
      }
      case Return ret -> out.addStatement("return $L", ret.value().code());
      case Throw thrown -> {
        out.add("throw $L;", thrown.exception().code());
        end(thrown.comment(), out);
      }
      case Assert check -> {
        out.add("assert $L", check.condition().code());
        if (check.detail() != null) {
          out.add(" : $L", check.detail().code());
        }
        out.add(";");
        end(check.comment(), out);
      }
      case Define d -> simple(d, out);
      case Assign a -> simple(a, out);
      case Update u -> simple(u, out);
      case Increment i -> simple(i, out);
      case ExprStmt e -> simple(e, out);
      case Release r -> simple(r, out);
    }
  }

  /** A one-line statement and its comment. */
  private static void simple(Stmt statement, CodeBlock.Builder out) {
    out.add(line(statement));
    end(statement.comment(), out);
  }

  /** A one-line statement's code, up to its semicolon. */
  private static CodeBlock line(Stmt statement) {
    return switch (statement) {
      case Define d -> CodeBlock.of("$L $L = $L;", type(d.type()), d.name(), d.value().code());
      case Assign a -> CodeBlock.of("$L = $L;", a.target().code(), a.value().code());
      case Update u ->
          CodeBlock.of(
              "$L $L $L;", u.target().code(), u.subtracts() ? "-=" : "+=", u.value().code());
      case Increment i -> CodeBlock.of("$L++;", i.name());
      case ExprStmt e -> CodeBlock.of("$L;", e.expression().code());
      case Release r -> CodeBlock.of("$L = null;", r.name());
      default -> throw new IllegalArgumentException("not a one-line statement: " + statement);
    };
  }

  private static CodeBlock type(LocalType type) {
    return switch (type) {
      case IrLocalType ir -> CodeBlock.of("$L", ir.type().javaName());
      case PoetLocalType poet -> CodeBlock.of("$T", poet.type());
      case NamedLocalType named -> CodeBlock.of("$L", named.simpleName());
    };
  }

  /** The end of a statement's first line: its comment, if it has one. */
  private static void end(String comment, CodeBlock.Builder out) {
    if (comment == null) {
      out.add("\n");
    } else {
      out.add(" // $L\n", comment);
    }
  }

  /** A block's opening line's end, its body, indented, and its closing brace. */
  private static void block(List<Stmt> body, String comment, CodeBlock.Builder out) {
    end(comment, out);
    body(body, out);
    out.add("}\n");
  }

  private static void body(List<Stmt> body, CodeBlock.Builder out) {
    out.indent();
    render(body, out);
    out.unindent();
  }
}
