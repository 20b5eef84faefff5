package dev.adjoint.processor.parse;

import static dev.adjoint.processor.parse.LoweringHarness.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Calls to tensor methods: each callee lowered once, and written at each call. */
class TensorCalleesTest {
  private static final JavaFileObject BLOCK =
      source(
          "demo.Block",
          "package demo;",
          "import dev.adjoint.annotations.Differentiable;",
          "import dev.adjoint.runtime.nn.Linear;",
          "import dev.adjoint.runtime.tensor.Tensor;",
          "class Block {",
          "  final Linear layer = null;",
          "  @Differentiable Tensor apply(Tensor x) {",
          "    Tensor h = layer.forward(x);",
          "    return h.tanh();",
          "  }",
          "}");

  private static final JavaFileObject MODEL =
      source(
          "demo.Model",
          "package demo;",
          "import dev.adjoint.annotations.Differentiable;",
          "import dev.adjoint.runtime.tensor.Tensor;",
          "class Model {",
          "  final Block first = null;",
          "  final Block second = null;",
          "  @Differentiable Tensor f(Tensor x) {",
          "    Tensor h = first.apply(x);",
          "    return h.add(second.apply(h));",
          "  }",
          "}");

  @Test
  void aSubModelsBodyIsWrittenAtEachCallReadingItsLayersThroughItsField() {
    IrFunction f = LoweringHarness.lower(BLOCK, MODEL).of("Model.f").function();
    // names in the order they are asked for: the first call's copy of Block.apply's h is named
    // before Model.f's own h (h_1), the second's after (h_2); the second call's argument is the
    // first's result
    assertEquals(
        """
        t1 = TRANSPOSE(firstLayerWeight)
        t2 = MATMUL(x, t1)
        h = ADD(t2, firstLayerBias)
        h_1 = TANH(h)
        t5 = TRANSPOSE(secondLayerWeight)
        t6 = MATMUL(h_1, t5)
        h_2 = ADD(t6, secondLayerBias)
        t8 = TANH(h_2)
        t9 = ADD(h_1, t8)
        return t9
        """,
        IrText.of(f.body()));
    assertEquals(
        List.of(
            "self.first.layer.weight()",
            "self.first.layer.bias()",
            "self.second.layer.weight()",
            "self.second.layer.bias()"),
        f.fieldLeaves().stream().map(IrFunction.FieldLeaf::expression).toList());
    // the callee's nodes point at the callee's lines
    assertEquals("Block.java", f.body().get(0).origin().file());
    assertEquals(8, f.body().get(0).origin().line());
    assertEquals("Model.java", f.body().get(8).origin().file());
  }

  @Test
  void aMethodLoweredForACallIsTheOneDifferentiatedOnItsOwn() {
    List<IrFunction> functions = new ArrayList<>();
    LoweringHarness.inProcessor(
        env -> {
          MethodLowering lowering =
              new MethodLowering(env.trees(), env.processing().getElementUtils(), env.registry());
          for (ExecutableElement method : env.differentiable()) {
            functions.add(lowering.lower(DifferentiableDeclaration.read(method)).function());
          }
          // Model.f lowered Block.apply for its calls; Block.apply on its own is that lowering
          ExecutableElement apply = env.differentiable().get(0);
          functions.add(lowering.lower(DifferentiableDeclaration.read(apply)).function());
        },
        BLOCK,
        MODEL);
    assertEquals("apply", functions.get(0).name());
    assertSame(functions.get(0), functions.get(2));
  }

  @Test
  void theClassesALoweringReadsIncludeItsCalleesSoTheyOriginateTheGeneratedFile() {
    Map<String, Set<String>> read = new LinkedHashMap<>();
    LoweringHarness.inProcessor(
        env -> {
          MethodLowering lowering =
              new MethodLowering(env.trees(), env.processing().getElementUtils(), env.registry());
          // Model.f first: it lowers Block.apply for its calls; then Block.apply on its own
          List<ExecutableElement> methods = new ArrayList<>(env.differentiable());
          Collections.reverse(methods);
          for (ExecutableElement method : methods) {
            DifferentiableDeclaration declaration = DifferentiableDeclaration.read(method);
            lowering.lower(declaration);
            read.put(
                method.getSimpleName().toString(),
                lowering.classesRead(declaration).stream()
                    .map(t -> t.getQualifiedName().toString())
                    .filter(name -> name.startsWith("demo."))
                    .collect(Collectors.toCollection(TreeSet::new)));
          }
        },
        BLOCK,
        MODEL);
    assertEquals(Set.of("demo.Block", "demo.Model"), read.get("f"));
    // the callee's lowering, reused, reads only its own class
    assertEquals(Set.of("demo.Block"), read.get("apply"));
  }

  @Test
  void eachBodyIsLoweredOnceAndAFailureFailsAgainWithTheSameDiagnostic() {
    List<String> lowerings = new ArrayList<>();
    LoweringHarness.inProcessor(
        env -> {
          ExecutableElement apply = env.differentiable().get(0);
          PackageElement home = env.processing().getElementUtils().getPackageOf(apply);
          List<Boolean> seenInProgress = new ArrayList<>();
          CalleeLowerings[] bodies = new CalleeLowerings[1];
          bodies[0] =
              new CalleeLowerings(
                  (declaration, pkg) -> {
                    lowerings.add(declaration.method().getSimpleName().toString());
                    seenInProgress.add(bodies[0].isBeingLowered(declaration.method()));
                    throw DiagnosticException.atDeclaration(DiagnosticId.ADJ113, "no");
                  });
          DifferentiableDeclaration declaration = DifferentiableDeclaration.read(apply);
          DiagnosticException first =
              assertThrows(DiagnosticException.class, () -> bodies[0].lower(declaration, home));
          DiagnosticException again =
              assertThrows(DiagnosticException.class, () -> bodies[0].lower(declaration, home));
          assertSame(first, again);
          assertEquals(List.of(true), seenInProgress);
          assertTrue(!bodies[0].isBeingLowered(apply));
        },
        BLOCK);
    assertEquals(List.of("apply"), lowerings);
  }

  @Test
  void aCallIntoABodyBeingLoweredIsRecursion() {
    LoweringHarness.Result result =
        LoweringHarness.lower(
            source(
                "demo.R",
                "package demo;",
                "import dev.adjoint.annotations.Differentiable;",
                "import dev.adjoint.runtime.tensor.Tensor;",
                "class R {",
                "  @Differentiable static Tensor even(Tensor x) { return odd(x.mul(0.5)); }",
                "  @Differentiable static Tensor odd(Tensor x) { return even(x).sum(); }",
                "}"));
    DiagnosticException e = result.failed().get("R.even");
    assertEquals(DiagnosticId.ADJ113, e.id());
    assertTrue(e.getMessage().contains("tensor method even is recursive"), e.getMessage());
    assertSame(e, result.failed().get("R.odd")); // odd's lowering found it: one diagnostic
  }
}
