package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.OptionalDouble;

/**
 * A constant as source text, with its value when it is a plain decimal literal.
 *
 * @param text as the source wrote it
 * @param value its value, when known
 */
public record Literal(String text, OptionalDouble value) implements JavaExpr {
  @Override
  public int precedence() {
    return leadingMinus() ? JavaExpr.UNARY : JavaExpr.ATOM;
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$L", text);
  }

  @Override
  public OptionalDouble constant() {
    return value;
  }

  @Override
  public boolean leadingMinus() {
    return text.startsWith("-");
  }

  /** {@code -text} as a constant: the source text without its leading minus. */
  public Literal withoutMinus() {
    String positive = text.substring(1);
    return new Literal(positive, valueOf(positive));
  }

  /**
   * The value of a plain decimal literal of the user's source ({@code 2.5}, {@code -1e-3f}); empty
   * for names ({@code Math.PI}) and for integer literals in another base.
   */
  static OptionalDouble valueOf(String text) {
    String digits = text.replace("_", "");
    int first = digits.startsWith("-") ? 1 : 0;
    boolean decimal =
        digits.length() > first
            && (Character.isDigit(digits.charAt(first)) || digits.charAt(first) == '.')
            && !(digits.length() > first + 1
                && digits.charAt(first) == '0'
                && Character.isLetterOrDigit(digits.charAt(first + 1))
                && !isExponentOrSuffix(digits.charAt(first + 1)));
    if (!decimal) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Double.parseDouble(digits));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty(); // a long (1L) or another form the JDK does not parse
    }
  }

  private static boolean isExponentOrSuffix(char c) {
    return switch (c) {
      case 'e', 'E', 'f', 'F', 'd', 'D' -> true;
      default -> false;
    };
  }
}
