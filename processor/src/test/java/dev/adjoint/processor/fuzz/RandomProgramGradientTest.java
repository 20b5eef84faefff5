package dev.adjoint.processor.fuzz;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random programs in the supported subset (arithmetic, Math functions on safe domains, ternaries,
 * if/else, bounded for/while/do/for-each loops with int counters, a local array, labeled
 * break/continue, early returns, calls of a {@code @Differentiable} helper), each compiled with the
 * processor and its gradient checked against finite differences by {@link GradientCheck}.
 *
 * <p>One try is one batch of up to {@value #BATCH} programs compiled in a single javac run. The
 * number of tries is jqwik's {@code jqwik.tries.default}: a few in {@code
 * src/test/resources/junit-platform.properties} for the default build (a few hundred programs), and
 * 2200 (about 100 000 programs) with {@code mvn -pl processor -am verify -Pfuzz}. A failing batch
 * shrinks to one small program, whose source the failure prints.
 */
class RandomProgramGradientTest {
  static final int BATCH = 100;

  private static final AtomicLong PROGRAMS = new AtomicLong();
  private static final AtomicLong BATCHES = new AtomicLong();
  private static final long STARTED = System.nanoTime();
  private static final AtomicLong COMPARED = new AtomicLong();
  private static final AtomicLong SKIPPED = new AtomicLong();

  @Property(edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.BOUNDED)
  void generatedGradientsMatchFiniteDifferences(@ForAll("batches") List<Program> programs)
      throws ReflectiveOperationException {
    CompiledBatch batch = CompiledBatch.compile(programs);
    if (!batch.succeeded()) {
      StringBuilder message = new StringBuilder("the batch does not compile:\n");
      message.append(batch.errors());
      for (int index : batch.failedPrograms()) {
        if (index >= 0 && index < programs.size()) {
          message
              .append("\n--- program P")
              .append(index)
              .append(":\n")
              .append(ProgramRenderer.methodSource(programs.get(index)))
              .append("--- generated:\n")
              .append(batch.generatedSource(index));
        }
      }
      throw new AssertionError(message.toString());
    }
    for (int i = 0; i < programs.size(); i++) {
      String name = CompiledBatch.className(i);
      GradientCheck check = new GradientCheck(batch.load(name), batch.load(name + "Grad"));
      String source = ProgramRenderer.methodSource(programs.get(i));
      Optional<String> problem;
      try {
        problem = check.run(source.hashCode());
      } catch (ReflectiveOperationException | RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new AssertionError(
            "program P"
                + i
                + " threw "
                + cause
                + "\n"
                + source
                + "--- generated:\n"
                + batch.generatedSource(i),
            cause);
      }
      if (problem.isPresent()) {
        throw new AssertionError(
            "program P"
                + i
                + ": "
                + problem.get()
                + "\n"
                + source
                + "--- generated:\n"
                + batch.generatedSource(i));
      }
      PROGRAMS.incrementAndGet();
      COMPARED.addAndGet(check.compared);
      SKIPPED.addAndGet(check.skipped);
    }
    if (BATCHES.incrementAndGet() % 100 == 0) {
      // progress of a long (-Pfuzz) run
      System.out.printf(
          "random programs: %d batches, %d programs in %d s%n",
          BATCHES.get(), PROGRAMS.get(), (System.nanoTime() - STARTED) / 1_000_000_000L);
    }
  }

  @Provide
  Arbitrary<List<Program>> batches() {
    return ProgramArbitraries.programs()
        .list()
        .ofMinSize(1)
        .ofMaxSize(BATCH)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  @AfterContainer
  static void report() {
    System.out.printf(
        "random programs: %d checked, %d partials compared with finite differences, %d skipped"
            + " as unreliable%n",
        PROGRAMS.get(), COMPARED.get(), SKIPPED.get());
  }
}
