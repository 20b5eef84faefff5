package dev.adjoint.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated Javadoc's layout: filled to 100 columns at every indentation, inline tags kept
 * whole, tags' continuation lines hanging, links by simple names inside the generated package.
 */
class JavadocTest {
  private static final String LONG =
      "The pullback of {@link Line#predict(double, double, double)}, accumulated: returns the"
          + " value and adds the partials, times {@code seed}, into the given arrays (as {@code"
          + " .grad} accumulates), allocating nothing: a sentence long enough to need three lines"
          + " at any indentation.";

  @Test
  void fillsEachLineAsFarAsTheWidthAllows() {
    for (int indent : new int[] {Javadoc.TOP_LEVEL, Javadoc.MEMBER, Javadoc.NESTED_MEMBER}) {
      List<String> lines = lines(Javadoc.of(LONG).at(indent).toString());
      int width = Javadoc.COLUMNS - indent - 3;
      assertTrue(lines.size() >= 3, lines.toString());
      for (int i = 0; i < lines.size(); i++) {
        assertTrue(lines.get(i).length() <= width, indent + ": " + lines.get(i));
        if (i + 1 < lines.size()) {
          // the next line's first word would not have fitted on this one
          String next = Javadoc.words(lines.get(i + 1)).get(0);
          assertTrue(lines.get(i).length() + 1 + next.length() > width, lines.get(i));
        }
      }
      assertEquals(Javadoc.words(LONG), Javadoc.words(String.join(" ", lines)));
    }
  }

  @Test
  void neverBreaksInsideAnInlineTag() {
    assertEquals(
        List.of("a", "{@link A#f(double, double)}", "and", "{@code x += y}", "b."),
        Javadoc.words("a {@link A#f(double, double)} and {@code x += y} b."));
    StringBuilder out = new StringBuilder();
    Javadoc.fill("word {@code a b c d e f g} tail", 10, "", out);
    assertEquals("word\n{@code a b c d e f g}\ntail\n", out.toString());
  }

  @Test
  void keepsLinesAndHangsTagContinuations() {
    String doc =
        Javadoc.of("Short.")
            .line("<br>{@code gradient[0] += seed·∂f/∂x}")
            .param("x", LONG)
            .param("y", "∂f/∂y")
            .at(Javadoc.MEMBER)
            .toString();
    List<String> lines = lines(doc);
    assertEquals("Short.", lines.get(0));
    assertEquals("<br>{@code gradient[0] += seed·∂f/∂x}", lines.get(1));
    assertEquals("", lines.get(2));
    assertTrue(lines.get(3).startsWith("@param x The pullback"), lines.get(3));
    assertTrue(lines.get(4).startsWith("    "), lines.get(4));
    assertEquals("@param y ∂f/∂y", lines.get(lines.size() - 1));
  }

  @Test
  void linksByTheNamesThatResolveFromTheGeneratedPackage() {
    ClassName nested = ClassName.get("demo", "Outer", "Inner");
    assertEquals("{@link Outer.Inner#f(double)}", Javadoc.link(nested, "f(double)", "demo"));
    assertEquals("{@link demo.Outer.Inner}", Javadoc.link(nested, "", "other"));
  }

  @Test
  void javaPoetWritesItWithinOneHundredColumns() {
    TypeSpec type =
        TypeSpec.classBuilder("LineGrad")
            .addJavadoc(Javadoc.of(LONG).at(Javadoc.TOP_LEVEL))
            .addMethod(
                MethodSpec.methodBuilder("predict").addJavadoc(Javadoc.of(LONG).at(2)).build())
            .addType(
                TypeSpec.classBuilder("Sweeps")
                    .addJavadoc(Javadoc.of(LONG).at(Javadoc.MEMBER))
                    .addMethod(
                        MethodSpec.methodBuilder("run")
                            .addJavadoc(Javadoc.of(LONG).at(Javadoc.NESTED_MEMBER))
                            .build())
                    .build())
            .build();
    String source = JavaFile.builder("demo", type).indent("  ").build().toString();
    for (String line : source.split("\n")) {
      assertTrue(line.length() <= Javadoc.COLUMNS, line);
    }
    assertTrue(source.contains("   *"), source);
  }

  /**
   * Every line of the golden files (the processor's own output: Javadoc, statements, their
   * comments) fits in 100 columns.
   */
  @Test
  void goldenFilesFitInOneHundredColumns() throws IOException {
    Path expected = Path.of("src/test/resources/expected/demo");
    List<String> tooLong = new ArrayList<>();
    try (Stream<Path> files = Files.list(expected)) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.length() > Javadoc.COLUMNS) {
            tooLong.add(file.getFileName() + ": " + line);
          }
        }
      }
    }
    assertEquals(List.of(), tooLong);
  }

  /** The text of Javadoc lines as {@link Javadoc#at} gives them. */
  private static List<String> lines(String doc) {
    return List.of(doc.split("\n", -1)).subList(0, doc.split("\n", -1).length - 1);
  }
}
