package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code jdk.incubator.vector} runs the plain-Java kernels and says so once;
 * one that asks for them with {@code adjoint.cpu.scalar} is not warned. Each case starts a fresh
 * JVM (the choice is made once per JVM) that prints {@link Gemm#vectorized()}.
 */
class VectorSupportTest {
  /** The child JVM's entry point: loads the kernels and prints whether they are vectorised. */
  public static final class PrintVectorized {
    public static void main(String[] args) {
      System.out.println("vectorized=" + Gemm.vectorized());
    }
  }

  private record Run(String out, String err) {}

  private static Run run(String... jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), PrintVectorized.class.getName()));
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    return new Run(out, err);
  }

  @Test
  void withoutTheModuleTheKernelsArePlainJavaAndAWarningSaysHowToFixIt() throws Exception {
    Run run = run();
    assertTrue(run.out().contains("vectorized=false"), run.out());
    assertTrue(run.err().contains("--add-modules jdk.incubator.vector"), run.err());
    assertEquals(1, run.err().split("plain Java loops", -1).length - 1, "warned once");
  }

  @Test
  void withTheModuleTheKernelsAreVectorisedAndNothingIsSaid() throws Exception {
    Run run = run("--add-modules", "jdk.incubator.vector");
    assertTrue(run.out().contains("vectorized=true"), run.out());
    assertFalse(run.err().contains("plain Java loops"), run.err());
  }

  @Test
  void askingForThePlainLoopsIsNotWarnedAbout() throws Exception {
    Run run = run("-Dadjoint.cpu.scalar=true");
    assertTrue(run.out().contains("vectorized=false"), run.out());
    assertFalse(run.err().contains("plain Java loops"), run.err());
  }
}
