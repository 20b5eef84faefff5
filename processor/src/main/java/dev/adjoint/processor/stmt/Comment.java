package dev.adjoint.processor.stmt;

/**
 * {@code // text}: a line holding only a comment, saying what the statements after it do.
 *
 * @param text the comment's text
 */
public record Comment(String text) implements Stmt {
  /** The text: a comment line is all comment. */
  @Override
  public String comment() {
    return text;
  }
}
