package dev.adjoint.runtime.gradcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.autograd.LossOps;
import dev.adjoint.runtime.autograd.Ops;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation's tape gradient against central differences in float64, on random inputs. */
class OpGradientsTest {
  private static final Generator GEN = new Generator(7);

  private static Tensor randn(int... shape) {
    return Tensor.randn(GEN, DType.FLOAT64, shape);
  }

  /** Uniform in [lo, hi). */
  private static Tensor uniform(double lo, double hi, int... shape) {
    return Tensor.rand(GEN, DType.FLOAT64, shape).mul(hi - lo).add(lo);
  }

  // a point where op is smooth: positive for log/sqrt, inside (-1, 1) for asin/acos
  private static Tensor domain(ElementwiseOp op, int operand, int... shape) {
    return switch (op) {
      case LOG, LOG10, SQRT, CBRT, LOG1P -> uniform(0.5, 2, shape);
      case POW -> operand == 0 ? uniform(0.5, 2, shape) : uniform(-1.5, 1.5, shape);
      case ASIN, ACOS -> uniform(-0.8, 0.8, shape);
      case TAN -> uniform(-1, 1, shape);
      case FLOOR, CEIL, RINT, SIGNUM -> uniform(0.1, 0.4, shape);
      default -> randn(shape);
    };
  }

  private static void assertGradcheck(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
    GradCheck.Result result = GradCheck.check(f, inputs);
    assertTrue(result.passed(), result::toString);
  }

  @ParameterizedTest
  @EnumSource(ElementwiseOp.class)
  void elementwiseOpsSameShape(ElementwiseOp op) {
    Tensor[] inputs = new Tensor[op.arity()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = domain(op, i, 2, 3);
    }
    assertGradcheck(x -> Ops.elementwise(op, x.toArray(new Tensor[0])), inputs);
  }

  @ParameterizedTest
  @EnumSource(
      value = ElementwiseOp.class,
      names = {"ADD", "SUBTRACT", "MULTIPLY", "DIVIDE", "POW", "HYPOT", "ATAN2", "MAX", "MIN"})
  void binaryOpsBroadcast(ElementwiseOp op) {
    // [2, 3] with [3]; [2, 1] with [1, 3]; a scalar with [2, 2]
    assertGradcheck(
        x -> Ops.elementwise(op, x.get(0), x.get(1)), domain(op, 0, 2, 3), domain(op, 1, 3));
    assertGradcheck(
        x -> Ops.elementwise(op, x.get(0), x.get(1)), domain(op, 0, 2, 1), domain(op, 1, 1, 3));
    assertGradcheck(
        x -> Ops.elementwise(op, x.get(0), x.get(1)), domain(op, 0), domain(op, 1, 2, 2));
  }

  static Stream<Arguments> tensorOps() {
    Tensor index = Tensor.ofLongs(2, 0, 2);
    Tensor gatherIndex = Tensor.fromArray(DType.INT64, new double[] {0, 2, 1, 1, 0, 0}, 2, 3);
    Tensor mask = Tensor.of(1, 0, 0, 1).reshape(2, 2).gt(0.5);
    Tensor targets = Tensor.ofLongs(1, 0, 3);
    return Stream.of(
        op("matmul 1-D·1-D", x -> x.get(0).matmul(x.get(1)), randn(4), randn(4)),
        op("matmul 2-D·1-D", x -> x.get(0).matmul(x.get(1)), randn(3, 4), randn(4)),
        op("matmul 1-D·2-D", x -> x.get(0).matmul(x.get(1)), randn(4), randn(4, 2)),
        op("matmul 2-D·2-D", x -> x.get(0).matmul(x.get(1)), randn(3, 4), randn(4, 2)),
        op("matmul batch·2-D", x -> x.get(0).matmul(x.get(1)), randn(2, 3, 4), randn(4, 2)),
        op("matmul batch·batch", x -> x.get(0).matmul(x.get(1)), randn(2, 1, 2, 3), randn(3, 3, 2)),
        op("matmul transposed view", x -> x.get(0).t().matmul(x.get(1)), randn(4, 3), randn(4, 2)),
        op("sum", x -> x.get(0).sum(), randn(2, 3)),
        op("sum dims", x -> x.get(0).sum(new int[] {0, 2}, false), randn(2, 3, 2)),
        op("sum keepDim", x -> x.get(0).sum(new int[] {-1}, true), randn(2, 3)),
        op("mean", x -> x.get(0).mean(), randn(2, 3)),
        op("mean dim", x -> x.get(0).mean(1), randn(2, 3)),
        op("max", x -> x.get(0).max(), randn(2, 3)),
        op("max dim", x -> x.get(0).max(new int[] {1}, true), randn(2, 3)),
        op("reshape", x -> x.get(0).reshape(3, -1).mul(x.get(0).reshape(3, 2)), randn(2, 3)),
        op("reshape of a transpose", x -> x.get(0).t().reshape(6).cos(), randn(2, 3)),
        op("transpose", x -> x.get(0).transpose(0, 2).sin(), randn(2, 3, 2)),
        op("permute", x -> x.get(0).permute(2, 0, 1).sin(), randn(2, 3, 2)),
        op("narrow", x -> x.get(0).narrow(1, 1, 2).exp(), randn(2, 3)),
        op("slice", x -> x.get(0).slice(0, 1, 3), randn(4, 2)),
        op("select", x -> x.get(0).select(1, -1), randn(2, 3)),
        op("squeeze", x -> x.get(0).squeeze().mul(2), randn(2, 1, 3)),
        op("unsqueeze", x -> x.get(0).unsqueeze(1).add(x.get(1)), randn(3), randn(3, 2)),
        op("expand", x -> x.get(0).expand(2, -1, 3).sin(), randn(1, 2, 1)),
        op("contiguous", x -> x.get(0).t().contiguous().mul(x.get(0).t()), randn(2, 3)),
        op("cat", x -> Tensor.cat(List.of(x.get(0), x.get(1)), 1).sin(), randn(2, 2), randn(2, 3)),
        op("stack", x -> Tensor.stack(List.of(x.get(0), x.get(1)), 0).cos(), randn(3), randn(3)),
        op("indexSelect", x -> x.get(0).indexSelect(0, index).sin(), randn(3, 2)),
        op("gather", x -> x.get(0).gather(1, gatherIndex).sin(), randn(2, 3)),
        op("where", x -> Tensor.where(mask, x.get(0), x.get(1)), randn(2, 2), randn(2)),
        op("maskedFill", x -> x.get(0).maskedFill(mask, 3).exp(), randn(2, 2)),
        op("clamp", x -> x.get(0).clamp(-0.5, 0.5), uniform(-2, 2, 3, 3)),
        op("softmax", x -> x.get(0).softmax(1), randn(2, 4)),
        op("softmax dim 0", x -> x.get(0).softmax(0), randn(3, 2)),
        op("logSoftmax", x -> x.get(0).logSoftmax(-1), randn(2, 4)),
        op("sigmoid", x -> x.get(0).sigmoid(), randn(2, 3).mul(3)),
        op("relu", x -> x.get(0).relu(), randn(2, 3)),
        op("softplus", x -> x.get(0).softplus(), randn(2, 3).mul(10)),
        op("pow scalar", x -> x.get(0).pow(2.5), uniform(0.5, 2, 3)),
        op("pow tensor", x -> x.get(0).pow(x.get(1)), uniform(0.5, 2, 2, 3), randn(3)),
        op("mseLoss", x -> LossOps.mseLoss(x.get(0), x.get(1)), randn(2, 3), randn(2, 3)),
        op(
            "bceWithLogits",
            x -> LossOps.binaryCrossEntropyWithLogits(x.get(0), x.get(1)),
            randn(4).mul(5),
            uniform(0, 1, 4)),
        op("crossEntropy", x -> LossOps.crossEntropy(x.get(0), targets), randn(3, 4)),
        op("to float32 and back", x -> x.get(0).to(DType.FLOAT32).to(DType.FLOAT64), randn(3)),
        op(
            "a small model",
            x -> x.get(0).matmul(x.get(1)).add(x.get(2)).tanh().sum(),
            randn(2, 3),
            randn(3, 4),
            randn(4)));
  }

  private static Arguments op(String name, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
    return Arguments.of(name, f, inputs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tensorOps")
  void tensorOpsMatchFiniteDifferences(
      String name, Function<List<Tensor>, Tensor> f, Tensor[] inputs) {
    if (name.equals("to float32 and back")) {
      // float32 rounding is no derivative: compare at float precision
      GradCheck.Result r =
          GradCheck.check(f, new GradCheck.Options(1e-2, 1e-4, 1e-3, 3, 64, 1), inputs);
      assertTrue(r.passed(), r::toString);
      return;
    }
    assertGradcheck(f, inputs);
  }
}
