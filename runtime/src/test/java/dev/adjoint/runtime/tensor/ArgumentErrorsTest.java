package dev.adjoint.runtime.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.autograd.GradMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every argument error of the tensor API names the operation and the shapes, types or values
 * involved, and where there is one, the fix: one test per message, each asserting the exception's
 * type and the parts of its message a user needs.
 */
class ArgumentErrorsTest {
  private static final Tensor A = Tensor.zeros(2, 3);

  private static void fails(Class<? extends Throwable> type, Executable call, String... parts) {
    Throwable e = assertThrows(type, call);
    for (String part : parts) {
      assertTrue(
          e.getMessage().contains(part), () -> "\"" + part + "\" missing from: " + e.getMessage());
    }
  }

  @Test
  void shapesThatDoNotBroadcast() {
    fails(
        IllegalArgumentException.class,
        () -> A.add(Tensor.zeros(4, 5)),
        "add:",
        "[2, 3]",
        "[4, 5]",
        "dimension 0: 2 vs 4");
  }

  @Test
  void matrixProductOfMismatchedSizes() {
    fails(
        IllegalArgumentException.class,
        () -> A.matmul(Tensor.zeros(4, 5)),
        "matmul:",
        "[2, 3]",
        "[4, 5]",
        "3 != 4");
  }

  @Test
  void matrixProductOfTwoDtypes() {
    fails(
        IllegalArgumentException.class,
        () -> A.matmul(Tensor.zeros(DType.FLOAT64, 3, 4)),
        "matmul:",
        "float32 [2, 3]",
        "float64 [3, 4]",
        "b.to(a.dtype())");
  }

  @Test
  void negativeIndicesDoNotCountFromTheEnd() {
    // as in PyTorch: index_select and gather reject -1 rather than reading the last element
    fails(
        IndexOutOfBoundsException.class,
        () -> A.indexSelect(1, Tensor.ofLongs(0, -1)),
        "indexSelect:",
        "index -1",
        "dimension 1 of size 3");
    fails(
        IndexOutOfBoundsException.class,
        () -> A.gather(1, Tensor.ofLongs(-1, 0).reshape(2, 1)),
        "gather:",
        "index -1",
        "dimension 1 of size 3");
  }

  @Test
  void reshapeToAnotherNumberOfElements() {
    fails(IllegalArgumentException.class, () -> A.reshape(4, 2), "reshape:", "[4, 2]", "[2, 3]");
  }

  @Test
  void reshapeWithTwoInferredSizes() {
    fails(IllegalArgumentException.class, () -> A.reshape(-1, -1), "reshape:", "only one", "-1");
  }

  @Test
  void viewOfANonContiguousTensor() {
    fails(
        IllegalArgumentException.class,
        () -> A.t().view(6),
        "view:",
        "[3, 2]",
        "not contiguous",
        "reshape");
  }

  @Test
  void dimensionOutOfRange() {
    fails(IllegalArgumentException.class, () -> A.sum(5), "sum:", "dimension 5", "rank 2");
    fails(IllegalArgumentException.class, () -> A.softmax(-3), "softmax:", "dimension -3");
    fails(IllegalArgumentException.class, () -> A.transpose(0, 2), "transpose:", "dimension 2");
    fails(IllegalArgumentException.class, () -> A.squeeze(3), "squeeze:", "dimension 3");
  }

  @Test
  void selectBeyondTheDimension() {
    fails(
        IndexOutOfBoundsException.class,
        () -> A.select(0, 5),
        "select:",
        "index 5",
        "dimension 0 of size 2");
  }

  @Test
  void narrowBeyondTheDimension() {
    fails(
        IllegalArgumentException.class,
        () -> A.narrow(1, 2, 3),
        "narrow:",
        "[2, 5)",
        "dimension 1",
        "[2, 3]");
  }

  @Test
  void expandToAnIncompatibleShape() {
    fails(IllegalArgumentException.class, () -> A.expand(4, 3), "expand:", "[2, 3]", "[4, 3]");
  }

  @Test
  void permutationThatRepeatsADimension() {
    fails(IllegalArgumentException.class, () -> A.permute(0, 0), "permute:", "[0, 0]", "repeats");
  }

  @Test
  void reductionOfAnEmptyTensor() {
    fails(IllegalArgumentException.class, () -> Tensor.zeros(0).max(), "max:", "[0]", "empty");
    fails(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).max(1), "max:", "[2, 0]");
  }

  @Test
  void valuesThatDoNotFillTheShape() {
    fails(
        IllegalArgumentException.class,
        () -> Tensor.fromArray(new double[3], 2, 2),
        "fromArray:",
        "3 values",
        "[2, 2]");
  }

  @Test
  void negativeSize() {
    fails(IllegalArgumentException.class, () -> Tensor.zeros(-1, 2), "negative", "[-1, 2]");
  }

  @Test
  void itemOfSeveralElements() {
    fails(IllegalStateException.class, A::item, "item:", "6 elements");
  }

  @Test
  void indexOfTheWrongType() {
    fails(
        IllegalArgumentException.class,
        () -> A.indexSelect(0, Tensor.zeros(2)),
        "indexSelect:",
        "int64",
        "float32");
    fails(
        IllegalArgumentException.class,
        () -> A.gather(1, Tensor.zeros(2, 3)),
        "gather:",
        "int64",
        "float32");
  }

  @Test
  void indexOutOfRange() {
    fails(
        IndexOutOfBoundsException.class,
        () -> A.indexSelect(0, Tensor.ofLongs(5)),
        "indexSelect:",
        "index 5",
        "dimension 0 of size 2",
        "[2, 3]");
    Tensor index = Tensor.fromArray(DType.INT64, new double[] {0, 7, 0, 0, 0, 0}, 2, 3);
    fails(
        IndexOutOfBoundsException.class,
        () -> A.gather(1, index),
        "gather:",
        "index 7",
        "dimension 1 of size 3");
  }

  @Test
  void gatherIndexOfAnotherRank() {
    fails(
        IllegalArgumentException.class,
        () -> A.gather(1, Tensor.ofLongs(0)),
        "gather:",
        "[1]",
        "rank",
        "[2, 3]");
  }

  @Test
  void conditionThatIsNotABoolTensor() {
    fails(
        IllegalArgumentException.class,
        () -> Tensor.where(Tensor.ones(2), Tensor.ones(2), Tensor.zeros(2)),
        "where:",
        "condition",
        "bool",
        "float32 of shape [2]",
        "x.gt(0)");
  }

  @Test
  void maskThatIsNotABoolTensor() {
    fails(
        IllegalArgumentException.class,
        () -> Tensor.ones(2).maskedFill(Tensor.ones(2), 5),
        "maskedFill:",
        "mask",
        "bool",
        "float32 of shape [2]");
  }

  @Test
  void maskThatDoesNotBroadcast() {
    fails(
        IllegalArgumentException.class,
        () -> A.maskedFill(Tensor.ones(4).gt(0), 5),
        "maskedFill:",
        "[4]",
        "[2, 3]");
  }

  @Test
  void gradientOnAnIntegerTensor() {
    fails(
        IllegalArgumentException.class,
        () -> Tensor.ofLongs(1, 2).requiresGrad(true),
        "requiresGrad:",
        "int64");
  }

  @Test
  void inPlaceOnALeafThatRequiresGrad() {
    Tensor leaf = Tensor.zeros(2).requiresGrad(true);
    fails(
        IllegalStateException.class,
        () -> leaf.addInPlace(Tensor.ones(2)),
        "addInPlace:",
        "requires grad",
        "GradMode.noGrad()");
    // the fix the message gives works
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      leaf.addInPlace(Tensor.ones(2));
    }
  }

  @Test
  void inPlaceOnAViewOfALeaf() {
    Tensor leaf = Tensor.zeros(2, 2).requiresGrad(true);
    fails(
        IllegalStateException.class,
        () -> leaf.select(0, 0).addInPlace(Tensor.ones(2)),
        "addInPlace:",
        "requires grad");
  }

  @Test
  void inPlaceAddThatWouldGrow() {
    fails(
        IllegalArgumentException.class,
        () -> Tensor.zeros(1).addInPlace(Tensor.zeros(3)),
        "add_:",
        "[3]",
        "[1]");
  }

  @Test
  void backwardTwice() {
    Tensor x = Tensor.ones(2).requiresGrad(true);
    Tensor y = x.mul(x).sum();
    y.backward();
    fails(IllegalStateException.class, y::backward, "second time", "SumBackward0", "retainGraph");
  }

  @Test
  void backwardOfSeveralElementsWithoutASeed() {
    Tensor x = Tensor.ones(2).requiresGrad(true);
    Tensor y = x.mul(x);
    fails(IllegalArgumentException.class, y::backward, "backward:", "one-element", "[2]", "seed");
  }

  @Test
  void backwardWithASeedOfAnotherShape() {
    Tensor x = Tensor.ones(2).requiresGrad(true);
    Tensor y = x.mul(x);
    fails(
        IllegalArgumentException.class,
        () -> y.backward(Tensor.ones(3)),
        "backward:",
        "[3]",
        "[2]");
  }

  @Test
  void backwardOfAConstant() {
    fails(
        IllegalStateException.class,
        () -> Tensor.ones(2).sum().backward(),
        "backward:",
        "does not require grad",
        "GradMode.noGrad()");
  }

  @Test
  void gradientOfAnotherShape() {
    Tensor leaf = Tensor.zeros(2, 3).requiresGrad(true);
    fails(
        IllegalArgumentException.class,
        () -> leaf.setGrad(Tensor.zeros(3, 2)),
        "setGrad:",
        "[3, 2]",
        "[2, 3]");
  }

  @Test
  void gradientOfAnotherTypeFloat64ForFloat32() {
    Tensor leaf = Tensor.zeros(2, 3).requiresGrad(true);
    Tensor grad = Tensor.zeros(DType.FLOAT64, 2, 3);
    fails(
        IllegalArgumentException.class,
        () -> leaf.setGrad(grad),
        "setGrad:",
        "float64",
        "float32",
        "[2, 3]",
        "grad.to(DType.FLOAT32)");
    leaf.setGrad(grad.to(DType.FLOAT32));
  }
}
