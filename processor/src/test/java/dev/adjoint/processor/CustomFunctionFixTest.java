package dev.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * ADJ114's fix, applied: the backward its message declares compiles, and the generated adjoint
 * calls the function's forward and backward. (Its gradients against the tape and central
 * differences: {@code examples/.../tensors/CustomFunctionEnginesTest}.)
 */
class CustomFunctionFixTest {
  private static JavaFileObject source(String backward) {
    return JavaFileObjects.forSourceLines(
        "fns.Scaled",
        "package fns;",
        "import dev.adjoint.annotations.Differentiable;",
        "import dev.adjoint.runtime.autograd.CustomFunction;",
        "import dev.adjoint.runtime.tensor.Tensor;",
        "public class Scaled {",
        "  public static final class Scale extends CustomFunction {",
        "    public Tensor forward(Tensor x, double k) { return x.mul(k); }",
        "    " + backward,
        "  }",
        "  static final Scale SCALE = new Scale();",
        "  @Differentiable",
        "  static Tensor scaled(Tensor x) {",
        "    return SCALE.apply(x, 2.0).sum();",
        "  }",
        "}");
  }

  private static final String FIX = "public Tensor backward(Tensor grad, Tensor x, double k)";

  @Test
  void aMismatchedBackwardIsReportedWithTheDeclarationToWrite() {
    JavaFileObject source =
        source("public Tensor backward(Tensor grad, Tensor x) { return grad; }");
    Compilation compilation = ProcessorTestSupport.compile(List.of(source));
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ADJ114] Scale.backward(Tensor, Tensor) returning Tensor does not match")
        .inFile(source)
        .onLine(13);
    assertThat(compilation).hadErrorContaining("declare " + FIX);
  }

  @Test
  void theDeclaredBackwardCompilesAndIsCalledByTheAdjoint() {
    Compilation compilation =
        ProcessorTestSupport.compile(List.of(source(FIX + " { return grad.mul(k); }")));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("fns.ScaledGrad")
        .contentsAsUtf8String()
        .contains("Scaled.SCALE.backward(");
    assertThat(compilation)
        .generatedSourceFile("fns.ScaledGrad")
        .contentsAsUtf8String()
        .contains("Scaled.SCALE.forward(x, 2.0)");
  }
}
