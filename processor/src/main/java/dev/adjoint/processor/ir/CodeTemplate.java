package dev.adjoint.processor.ir;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Java expression with holes, in the op table's notation: {@code {0}}, {@code {1}}, ... the
 * operands, {@code {p0}}, {@code {p1}}, ... the parameters, and {@code {Adjoints}}, {@code
 * {ModuleAdjoints}}, {@code {OpParams}}, {@code {Losses}}, {@code {Tensor}} or {@code {DType}} a
 * runtime class, which the generated file imports ({@code $T}). The notation is read once, when the
 * template is made; filling it puts the operands' code in the holes and never reads that code
 * again, so a parameter's code may hold braces ({@code new int[] {1, 2}}).
 *
 * <p>A brace that opens none of these holes is text ({@code {} } in a lambda body stays as is).
 */
public final class CodeTemplate {
  /** The runtime classes a template may name, by the name its hole gives. */
  private static final Map<String, ClassName> CLASSES =
      Map.of(
          "Adjoints", RuntimeClasses.ADJOINTS,
          "ModuleAdjoints", RuntimeClasses.MODULE_ADJOINTS,
          "OpParams", RuntimeClasses.OP_PARAMS,
          "Losses", RuntimeClasses.LOSSES,
          "Tensor", RuntimeClasses.TENSOR,
          "DType", RuntimeClasses.DTYPE);

  /** One piece of the template: text, a separating comma, an operand, a parameter or a class. */
  private sealed interface Piece {}

  private record Text(String text) implements Piece {}

  /** {@code ", "} between arguments or elements, where JavaPoet may break a line too long. */
  private record Comma() implements Piece {}

  private record Operand(int index) implements Piece {}

  private record Parameter(int index) implements Piece {}

  private record Type(ClassName name) implements Piece {}

  private final String notation;
  private final List<Piece> pieces;

  private CodeTemplate(String notation, List<Piece> pieces) {
    this.notation = notation;
    this.pieces = List.copyOf(pieces);
  }

  /** The template written as {@code notation}. */
  public static CodeTemplate of(String notation) {
    List<Piece> pieces = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < notation.length()) {
      int close = notation.charAt(i) == '{' ? holeEnd(notation, i + 1) : -1;
      Piece hole = close < 0 ? null : hole(notation.substring(i + 1, close));
      if (hole == null && !notation.startsWith(", ", i)) {
        text.append(notation.charAt(i++));
        continue;
      }
      if (!text.isEmpty()) {
        pieces.add(new Text(text.toString()));
        text.setLength(0);
      }
      if (hole == null) {
        pieces.add(new Comma());
        i += 2;
        continue;
      }
      pieces.add(hole);
      i = close + 1;
    }
    if (!text.isEmpty()) {
      pieces.add(new Text(text.toString()));
    }
    return new CodeTemplate(notation, pieces);
  }

  /**
   * Where the hole whose name starts at {@code start} closes: the index of its {@code '}'}, or -1
   * when a character that no hole's name has comes first.
   */
  private static int holeEnd(String notation, int start) {
    for (int i = start; i < notation.length(); i++) {
      char c = notation.charAt(i);
      if (c == '}') {
        return i;
      }
      if (!Character.isLetterOrDigit(c)) {
        return -1;
      }
    }
    return -1;
  }

  /** The hole {@code {name}} stands for, or null when it is text. */
  private static Piece hole(String name) {
    if (isNumber(name)) {
      return new Operand(Integer.parseInt(name));
    }
    if (name.startsWith("p") && isNumber(name.substring(1))) {
      return new Parameter(Integer.parseInt(name.substring(1)));
    }
    ClassName type = CLASSES.get(name);
    return type == null ? null : new Type(type);
  }

  private static boolean isNumber(String name) {
    return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** The expression with {@code operands} and {@code parameters} (their code) in its holes. */
  public CodeBlock fill(List<String> operands, List<String> parameters) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Piece piece : pieces) {
      switch (piece) {
        case Text t -> code.add("$L", t.text());
        case Comma c -> code.add(",$W");
        case Operand o -> code.add("$L", hole(operands, o.index(), "{" + o.index() + "}"));
        case Parameter p -> code.add("$L", hole(parameters, p.index(), "{p" + p.index() + "}"));
        case Type t -> code.add("$T", t.name());
      }
    }
    return code.build();
  }

  /** {@link #fill}, naming classes by their simple names: for messages, never for code. */
  public String text(List<String> operands, List<String> parameters) {
    StringBuilder text = new StringBuilder();
    for (Piece piece : pieces) {
      switch (piece) {
        case Text t -> text.append(t.text());
        case Comma c -> text.append(", ");
        case Operand o -> text.append(hole(operands, o.index(), "{" + o.index() + "}"));
        case Parameter p -> text.append(hole(parameters, p.index(), "{p" + p.index() + "}"));
        case Type t -> text.append(t.name().simpleName());
      }
    }
    return text.toString();
  }

  /** Whether the template has no pieces (an elementwise operation reads no parameters). */
  public boolean isEmpty() {
    return pieces.isEmpty();
  }

  private String hole(List<String> values, int index, String name) {
    if (index >= values.size()) {
      throw new IllegalStateException(
          "the template " + notation + " has a hole " + name + " but was given " + values.size());
    }
    return values.get(index);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CodeTemplate t && t.notation.equals(notation);
  }

  @Override
  public int hashCode() {
    return notation.hashCode();
  }

  /** The template in its notation. */
  @Override
  public String toString() {
    return notation;
  }
}
