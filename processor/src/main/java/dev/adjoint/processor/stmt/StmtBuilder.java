package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Collects statements in order, with blocks opened and closed as the code is written ({@link
 * #beginIf}, {@link #orElse}, {@link #beginWhile}, ..., {@link #end}), and gives them back as an
 * immutable list ({@link #build}), each block a {@link Stmt} holding its body.
 */
public final class StmtBuilder {
  /** An open block: the statements of its body so far and how it becomes a statement. */
  private static final class Open {
    final List<Stmt> body = new ArrayList<>();
    final Function<Open, Stmt> close;
    List<Stmt> thenBody; // an if's first arm, once orElse began the second

    Open(Function<Open, Stmt> close) {
      this.close = close;
    }
  }

  private final List<Stmt> top = new ArrayList<>();
  private final Deque<Open> open = new ArrayDeque<>();

  private List<Stmt> current() {
    return open.isEmpty() ? top : open.peek().body;
  }

  /** Adds {@code statement} to the block being written. */
  public StmtBuilder add(Stmt statement) {
    current().add(statement);
    return this;
  }

  /** Adds {@code statements}, in order. */
  public StmtBuilder addAll(List<Stmt> statements) {
    current().addAll(statements);
    return this;
  }

  /** {@code type name = value; // comment}. */
  public StmtBuilder define(LocalType type, String name, JavaExpr value, String comment) {
    return add(new Define(type, name, value, comment));
  }

  /** {@code target = value; // comment}. */
  public StmtBuilder assign(JavaExpr target, JavaExpr value, String comment) {
    return add(new Assign(target, value, comment));
  }

  /** {@code target += value} (or {@code -=} when {@code subtracts}) {@code ; // comment}. */
  public StmtBuilder update(JavaExpr target, boolean subtracts, JavaExpr value, String comment) {
    return add(new Update(target, subtracts, value, comment));
  }

  /** {@code expression; // comment}. */
  public StmtBuilder call(JavaExpr expression, String comment) {
    return add(new ExprStmt(expression, comment));
  }

  /** {@code // text}. */
  public StmtBuilder comment(String text) {
    return add(new Comment(text));
  }

  /** Opens {@code if (condition) { // comment}. */
  public StmtBuilder beginIf(JavaExpr condition, String comment) {
    open.push(
        new Open(
            o ->
                o.thenBody == null
                    ? new If(condition, o.body, List.of(), comment)
                    : new If(condition, o.thenBody, o.body, comment)));
    return this;
  }

  /** Ends the open {@code if}'s first arm and begins its {@code else}. */
  public StmtBuilder orElse() {
    Open branch = open.peek();
    if (branch == null || branch.thenBody != null) {
      throw new IllegalStateException("no if to add an else to");
    }
    branch.thenBody = List.copyOf(branch.body);
    branch.body.clear();
    return this;
  }

  /** Opens {@code while (condition) { // comment}. */
  public StmtBuilder beginWhile(JavaExpr condition, String comment) {
    open.push(new Open(o -> new While(condition, o.body, comment)));
    return this;
  }

  /** Opens {@code for (int counter = 0; counter < bound; counter++) { // comment}. */
  public StmtBuilder beginCountedFor(String counter, JavaExpr bound, String comment) {
    open.push(new Open(o -> new CountedFor(counter, bound, o.body, comment)));
    return this;
  }

  /** Opens {@code for (int counter = passes; counter > 0; counter--) { // comment}. */
  public StmtBuilder beginReverseFor(String counter, JavaExpr passes, String comment) {
    open.push(new Open(o -> new ReverseFor(counter, passes, o.body, comment)));
    return this;
  }

  /** Closes the innermost open block, which becomes a statement of the one around it. */
  public StmtBuilder end() {
    Open closed = open.pop();
    return add(closed.close.apply(closed));
  }

  /** Whether no statement has been added (at the top level, nothing open). */
  public boolean isEmpty() {
    return top.isEmpty() && open.isEmpty();
  }

  /** The statements, every block closed. */
  public List<Stmt> build() {
    if (!open.isEmpty()) {
      throw new IllegalStateException(open.size() + " blocks still open");
    }
    return List.copyOf(top);
  }
}
