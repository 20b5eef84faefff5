package dev.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * No generated adjoint clears a scalar adjoint and then assigns it with nothing in between reading
 * it ({@code dV = 0.0; ... dV = dT65;}, issue 12): the reverse sweep defers a clear until something
 * reads the adjoint or its block ends, and a contribution that comes first assigns it instead.
 */
class ClearedAdjointsTest {
  private static final Pattern CLEAR = Pattern.compile("^\\s*(\\w+) = 0\\.0f?; //");

  @Test
  void noClearIsOverwrittenBeforeItIsRead() throws IOException {
    List<JavaFileObject> sources =
        ProcessorTestSupport.javaFiles("good").stream()
            .map(f -> ProcessorTestSupport.source("good", f))
            .toList();
    Compilation compilation = ProcessorTestSupport.compile(sources);
    assertThat(compilation).succeeded();
    List<String> deadClears = new ArrayList<>();
    int clears = 0;
    for (JavaFileObject generated : compilation.generatedSourceFiles()) {
      String[] lines = generated.getCharContent(true).toString().split("\n");
      for (int i = 0; i < lines.length; i++) {
        Matcher clear = CLEAR.matcher(lines[i]);
        if (!clear.find()) {
          continue;
        }
        clears++;
        String next = nextUse(lines, i + 1, clear.group(1));
        if (next != null && overwrites(next, clear.group(1))) {
          deadClears.add(generated.getName() + ":" + (i + 1) + ": " + lines[i].trim());
        }
      }
    }
    assertTrue(clears > 0, "the sources clear adjoints in loops; the check must see some");
    assertEquals(List.of(), deadClears);
  }

  /**
   * The next line of the same block that mentions {@code name}, or null when the block ends first
   * (a clear before a block's end is read by the next pass or the code after it).
   */
  private static String nextUse(String[] lines, int from, String name) {
    Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
    for (int j = from; j < lines.length; j++) {
      String code = lines[j].replaceFirst("//.*$", "").trim();
      if (code.endsWith("{") || code.startsWith("}")) {
        return null;
      }
      if (word.matcher(code).find()) {
        return code;
      }
    }
    return null;
  }

  /** Whether {@code code} assigns {@code name} from an expression that does not read it. */
  private static boolean overwrites(String code, String name) {
    String prefix = name + " = ";
    return code.startsWith(prefix)
        && !Pattern.compile("\\b" + Pattern.quote(name) + "\\b")
            .matcher(code.substring(prefix.length()))
            .find();
  }
}
