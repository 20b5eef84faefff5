package dev.adjoint.runtime.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.gradcheck.GradCheck;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link CustomFunction} on the tape: one node named by the function, gradients from its own
 * backward checked against central differences, and every misuse named with its fix.
 */
class CustomFunctionTest {
  /** x·σ(x), with its derivative σ(x)·(1 + x·(1 − σ(x))) written by hand. */
  public static final class Swish extends CustomFunction {
    public Tensor forward(Tensor x) {
      return x.mul(x.sigmoid());
    }

    public Tensor backward(Tensor grad, Tensor x) {
      Tensor s = x.sigmoid();
      return grad.mul(s.mul(x.mul(s.neg().add(1)).add(1)));
    }
  }

  /** Swish with the (1 − σ) factor dropped: a wrong backward gradcheck must catch. */
  public static final class WrongSwish extends CustomFunction {
    public Tensor forward(Tensor x) {
      return x.mul(x.sigmoid());
    }

    public Tensor backward(Tensor grad, Tensor x) {
      Tensor s = x.sigmoid();
      return grad.mul(s.mul(x.add(1)));
    }
  }

  /** c·a·b of two tensors and a number, ∂/∂a = c·b, ∂/∂b = c·a; backward declares the result. */
  public static final class ScaledProduct extends CustomFunction {
    public Tensor forward(Tensor a, Tensor b, double c) {
      return a.mul(b).mul(c);
    }

    public Tensor[] backward(Tensor grad, Tensor a, Tensor b, double c, Tensor result) {
      assertArrayEquals(a.mul(b).mul(c).toArray(), result.toArray(), 0);
      return new Tensor[] {grad.mul(b).mul(c), grad.mul(a).mul(c)};
    }
  }

  /** A backward that returns a gradient of the wrong shape. */
  public static final class Summed extends CustomFunction {
    public Tensor forward(Tensor x) {
      return x.mul(2);
    }

    public Tensor backward(Tensor grad, Tensor x) {
      return grad.sum();
    }
  }

  /** A backward that forgets forward's number parameter. */
  public static final class Mismatched extends CustomFunction {
    public Tensor forward(Tensor x, double k) {
      return x.mul(k);
    }

    public Tensor backward(Tensor grad, Tensor x) {
      return grad;
    }
  }

  private static Tensor leaf(int... shape) {
    return Tensor.randn(new Generator(7), DType.FLOAT64, shape).requiresGrad(true);
  }

  @Test
  void theTapeRecordsOneNodeNamedByTheFunction() {
    Tensor x = leaf(2, 3);
    Tensor y = new Swish().apply(x);
    assertEquals("SwishBackward", y.gradFn().name());
    assertEquals(1, y.gradFn().nextFunctions().size());
    assertArrayEquals(x.mul(x.sigmoid()).toArray(), y.toArray(), 0);
  }

  @Test
  void itsGradientsMatchCentralDifferences() {
    Swish swish = new Swish();
    GradCheck.Result one = GradCheck.check(in -> swish.apply(in.get(0)).tanh(), leaf(2, 3));
    assertTrue(one.passed(), one.toString());
  }

  @Test
  void severalInputsAndANumberWithTheSavedResult() {
    ScaledProduct product = new ScaledProduct();
    GradCheck.Result r =
        GradCheck.check(in -> product.apply(in.get(0), in.get(1), 1.5), leaf(2, 3), leaf(2, 3));
    assertTrue(r.passed(), r.toString());
  }

  @Test
  void aWrongBackwardIsFoundByGradcheck() {
    WrongSwish wrong = new WrongSwish();
    GradCheck.Result r = GradCheck.check(in -> wrong.apply(in.get(0)), leaf(4));
    assertFalse(r.passed(), r.toString());
  }

  @Test
  void aGradientOfTheWrongShapeIsNamed() {
    Tensor x = leaf(2, 3);
    Tensor y = new Summed().apply(x).sum();
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertEquals(
        "SummedBackward: Summed.backward returned a gradient of shape [] for tensor input 0, of"
            + " shape [2, 3]; return a gradient of its input's shape (sum a broadcast one back with"
            + " Adjoints.algebra().sumToShapeOf(g, input))",
        e.getMessage());
  }

  @Test
  void aBackwardThatDoesNotMatchForwardIsNamedWithTheDeclarationToWrite() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new Mismatched().apply(leaf(2), 2.0));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Mismatched.backward(Tensor, Tensor) returning Tensor does not match"
                    + " forward(Tensor, double); declare public Tensor backward(Tensor grad,"
                    + " Tensor "),
        e.getMessage());
  }

  @Test
  void argumentsAreCheckedAgainstForward() {
    ScaledProduct product = new ScaledProduct();
    IllegalArgumentException count =
        assertThrows(IllegalArgumentException.class, () -> product.apply(leaf(2)));
    assertEquals(
        "ScaledProduct.apply: forward takes 3 arguments [Tensor, Tensor, double], got 1",
        count.getMessage());
    IllegalArgumentException type =
        assertThrows(IllegalArgumentException.class, () -> product.apply(leaf(2), 1.0, 1.0));
    assertEquals("ScaledProduct.apply: argument 1 must be a Tensor, not Double", type.getMessage());
  }

  @Test
  void aSavedInputChangedInPlaceIsAnError() {
    Tensor x = leaf(3);
    Tensor h = x.mul(1); // not a leaf: may change in place
    Tensor y = new Swish().apply(h).sum();
    try (GradMode.Scope scope = GradMode.noGrad()) {
      h.mulInPlace(2);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("saved by SwishBackward"), e.getMessage());
  }

  @Test
  void withoutRecordingNoNodeIsMade() {
    Tensor x = leaf(3);
    Tensor y;
    try (GradMode.Scope scope = GradMode.noGrad()) {
      y = new Swish().apply(x);
    }
    assertNull(y.gradFn());
    assertNull(new Swish().apply(x.detach()).gradFn());
  }

  /** log(x) as a custom function. */
  public static final class LogFn extends CustomFunction {
    public Tensor forward(Tensor x) {
      return x.log();
    }

    public Tensor backward(Tensor grad, Tensor x) {
      return grad.div(x);
    }
  }

  @Test
  void anomalyModeNamesTheFunctionAndTheLine() {
    Tensor x = Tensor.of(1, 0).requiresGrad(true);
    try (AnomalyMode.Scope scope = AnomalyMode.detect()) {
      String line =
          "CustomFunctionTest.java:" + (new Throwable().getStackTrace()[0].getLineNumber() + 2);
      ArithmeticException e = assertThrows(ArithmeticException.class, () -> new LogFn().apply(x));
      assertTrue(e.getMessage().startsWith(line), e.getMessage());
      assertTrue(e.getMessage().contains("logFn produced -Infinity at element 1"), e.getMessage());
      assertTrue(e.getMessage().contains("gradFn LogFnBackward"), e.getMessage());
    }
  }
}
