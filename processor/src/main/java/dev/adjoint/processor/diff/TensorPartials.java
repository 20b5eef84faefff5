package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Code;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Lambda;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.TensorPrimitive;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseRules;
import dev.adjoint.runtime.rules.TensorOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The share of a tensor operation's adjoint that reaches one operand, as an expression of the
 * generated code: an elementwise rule written out with the tensor algebra (or fused into one pass
 * over the elements), and every other rule a call of the runtime's {@code Adjoints.partial}, which
 * the tape's node runs too.
 */
final class TensorPartials {
  private static final JavaExpr ADJOINTS = new TypeRef(RuntimeClasses.ADJOINTS);

  private static final JavaExpr FUSED = new TypeRef(RuntimeClasses.FUSED);

  private final IrFunction function;

  private final Names names;

  /** The lambda parameter names of fused rules: the adjoint, the result, the operands. */
  private List<String> lambdaNames;

  TensorPartials(IrFunction function, Names names) {
    this.function = function;
    this.names = names;
  }

  /**
   * Both shares of {@code g} in {@code x·x}, as one: {@code 2·(g·x)}, the same numbers (the
   * doubling is exact) in one pass where the tape makes two products and their sum.
   */
  JavaExpr square(String g, Value.Var operand) {
    List<String> lambda = lambdaNames();
    String gName = lambda.get(0);
    String aName = lambda.get(2);
    return new Call(
        FUSED,
        "map",
        List.of(
            JavaExpr.name(g),
            IrExpressions.primal(operand),
            new Lambda(
                List.of(gName, aName),
                new Binary(
                    JavaExpr.literal("2"),
                    "*",
                    new Binary(
                        JavaExpr.name(gName), "*", JavaExpr.name(aName), JavaExpr.MULTIPLICATIVE),
                    JavaExpr.MULTIPLICATIVE))));
  }

  // named on first use, so that methods without fused rules do not reserve them
  private List<String> lambdaNames() {
    if (lambdaNames == null) {
      lambdaNames = List.of(names.fresh("g"), names.fresh("y"), names.fresh("a"), names.fresh("b"));
    }
    return lambdaNames;
  }

  /**
   * An elementwise rule that takes several tensor operations ({@code g·(1 − y²)}) as one fused
   * pass: the same rule written out for Java numbers, in a lambda over the elements. Empty when
   * fusing gains nothing (one operation) or the rule reads more than three tensors or a Java
   * variable.
   */
  private java.util.Optional<JavaExpr> fusedPartial(
      Node.TensorApply apply, int i, String g, JavaExpr unfused) {
    int operations = TensorSourceAlgebra.operations(unfused);
    // the count includes the outer sumToShapeOf, which the fused form keeps
    if (operations <= 2) {
      return java.util.Optional.empty();
    }
    List<String> lambdaNames = lambdaNames();
    List<JavaExpr> scalarArgs = new ArrayList<>();
    List<JavaExpr> tensors =
        new ArrayList<>(List.of(JavaExpr.name(g), JavaExpr.name(apply.targetVar().name())));
    for (int k = 0; k < apply.args().size(); k++) {
      Value v = apply.args().get(k);
      if (v instanceof Value.Var var && var.type() != IrType.TENSOR) {
        return java.util.Optional.empty(); // a lambda may capture only effectively final locals
      }
      if (v.type() == IrType.TENSOR) {
        scalarArgs.add(JavaExpr.name(lambdaNames.get(2 + k)));
        tensors.add(IrExpressions.primal(v));
      } else {
        scalarArgs.add(IrExpressions.primal(v));
        tensors.add(null);
      }
    }
    JavaExpr scalar =
        ElementwiseRules.partial(
            apply.primitive().elementwise(),
            SourceAlgebra.forAdjoint(),
            scalarArgs,
            JavaExpr.name(lambdaNames.get(1)),
            JavaExpr.name(lambdaNames.get(0)),
            i);
    List<String> params = new ArrayList<>();
    List<JavaExpr> operands = new ArrayList<>();
    for (int k = 0; k < tensors.size(); k++) {
      String name = lambdaNames.get(k);
      if (tensors.get(k) != null && scalar.reads(name)) {
        params.add(name);
        operands.add(tensors.get(k));
      }
    }
    if (params.isEmpty() || params.size() > 3) {
      return java.util.Optional.empty();
    }
    operands.add(new Lambda(params, scalar));
    JavaExpr map = new Call(FUSED, "map", operands);
    return java.util.Optional.of(
        TensorSourceAlgebra.INSTANCE.sumToShapeOf(map, IrExpressions.primal(apply.args().get(i))));
  }

  /** Operand {@code i}'s share of {@code g}: the runtime's rule for the operation. */
  JavaExpr partial(Node.TensorApply apply, int i, String g) {
    if (apply.primitive().custom() != null) {
      return CustomFunctionPartials.share(apply, i, g);
    }
    List<JavaExpr> args = new ArrayList<>();
    for (Value v : apply.args()) {
      args.add(
          v.type() == IrType.TENSOR
              ? IrExpressions.primal(v)
              : TensorSourceAlgebra.number(IrExpressions.primal(v)));
    }
    JavaExpr y = JavaExpr.name(apply.targetVar().name());
    TensorPrimitive primitive = apply.primitive();
    if (primitive.elementwise() != null) {
      // the rule written out as tensor operations, fused into one pass where that saves some
      JavaExpr unfused =
          ElementwiseRules.partial(
              primitive.elementwise(), TensorSourceAlgebra.INSTANCE, args, y, JavaExpr.name(g), i);
      return fusedPartial(apply, i, g, unfused).orElse(unfused);
    }
    // the template's operands are names and literals: their text is their code
    List<String> params = apply.params().stream().map(v -> IrExpressions.primal(v).text()).toList();
    List<String> operands = apply.args().stream().map(v -> IrExpressions.primal(v).text()).toList();
    boolean resultDead =
        (primitive.tensorOp() == TensorOp.RELU || primitive.tensorOp() == TensorOp.LOG_SOFTMAX)
            && TensorLifetimes.resultDeadAfterItsStep(function, apply);
    if (resultDead) {
      // the rule reads the result, not the operand, and nothing reads the result after this
      // step: the gradient is written over it
      return primitive.tensorOp() == TensorOp.RELU
          ? new Call(ADJOINTS, "reluPartialOver", List.of(y, JavaExpr.name(g), args.get(0)))
          : new Call(
              ADJOINTS,
              "logSoftmaxPartialOver",
              List.of(y, JavaExpr.name(g), arguments(primitive, operands, params), args.get(0)));
    }
    // shape-dependent rules (a matrix product's depends on its operands' ranks) run in the
    // runtime, exactly as the tape's node runs them
    List<JavaExpr> partialArgs = new ArrayList<>();
    partialArgs.add(new Member(new TypeRef(RuntimeClasses.TENSOR_OP), primitive.tensorOp().name()));
    partialArgs.add(arguments(primitive, operands, params));
    partialArgs.add(y);
    partialArgs.add(JavaExpr.name(g));
    partialArgs.add(JavaExpr.literal(Integer.toString(i)));
    partialArgs.addAll(args);
    return new Call(ADJOINTS, "partial", partialArgs);
  }

  /** The {@code OpParams} argument of {@code primitive}'s rule. */
  private static Code arguments(
      TensorPrimitive primitive, List<String> operands, List<String> params) {
    return new Code(
        primitive.paramsCode(operands, params), primitive.paramsText(operands, params), List.of());
  }
}
