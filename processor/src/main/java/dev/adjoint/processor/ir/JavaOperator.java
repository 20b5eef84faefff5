package dev.adjoint.processor.ir;

/** Java operators that have no derivative; the IR keeps them so the primal computes as written. */
public enum JavaOperator {
  LESS("<", true),
  LESS_EQUAL("<=", true),
  GREATER(">", true),
  GREATER_EQUAL(">=", true),
  EQUAL("==", true),
  NOT_EQUAL("!=", true),
  NOT("!", true),
  REMAINDER("%", false),
  AND("&", false),
  OR("|", false),
  XOR("^", false),
  BITWISE_NOT("~", false),
  SHIFT_LEFT("<<", false),
  SHIFT_RIGHT(">>", false),
  UNSIGNED_SHIFT_RIGHT(">>>", false);

  private final String symbol;
  private final boolean yieldsBoolean;

  JavaOperator(String symbol, boolean yieldsBoolean) {
    this.symbol = symbol;
    this.yieldsBoolean = yieldsBoolean;
  }

  /** The operator as written in Java. */
  public String symbol() {
    return symbol;
  }

  /** Whether the result is a {@code boolean} (comparisons and {@code !}). */
  public boolean yieldsBoolean() {
    return yieldsBoolean;
  }
}
