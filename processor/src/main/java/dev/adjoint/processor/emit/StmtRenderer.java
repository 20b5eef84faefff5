package dev.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.expr.TypeNaming;
import dev.adjoint.processor.expr.TypeRef;
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

  /** The width of the generated code, as google-java-format writes it. */
  static final int COLUMNS = Javadoc.COLUMNS;

  /** What each level of blocks indents, as the generated files' JavaPoet indent. */
  static final int INDENT = 2;

  /**
   * The column of a method body's statements in a class nested in {@code enclosing} - 1 others (1:
   * a top-level class's method, whose body starts at column 4).
   */
  public static int bodyColumn(int enclosing) {
    return INDENT * (enclosing + 1);
  }

  /** {@code statements}, in order, as JavaPoet code, for a block starting at {@code column}. */
  public static CodeBlock render(List<Stmt> statements, int column) {
    CodeBlock.Builder out = CodeBlock.builder();
    render(statements, out, column);
    return out.build();
  }

  /**
   * Adds {@code statements}, in order, to {@code out}, whose code starts at {@code column} (4 in a
   * method of a top-level class): the comment of a line that would pass 100 columns goes on lines
   * of its own above it, and JavaPoet breaks code still too long where expressions allow.
   */
  public static void render(List<Stmt> statements, CodeBlock.Builder out, int column) {
    for (Stmt statement : statements) {
      render(statement, out, column);
    }
  }

  private static void render(Stmt statement, CodeBlock.Builder out, int column) {
    switch (statement) {
      case Comment c -> comment(c.text(), column, out);
      case If branch -> {
        firstLine(statement, column, out);
        body(branch.thenBody(), column, out);
        if (!branch.elseBody().isEmpty()) {
          out.add("} else {\n");
          body(branch.elseBody(), column, out);
        }
        out.add("}\n");
      }
      case While loop -> block(statement, loop.body(), column, out);
      case CountedFor loop -> block(statement, loop.body(), column, out);
      case ReverseFor loop -> block(statement, loop.body(), column, out);
      case TryCatch guard -> {
        firstLine(statement, column, out);
        body(guard.body(), column, out);
        out.add("} catch ($T $L) {\n", guard.exception(), guard.parameter());
        body(guard.handler(), column, out);
        out.add("}\n");
      }
      default -> firstLine(statement, column, out);
    }
  }

  /**
   * A statement's first line (a one-line statement, or a block's opening up to its brace) and its
   * comment: after the code where the line fits in 100 columns, counted with types by their simple
   * names (as JavaPoet imports them); else on lines of its own above it.
   */
  private static void firstLine(Stmt statement, int column, CodeBlock.Builder out) {
    String comment = statement.comment();
    CodeBlock code = head(statement, TypeNaming.IMPORTED);
    if (comment != null) {
      int width = column + head(statement, TypeNaming.SIMPLE).toString().length();
      if (width + " // ".length() + comment.length() > COLUMNS) {
        comment(comment, column, out);
        comment = null;
      }
    }
    out.add(code);
    if (comment == null) {
      out.add("\n");
    } else {
      out.add(" // $L\n", comment);
    }
  }

  /** {@code // text}, filled over as many lines as 100 columns need. */
  private static void comment(String text, int column, CodeBlock.Builder out) {
    StringBuilder lines = new StringBuilder();
    Javadoc.fill(text, COLUMNS - column - "// ".length(), "", lines);
    for (String line : lines.toString().split("\n")) {
      out.add("// $L\n", line);
    }
  }

  /**
   * The code of a statement's first line, without its comment: a one-line statement up to its
   * semicolon, a block's opening up to its brace; types named as {@code naming} says.
   */
  private static CodeBlock head(Stmt statement, TypeNaming naming) {
    return switch (statement) {
      case SameLine line ->
          CodeBlock.join(line.parts().stream().map(p -> head(p, naming)).toList(), " ");
      case IfCall check ->
          CodeBlock.of("if ($L) $L;", check.condition().write(naming), check.call().write(naming));
      case If branch -> CodeBlock.of("if ($L) {", branch.condition().write(naming));
      case While loop -> CodeBlock.of("while ($L) {", loop.condition().write(naming));
      case CountedFor loop ->
          CodeBlock.of(
              "for (int $L = 0; $L < $L; $L++) {",
              loop.counter(),
              loop.counter(),
              loop.bound().write(naming),
              loop.counter());
      case ReverseFor loop ->
          CodeBlock.of(
              "for (int $L = $L; $L > 0; $L--) {",
              loop.counter(),
              loop.passes().write(naming),
              loop.counter(),
              loop.counter());
      case TryCatch guard -> CodeBlock.of("try {");
      case Return ret -> CodeBlock.of("return $L;", ret.value().write(naming));
      case Throw thrown -> CodeBlock.of("throw $L;", thrown.exception().write(naming));
      case Assert check ->
          check.detail() == null
              ? CodeBlock.of("assert $L;", check.condition().write(naming))
              : CodeBlock.of(
                  "assert $L : $L;", check.condition().write(naming), check.detail().write(naming));
      case Define d ->
          CodeBlock.of("$L $L = $L;", type(d.type(), naming), d.name(), d.value().write(naming));
      case Declare d -> CodeBlock.of("$L $L;", type(d.type(), naming), d.name());
      case Assign a -> CodeBlock.of("$L = $L;", a.target().write(naming), a.value().write(naming));
      case Update u ->
          CodeBlock.of(
              "$L $L $L;",
              u.target().write(naming),
              u.subtracts() ? "-=" : "+=",
              u.value().write(naming));
      case Increment i -> CodeBlock.of("$L++;", i.name());
      case ExprStmt e -> CodeBlock.of("$L;", e.expression().write(naming));
      case Release r -> CodeBlock.of("$L = null;", r.name());
      case Comment c -> throw new IllegalArgumentException("a comment has no code");
    };
  }

  private static CodeBlock type(LocalType type, TypeNaming naming) {
    return switch (type) {
      case IrLocalType ir -> CodeBlock.of("$L", ir.type().javaName());
      case PoetLocalType poet -> TypeRef.write(poet.type(), naming);
      case NamedLocalType named -> CodeBlock.of("$L", named.simpleName());
    };
  }

  /** A block's opening line, its body, indented, and its closing brace. */
  private static void block(Stmt opening, List<Stmt> body, int column, CodeBlock.Builder out) {
    firstLine(opening, column, out);
    body(body, column, out);
    out.add("}\n");
  }

  private static void body(List<Stmt> body, int column, CodeBlock.Builder out) {
    out.indent();
    render(body, out, column + INDENT);
    out.unindent();
  }
}
