package dev.adjoint.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's set-up is what the consumer-project integration test builds: its {@code pom.xml} and
 * its main sources are printed in the README character for character, so a user who copies them
 * gets the project that {@code mvn verify} builds (with Maven on JDK 17 and on JDK 25) and runs.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path CONSUMER = Path.of("src", "it", "consumer");

  @Test
  void readmePrintsTheConsumerPomAsItIs() throws IOException {
    String pom = Files.readString(CONSUMER.resolve("pom.xml")).strip();
    assertTrue(
        codeBlocks("xml").contains(pom),
        "README.md must print examples/src/it/consumer/pom.xml exactly, as one ```xml block");
  }

  @Test
  void readmePrintsEveryConsumerSourceAsItIs() throws IOException {
    List<String> java = codeBlocks("java");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(CONSUMER.resolve("src/main/java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    assertTrue(sources.size() >= 2, "the consumer project has its main sources");
    for (Path source : sources) {
      String text = Files.readString(source).strip();
      assertTrue(
          java.contains(text), "README.md must print " + source + " exactly, as one ```java block");
      assertTrue(
          Files.readString(README)
              .contains(
                  "`"
                      + CONSUMER
                          .resolve("src/main/java")
                          .relativize(source)
                          .toString()
                          .transform(p -> "src/main/java/" + p)
                      + "`"),
          "README.md must name the file it prints: " + source);
    }
  }

  @Test
  void readmeNamesTheVersionThisBuildMakes() throws IOException {
    String version = System.getProperty("adjoint.project.version");
    assertTrue(version != null && !version.isBlank(), "surefire passes adjoint.project.version");
    String pom = Files.readString(CONSUMER.resolve("pom.xml"));
    assertTrue(
        pom.contains("<adjoint.version>" + version + "</adjoint.version>"),
        "the printed pom.xml must use version " + version);
  }

  @Test
  void readmeOpensWithTheTwoCommands() throws IOException {
    List<String> sh = codeBlocks("sh");
    assertEquals(
        "mvn -q -pl examples -am package exec:exec -DskipTests   # build everything, run the"
            + " flagship example\n"
            + "mvn verify                                               # build and run every test",
        sh.get(0));
  }

  @Test
  void readmePrintsGeneratedCodeAsTheProcessorWritesIt() throws IOException {
    // the example of generated code is Line.predict's, whose golden file the processor's tests keep
    String golden =
        Files.readString(
            Path.of("..", "processor", "src", "test", "resources", "expected", "demo")
                .resolve("LineGrad.java"));
    List<String> printed =
        codeBlocks("java").stream().filter(b -> b.contains("// Line.java:9")).toList();
    assertEquals(1, printed.size(), "README.md prints one example of generated code");
    String lines = stripped(printed.getFirst());
    assertTrue(
        stripped(golden).contains(lines),
        "README.md's generated code must be LineGrad.java's lines, as the processor writes them"
            + " now:\n"
            + lines);
  }

  private static String stripped(String text) {
    return String.join("\n", text.lines().map(String::strip).toList());
  }

  /** The contents of every fenced block of {@code language}, in order, without the fences. */
  private static List<String> codeBlocks(String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : Files.readAllLines(README)) {
      if (block == null && line.equals("```" + language)) {
        block = new StringBuilder();
      } else if (block != null && line.equals("```")) {
        blocks.add(block.toString().strip());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }
}
