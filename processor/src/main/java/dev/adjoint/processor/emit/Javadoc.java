package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The Javadoc of a generated class or member, filled to the generated code's 100 columns. Prose is
 * given as paragraphs of words and broken into lines here, where the width of what it names (a
 * class, a signature) is known; an inline tag ({@code {@link ...}}, {@code {@code ...}}) is never
 * broken. Lines given as {@link #line} keep their own break; {@link #param} continues under its
 * text, four columns in.
 */
final class Javadoc {
  /** The width of the generated code, as google-java-format writes it. */
  static final int COLUMNS = 100;

  /** The indentation of a top-level class's Javadoc. */
  static final int TOP_LEVEL = 0;

  /** The indentation of the Javadoc of a top-level class's members and nested types. */
  static final int MEMBER = 2;

  /** The indentation of the Javadoc of a nested type's members. */
  static final int NESTED_MEMBER = 4;

  /** What JavaPoet writes before each line of Javadoc, after the indentation. */
  private static final int PREFIX = " * ".length();

  /** The hanging indentation of a tag's continuation lines. */
  private static final String HANGING = "    ";

  /** The blocks: paragraphs to fill, lines to keep, blank lines (empty strings). */
  private final List<Block> blocks = new ArrayList<>();

  private record Block(String text, boolean fill, String continuation) {}

  private Javadoc() {}

  /** A Javadoc starting with the paragraph {@code text}. */
  static Javadoc of(String text) {
    return new Javadoc().then(text);
  }

  /** {@code text} filled, continuing the current paragraph's lines (no blank line before it). */
  Javadoc then(String text) {
    blocks.add(new Block(text, true, ""));
    return this;
  }

  /** A new paragraph: a blank line, then {@code text} filled. */
  Javadoc paragraph(String text) {
    blocks.add(new Block("", false, ""));
    return then(text);
  }

  /** A line written as it is ({@code <br>} lines of a layout). */
  Javadoc line(String text) {
    blocks.add(new Block(text, false, ""));
    return this;
  }

  /** {@code @param name text}, a blank line before the first tag. */
  Javadoc param(String name, String text) {
    if (blocks.stream().noneMatch(b -> b.text().startsWith("@"))) {
      blocks.add(new Block("", false, ""));
    }
    blocks.add(new Block("@param " + name + " " + text, true, HANGING));
    return this;
  }

  /**
   * {@code {@link Type#member}}: a class of the generated code's package {@code home} (or a class
   * nested in one) by its simple names, which resolve there without an import; another by its
   * canonical name.
   *
   * @param member a method's signature, a field's name, or empty for the class itself
   */
  static String link(ClassName type, String member, String home) {
    String name =
        type.packageName().equals(home)
            ? String.join(".", type.simpleNames())
            : type.canonicalName();
    return "{@link " + name + (member.isEmpty() ? "" : "#" + member) + "}";
  }

  /** {@code {@code text}}. */
  static String code(String text) {
    return "{@code " + text + "}";
  }

  /**
   * The Javadoc for a declaration indented by {@code indent} columns (0 for a top-level class, 2
   * for its members, 4 for members of its nested classes), as JavaPoet's {@code addJavadoc} takes
   * it.
   */
  CodeBlock at(int indent) {
    int width = COLUMNS - indent - PREFIX;
    StringBuilder out = new StringBuilder();
    for (Block block : blocks) {
      if (block.fill()) {
        fill(block.text(), width, block.continuation(), out);
      } else {
        out.append(block.text()).append('\n');
      }
    }
    return CodeBlock.of("$L", out);
  }

  /** Breaks {@code text} into lines of at most {@code width} columns, where words allow. */
  static void fill(String text, int width, String continuation, StringBuilder out) {
    StringBuilder line = new StringBuilder();
    for (String word : words(text)) {
      if (line.isEmpty()) {
        line.append(word);
      } else if (line.length() + 1 + word.length() <= width) {
        line.append(' ').append(word);
      } else {
        out.append(line).append('\n');
        line.setLength(0);
        line.append(continuation).append(word);
      }
    }
    out.append(line).append('\n');
  }

  /**
   * The words of {@code text}: runs of characters between spaces, where an inline tag with the
   * spaces inside it is part of one word.
   */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) && depth == 0) {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      }
      word.append(c == '\n' ? ' ' : c);
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words;
  }
}
