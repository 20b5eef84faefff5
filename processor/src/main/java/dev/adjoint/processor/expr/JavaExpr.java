package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * A Java expression of the generated code, as a tree. The sweeps decide from the tree (is this a
 * negation, a plain name, which names does it read, how many tensor operations does it make) and
 * only {@link #code} turns it into JavaPoet code, adding parentheses where Java's precedence needs
 * them; types go in as {@code $T}, so that JavaPoet imports them.
 *
 * <p>Names are the generated code's identifiers; {@link Literal}s are constants as the user's
 * source wrote them; {@link TypeRef}s qualify static calls and read nothing.
 */
public sealed interface JavaExpr
    permits Name,
        TypeRef,
        Literal,
        Negation,
        Prefix,
        Binary,
        Conditional,
        Call,
        TensorConstant,
        Member,
        Element,
        Parenthesized,
        Lambda,
        Code,
        Cast,
        NewArray,
        ArrayOf,
        NewInstance,
        StringLiteral,
        Postfix,
        LocalCall {
  /** Names, literals, calls, parenthesized expressions. */
  int ATOM = 100;

  /** Unary minus and casts. */
  int UNARY = 14;

  /** {@code *}, {@code /}, {@code %}. */
  int MULTIPLICATIVE = 13;

  /** {@code +}, {@code -}. */
  int ADDITIVE = 12;

  /** {@code <}, {@code >}, {@code <=}, {@code >=}. */
  int RELATIONAL = 10;

  /** {@code ==}, {@code !=}. */
  int EQUALITY = 9;

  /** {@code &&}. */
  int CONDITIONAL_AND = 5;

  /** {@code ||}. */
  int CONDITIONAL_OR = 4;

  /** {@code ?:}. */
  int CONDITIONAL = 3;

  /** {@code ->}: binds less tightly than any operator. */
  int LAMBDA = 1;

  /** How tightly the outermost operator binds; see the constants. An atom unless it says so. */
  default int precedence() {
    return ATOM;
  }

  /** The expressions this one is made of, in source order; none for a leaf. */
  default List<JavaExpr> operands() {
    return List.of();
  }

  /** The source, with every type as a JavaPoet {@code $T}, so that JavaPoet imports it. */
  default CodeBlock code() {
    return write(TypeNaming.IMPORTED);
  }

  /**
   * The code as one string, types qualified (as JavaPoet writes them outside a file). Not {@code
   * code().toString()}: JavaPoet holds back what follows a place it may break the line ({@code $W})
   * until the line ends, and a code block on its own never ends its line.
   */
  default String source() {
    String line = CodeBlock.of("$L\n", code()).toString();
    return line.substring(0, line.length() - 1);
  }

  /**
   * The source as a reader sees it, types by their simple names: for messages of the generated
   * code, never for code.
   */
  default String text() {
    return write(TypeNaming.SIMPLE).toString();
  }

  /** The source, with types named as {@code naming} says. */
  CodeBlock write(TypeNaming naming);

  /** The value of a numeric constant, else empty. */
  default OptionalDouble constant() {
    return OptionalDouble.empty();
  }

  /** Whether this is the constant {@code value}. */
  default boolean isConstant(double value) {
    return constant().isPresent() && Double.compare(constant().getAsDouble(), value) == 0;
  }

  /** The code, parenthesized if it binds less tightly than {@code precedence}. */
  default CodeBlock at(int precedence) {
    return at(precedence, TypeNaming.IMPORTED);
  }

  /** {@link #write}, parenthesized if it binds less tightly than {@code precedence}. */
  default CodeBlock at(int precedence, TypeNaming naming) {
    return precedence() < precedence ? CodeBlock.of("($L)", write(naming)) : write(naming);
  }

  /** Whether the code starts with a minus sign (so a negation of it needs parentheses). */
  default boolean leadingMinus() {
    return false;
  }

  /** Whether the name {@code identifier} occurs in this expression. */
  default boolean reads(String identifier) {
    return count(e -> e instanceof Name n && n.identifier().equals(identifier)) > 0;
  }

  /** How many sub-expressions (this one included) satisfy {@code test}. */
  default int count(Predicate<JavaExpr> test) {
    int n = test.test(this) ? 1 : 0;
    for (JavaExpr operand : operands()) {
      n += operand.count(test);
    }
    return n;
  }

  /** This expression without the parentheses around the whole of it, if it has them. */
  default JavaExpr unparenthesized() {
    return this instanceof Parenthesized p ? p.inner() : this;
  }

  /**
   * {@code items} separated by commas (arguments, array elements). In code ({@link
   * TypeNaming#IMPORTED}) JavaPoet may break a line longer than 100 columns after a comma ({@code
   * $W}); in text a reader sees, never.
   */
  static CodeBlock list(List<JavaExpr> items, TypeNaming naming) {
    return CodeBlock.join(
        items.stream().map(a -> a.write(naming)).toList(),
        naming == TypeNaming.IMPORTED ? ",$W" : ", ");
  }

  /** An identifier: a local, a parameter, a lambda parameter. */
  static JavaExpr name(String identifier) {
    return new Name(identifier);
  }

  /**
   * A literal or constant as the user's source wrote it ({@code 2.5}, {@code -1}, {@code 3f},
   * {@code Math.PI}); its value is known when it is a plain decimal literal.
   */
  static JavaExpr literal(String text) {
    return new Literal(text, Literal.valueOf(text));
  }

  /** The constant {@code value}, written so that it reads back exactly. */
  static JavaExpr number(double value) {
    return new Literal(Double.toString(value), OptionalDouble.of(value));
  }
}
