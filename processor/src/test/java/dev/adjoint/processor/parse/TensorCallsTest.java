package dev.adjoint.processor.parse;

import static dev.adjoint.processor.parse.LoweringHarness.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tensor operations lowered from source, as the table says: the rule, the operands and parameters,
 * how the forward sweep writes each, and what is reported for what has no rule.
 */
class TensorCallsTest {
  private static final LoweringHarness.Result LOWERED =
      LoweringHarness.lower(
          source(
              "demo.T",
              "package demo;",
              "import dev.adjoint.annotations.Differentiable;",
              "import dev.adjoint.annotations.NoDerivative;",
              "import dev.adjoint.runtime.nn.Linear;",
              "import dev.adjoint.runtime.nn.Losses;",
              "import dev.adjoint.runtime.tensor.Tensor;",
              "class T {",
              "  final Linear hidden = null;",
              "  @Differentiable static Tensor views(Tensor x) {",
              "    return x.reshape(2, 3).sum(1).rsub(2).sum();",
              "  }",
              "  @Differentiable Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor labels) {",
              "    return Losses.crossEntropy(hidden.forward(x).relu(), labels);",
              "  }",
              "  @Differentiable static Tensor mask(Tensor x) {",
              "    return x.gt(0).sum();",
              "  }",
              "  @Differentiable static Tensor byDouble(Tensor x) {",
              "    return x.sum(2.0);",
              "  }",
              "  @Differentiable static Tensor dimension(Tensor x) {",
              "    return x.softmax(1.5).sum();",
              "  }",
              "}"));

  private static List<String> forwards(IrFunction function) {
    return function.body().stream()
        .filter(Node.TensorApply.class::isInstance)
        .map(n -> ((Node.TensorApply) n).primitive().forward().toString())
        .toList();
  }

  @Test
  void methodsMapToTheirRulesOperandsAndParameters() {
    IrFunction views = LOWERED.of("T.views").function();
    assertEquals(
        """
        t1 = RESHAPE(x) [2, 3]
        t2 = SUM(t1) [1]
        t3 = SUBTRACT(2, t2)
        t4 = SUM(t3)
        return t4
        """,
        IrText.of(views.body()));
    assertEquals(
        List.of("{0}.reshape({p0}, {p1})", "{0}.sum({p0})", "{1}.rsub({0})", "{0}.sum()"),
        forwards(views));
    Node.TensorApply along = (Node.TensorApply) views.body().get(1);
    assertEquals(
        "{Adjoints}.reduction({0}, new int[] {{p0}}, false)",
        along.primitive().params().toString());
  }

  @Test
  void compositesAreTheRuntimesStepsAndFreshResultsAreWrittenOver() {
    IrFunction loss = LOWERED.of("T.loss").function();
    assertEquals(
        """
        t1 = TRANSPOSE(hiddenWeight)
        t2 = MATMUL(x, t1)
        t3 = ADD(t2, hiddenBias)
        t4 = RELU(t3)
        t5 = LOG_SOFTMAX(t4) [1]
        t6 = NLL_LOSS(t5, labels)
        return t6
        """,
        IrText.of(loss.body()));
    // the bias is added over the product and relu runs over the sum: nothing else reads them
    assertEquals(
        List.of(
            "{0}.t()",
            "{0}.matmul({1})",
            "{1} == null ? {0} : {Adjoints}.addOver({0}, {1})",
            "{Adjoints}.reluOver({0})",
            "{0}.logSoftmax({p0})",
            "{Losses}.nll({0}, {1})"),
        forwards(loss));
    assertEquals(
        List.of("self.hidden.weight()", "self.hidden.bias()"),
        loss.fieldLeaves().stream().map(IrFunction.FieldLeaf::expression).toList());
  }

  @Test
  void whatHasNoRuleIsReportedWithTheArgumentTypes() {
    assertTrue(
        LOWERED
            .failed()
            .get("T.mask")
            .getMessage()
            .startsWith("[ADJ113] Tensor.gt(int) computes a mask"));
    assertTrue(
        LOWERED
            .failed()
            .get("T.byDouble")
            .getMessage()
            .startsWith("[ADJ113] Tensor.sum(double) has no derivative rule in the processor"));
    assertEquals(
        "[ADJ113] a dimension must be an int, not a double",
        LOWERED.failed().get("T.dimension").getMessage());
  }
}
