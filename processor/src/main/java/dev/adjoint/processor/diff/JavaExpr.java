package dev.adjoint.processor.diff;

import java.util.OptionalDouble;

/**
 * A Java expression as source text, with its operator precedence (so that combining expressions
 * adds parentheses only where Java needs them) and, for a numeric literal, its value (so that
 * {@code g * 1.0} can be written {@code g}).
 *
 * @param code the source text
 * @param precedence how tightly the outermost operator binds; see the constants
 * @param constant the value of a numeric literal, else empty
 */
public record JavaExpr(String code, int precedence, OptionalDouble constant) {
  /** Names, literals, calls, parenthesized expressions. */
  public static final int ATOM = 100;

  /** Unary minus and casts. */
  public static final int UNARY = 14;

  /** {@code *}, {@code /}, {@code %}. */
  public static final int MULTIPLICATIVE = 13;

  /** {@code +}, {@code -}. */
  public static final int ADDITIVE = 12;

  /** {@code <}, {@code >}, {@code <=}, {@code >=}. */
  public static final int RELATIONAL = 10;

  /** {@code ==}, {@code !=}. */
  public static final int EQUALITY = 9;

  /** {@code ?:}. */
  public static final int CONDITIONAL = 3;

  /** A name or other atom. */
  public static JavaExpr atom(String code) {
    return new JavaExpr(code, ATOM, OptionalDouble.empty());
  }

  /**
   * A literal or constant as written in source ({@code 2.5}, {@code -1}, {@code 3f}, {@code
   * Math.PI}); its value is known when it is a plain decimal literal.
   */
  public static JavaExpr literal(String code) {
    int precedence = code.startsWith("-") ? UNARY : ATOM;
    return new JavaExpr(code, precedence, parse(code));
  }

  /** The constant {@code value}, written so that it reads back exactly. */
  public static JavaExpr number(double value) {
    String code = Double.toString(value);
    return new JavaExpr(
        code, value < 0 || code.startsWith("-") ? UNARY : ATOM, OptionalDouble.of(value));
  }

  /** Whether this is the literal {@code value}. */
  public boolean isConstant(double value) {
    return constant.isPresent() && Double.compare(constant.getAsDouble(), value) == 0;
  }

  /** The code, parenthesized if it binds less tightly than {@code precedence}. */
  public String at(int precedence) {
    return this.precedence < precedence ? "(" + code + ")" : code;
  }

  /** Whether {@code code} is one parenthesized expression, {@code (…)}, not {@code (a) + (b)}. */
  public static boolean isParenthesized(String code) {
    if (!code.startsWith("(") || !code.endsWith(")")) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth == 0 && i < code.length() - 1) {
        return false;
      }
    }
    return depth == 0;
  }

  /** {@code code} without the parentheses around the whole of it, if it has them. */
  public static String unparenthesized(String code) {
    return isParenthesized(code) ? code.substring(1, code.length() - 1) : code;
  }

  @Override
  public String toString() {
    return code;
  }

  private static OptionalDouble parse(String code) {
    String text = code.replace("_", "");
    if (text.isEmpty() || !text.matches("-?[0-9.][0-9.eE+-]*[fFdD]?")) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }
}
