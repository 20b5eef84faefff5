package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.rules.Comparison;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.rules.TensorAlgebra;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * {@link TensorAlgebra} over tensors: how the tape evaluates the derivative rules. Each operation
 * is the tensor operation of the same name; constants are Java numbers that do not widen a {@code
 * float32} gradient. Backward runs with recording off, so evaluating a rule records nothing.
 */
public final class TapeAlgebra implements TensorAlgebra<Tensor> {
  public static final TapeAlgebra INSTANCE = new TapeAlgebra();

  private TapeAlgebra() {}

  private static Tensor op(ElementwiseOp op, Tensor... args) {
    return Ops.elementwise(op, args);
  }

  @Override
  public Tensor constant(double value) {
    return Tensor.wrappedNumber(value);
  }

  @Override
  public Tensor add(Tensor a, Tensor b) {
    return op(ElementwiseOp.ADD, a, b);
  }

  @Override
  public Tensor subtract(Tensor a, Tensor b) {
    return op(ElementwiseOp.SUBTRACT, a, b);
  }

  @Override
  public Tensor multiply(Tensor a, Tensor b) {
    return op(ElementwiseOp.MULTIPLY, a, b);
  }

  @Override
  public Tensor divide(Tensor a, Tensor b) {
    return op(ElementwiseOp.DIVIDE, a, b);
  }

  @Override
  public Tensor negate(Tensor a) {
    return op(ElementwiseOp.NEGATE, a);
  }

  @Override
  public Tensor exp(Tensor a) {
    return op(ElementwiseOp.EXP, a);
  }

  @Override
  public Tensor expm1(Tensor a) {
    return op(ElementwiseOp.EXPM1, a);
  }

  @Override
  public Tensor log(Tensor a) {
    return op(ElementwiseOp.LOG, a);
  }

  @Override
  public Tensor log1p(Tensor a) {
    return op(ElementwiseOp.LOG1P, a);
  }

  @Override
  public Tensor log10(Tensor a) {
    return op(ElementwiseOp.LOG10, a);
  }

  @Override
  public Tensor sqrt(Tensor a) {
    return op(ElementwiseOp.SQRT, a);
  }

  @Override
  public Tensor cbrt(Tensor a) {
    return op(ElementwiseOp.CBRT, a);
  }

  @Override
  public Tensor pow(Tensor base, Tensor exponent) {
    return op(ElementwiseOp.POW, base, exponent);
  }

  @Override
  public Tensor hypot(Tensor a, Tensor b) {
    return op(ElementwiseOp.HYPOT, a, b);
  }

  @Override
  public Tensor sin(Tensor a) {
    return op(ElementwiseOp.SIN, a);
  }

  @Override
  public Tensor cos(Tensor a) {
    return op(ElementwiseOp.COS, a);
  }

  @Override
  public Tensor tan(Tensor a) {
    return op(ElementwiseOp.TAN, a);
  }

  @Override
  public Tensor asin(Tensor a) {
    return op(ElementwiseOp.ASIN, a);
  }

  @Override
  public Tensor acos(Tensor a) {
    return op(ElementwiseOp.ACOS, a);
  }

  @Override
  public Tensor atan(Tensor a) {
    return op(ElementwiseOp.ATAN, a);
  }

  @Override
  public Tensor atan2(Tensor y, Tensor x) {
    return op(ElementwiseOp.ATAN2, y, x);
  }

  @Override
  public Tensor sinh(Tensor a) {
    return op(ElementwiseOp.SINH, a);
  }

  @Override
  public Tensor cosh(Tensor a) {
    return op(ElementwiseOp.COSH, a);
  }

  @Override
  public Tensor tanh(Tensor a) {
    return op(ElementwiseOp.TANH, a);
  }

  @Override
  public Tensor abs(Tensor a) {
    return op(ElementwiseOp.ABS, a);
  }

  @Override
  public Tensor max(Tensor a, Tensor b) {
    return op(ElementwiseOp.MAX, a, b);
  }

  @Override
  public Tensor min(Tensor a, Tensor b) {
    return op(ElementwiseOp.MIN, a, b);
  }

  @Override
  public Tensor floor(Tensor a) {
    return op(ElementwiseOp.FLOOR, a);
  }

  @Override
  public Tensor ceil(Tensor a) {
    return op(ElementwiseOp.CEIL, a);
  }

  @Override
  public Tensor rint(Tensor a) {
    return op(ElementwiseOp.RINT, a);
  }

  @Override
  public Tensor signum(Tensor a) {
    return op(ElementwiseOp.SIGNUM, a);
  }

  @Override
  public Tensor select(Comparison cmp, Tensor a, Tensor b, Tensor ifTrue, Tensor ifFalse) {
    Relation rel =
        switch (cmp) {
          case GREATER -> Relation.GREATER;
          case EQUAL -> Relation.EQUAL;
        };
    Tensor cond = Ops.compare(rel, a, b);
    // two constant arms (a mask): the type of what was compared, so float32 stays float32
    DType type =
        ifTrue.isWrappedNumber() && ifFalse.isWrappedNumber()
            ? GradientShapes.floating(Ops.resultType(a, b))
            : Ops.resultType(ifTrue, ifFalse);
    return Ops.where(cond, ifTrue, ifFalse, type);
  }

  @Override
  public Tensor sumToShapeOf(Tensor gradient, Tensor operand) {
    return GradientShapes.sumToShapeOf(gradient, operand);
  }

  @Override
  public Tensor matmul(Tensor a, Tensor b) {
    return Ops.matmul(a, b);
  }

  @Override
  public int rank(Tensor a) {
    return a.dim();
  }

  @Override
  public Tensor transpose(Tensor a, int d0, int d1) {
    return ShapeOps.transpose(a, d0, d1);
  }

  @Override
  public Tensor permute(Tensor a, int[] order) {
    return ShapeOps.permute(a, order);
  }

  @Override
  public Tensor unsqueeze(Tensor a, int dim) {
    return ShapeOps.unsqueeze(a, dim);
  }

  @Override
  public Tensor squeeze(Tensor a, int dim) {
    return ShapeOps.squeeze(a, new int[] {dim});
  }

  @Override
  public Tensor reshapeAs(Tensor a, Tensor like) {
    return ShapeOps.reshape(a, like.shape(), false);
  }

  @Override
  public Tensor expandAs(Tensor a, Tensor like) {
    return ShapeOps.expand(a, like.shape());
  }

  @Override
  public Tensor convertLike(Tensor a, Tensor like) {
    return a.to(like.dtype()).to(like.device());
  }

  @Override
  public Tensor sum(Tensor a, int[] dims, boolean keepDim) {
    return Ops.sum(a, dims, keepDim);
  }

  @Override
  public Tensor unreduce(Tensor g, Tensor like, int[] dims, boolean keepDim) {
    return GradientShapes.unreduce(g, like, dims, keepDim);
  }

  @Override
  public Tensor elementCount(Tensor like, int[] dims) {
    return GradientShapes.elementCount(like, dims);
  }

  @Override
  public Tensor narrow(Tensor a, int dim, int start, int length) {
    return ShapeOps.narrow(a, dim, start, length);
  }

  @Override
  public Tensor padNarrowed(Tensor g, Tensor like, int dim, int start) {
    return GradientShapes.padNarrowed(g, like, dim, start);
  }

  @Override
  public Tensor catPart(Tensor g, int dim, List<Tensor> parts, int i) {
    return GradientShapes.catPart(g, dim, parts, i);
  }

  @Override
  public Tensor indexAddInto(Tensor g, Tensor like, int dim, Tensor index) {
    return GradientShapes.indexAddInto(g, like, dim, index);
  }

  @Override
  public Tensor scatterAddInto(Tensor g, Tensor like, int dim, Tensor index) {
    return GradientShapes.scatterAddInto(g, like, dim, index);
  }

  @Override
  public Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Ops.where(cond, a, b);
  }

  @Override
  public Tensor sigmoid(Tensor a) {
    return Ops.sigmoid(a);
  }

  // ---------------------------------------------------------------- convolution and pooling

  private static NnKernels nn() {
    return Backends.current().nn();
  }

  @Override
  public Tensor conv2dInputGrad(Tensor g, Tensor input, Tensor weight, Conv2dParams p) {
    return nn().conv2dInputGrad(g, weight, input.shape(), p);
  }

  @Override
  public Tensor conv2dWeightGrad(Tensor g, Tensor input, Tensor weight, Conv2dParams p) {
    return nn().conv2dWeightGrad(g, input, weight.shape(), p);
  }

  @Override
  public Tensor channelSum(Tensor g) {
    return nn().channelSum(g);
  }

  @Override
  public Tensor maxPool2dBackward(Tensor g, Tensor input, Pool2dParams p) {
    return nn().maxPool2dBackward(g, input, p);
  }

  @Override
  public Tensor avgPool2dBackward(Tensor g, Tensor input, Pool2dParams p) {
    return nn().avgPool2dBackward(g, input.shape(), p);
  }

  @Override
  public Tensor adaptiveAvgPool2dBackward(Tensor g, Tensor input) {
    return nn().adaptiveAvgPool2dBackward(g, input.shape());
  }

  @Override
  public Tensor batchNormInputGrad(
      Tensor g, Tensor input, Tensor weight, Tensor mean, Tensor invstd, boolean training) {
    return nn().batchNormInputGrad(g, input, weight, mean, invstd, training);
  }

  @Override
  public Tensor batchNormWeightGrad(Tensor g, Tensor input, Tensor mean, Tensor invstd) {
    return nn().batchNormWeightGrad(g, input, mean, invstd);
  }
}
