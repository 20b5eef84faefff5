package dev.adjoint.processor.stmt;

/**
 * A statement of the generated adjoint, as data: what the sweeps write, before the one renderer
 * ({@code emit.StmtRenderer}) turns it into JavaPoet code. Values are {@link
 * dev.adjoint.processor.expr.JavaExpr} trees; a statement's trailing comment (the {@code
 * File.java:12: ...} origin of the code) is kept apart from it, {@code null} where the line has
 * none; nested bodies are lists of statements.
 *
 * <p>The sweeps build statements through a {@link StmtBuilder}; nothing but the renderer knows how
 * Java writes them.
 */
public sealed interface Stmt
    permits Define,
        Declare,
        Assign,
        Update,
        Increment,
        ExprStmt,
        Release,
        SameLine,
        Comment,
        If,
        IfCall,
        While,
        CountedFor,
        ReverseFor,
        TryCatch,
        Return,
        Throw,
        Assert {
  /** The comment written after the statement's first line, or {@code null}. */
  String comment();
}
