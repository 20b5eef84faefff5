package dev.adjoint.processor.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.emit.StmtRenderer;
import dev.adjoint.processor.stmt.Stmt;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The clean-up passes keep what a body computes: on random sweep-like bodies ({@link
 * SweepLikePrograms}), the cleaned body sinks the same values as the original (compared with {@code
 * ==}, so a zero adjoint may change sign: {@code 0.0 + -0.0} is {@code +0.0}, its assignment {@code
 * -0.0}; see {@link FirstWrites}), is valid Java (every local read or assigned in scope, declared
 * once: {@link StatementInterpreter} checks) and has no more statements than before.
 */
class CleanupsPropertyTest {
  private static final Map<String, TypeName> PARAMETERS =
      Map.of("a", TypeName.DOUBLE, "b", TypeName.DOUBLE);

  @Property(tries = 3000)
  void cleaningUpKeepsTheValuesAndTheScopes(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 7) int width,
      @ForAll double a,
      @ForAll("ordinary") double b) {
    List<Stmt> body = SweepLikePrograms.draw(seed, width);
    List<Stmt> cleaned = Cleanups.apply(body, PARAMETERS);
    Map<String, Double> parameters = Map.of("a", a, "b", b);
    List<Double> expected = StatementInterpreter.run(body, parameters);
    List<Double> actual = StatementInterpreter.run(cleaned, parameters);
    String context =
        "seed "
            + seed
            + ", width "
            + width
            + "\n"
            + render(body)
            + "cleaned to\n"
            + render(cleaned);
    assertEquals(expected.size(), actual.size(), context);
    for (int k = 0; k < expected.size(); k++) {
      double x = expected.get(k);
      double y = actual.get(k);
      assertTrue(x == y || Double.compare(x, y) == 0, "sink " + k + ": " + context);
    }
    assertTrue(count(cleaned) <= count(body), context);
  }

  @Provide
  Arbitrary<Double> ordinary() {
    return Arbitraries.doubles().between(-3, 3);
  }

  private static int count(List<Stmt> block) {
    return block.stream()
        .mapToInt(s -> 1 + Statements.blocks(s).stream().mapToInt(b -> count(b)).sum())
        .sum();
  }

  private static String render(List<Stmt> body) {
    return StmtRenderer.render(body, 0).toString();
  }
}
