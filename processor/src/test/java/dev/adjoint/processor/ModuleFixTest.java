package dev.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * ADJ113's fix for a {@code Sequential} field, applied: the same layers, each in its own field and
 * called in turn (still registered in the {@code Sequential}, so the state dict keeps its keys),
 * compile to a generated adjoint. (Its gradients against the tape: {@code BasicBlock}'s shortcut in
 * the examples' ResNet tests, {@code ShapesNet}'s in {@code ShapesNetEnginesTest}.)
 */
class ModuleFixTest {
  private static JavaFileObject model(String forwardBody) {
    return JavaFileObjects.forSourceLines(
        "models.Shortcut",
        "package models;",
        "import dev.adjoint.annotations.Differentiable;",
        "import dev.adjoint.runtime.nn.BatchNorm2d;",
        "import dev.adjoint.runtime.nn.Conv2d;",
        "import dev.adjoint.runtime.nn.Module;",
        "import dev.adjoint.runtime.nn.Sequential;",
        "import dev.adjoint.runtime.tensor.Generator;",
        "import dev.adjoint.runtime.tensor.Tensor;",
        "public final class Shortcut extends Module {",
        "  final Conv2d downsampleConv;",
        "  final BatchNorm2d downsampleBn;",
        "  final Sequential downsample;",
        "  public Shortcut(Generator gen) {",
        "    downsampleConv = Conv2d.builder(4, 8, 1).stride(2).bias(false).build(gen);",
        "    downsampleBn = new BatchNorm2d(8);",
        "    downsample = registerModule(\"downsample\",",
        "        new Sequential(downsampleConv, downsampleBn));",
        "  }",
        "  @Override",
        "  @Differentiable",
        "  public Tensor forward(Tensor x) {",
        "    return " + forwardBody + ";",
        "  }",
        "}");
  }

  @Test
  void aSequentialFieldIsReportedWithItsFix() {
    JavaFileObject source = model("downsample.forward(x)");
    Compilation compilation = ProcessorTestSupport.compile(List.of(source));
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[ADJ113] Sequential 'downsample' runs its layers in a loop")
        .inFile(source)
        .onLine(22);
  }

  @Test
  void theLayersInTheirOwnFieldsAreDifferentiated() {
    Compilation compilation =
        ProcessorTestSupport.compile(
            List.of(model("downsampleBn.forward(downsampleConv.forward(x))")));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("models.ShortcutGrad");
  }
}
