package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.CustomFunctionRef;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The share of a custom function's adjoint that reaches one tensor operand: the user's {@code
 * backward} called on the adjoint, forward's arguments and (when declared) its result, through the
 * runtime's {@code CustomFunction.share}, which checks the gradient's shape as the tape's node
 * does. A function of several tensors is asked once per operand that needs a gradient.
 */
final class CustomFunctionPartials {
  private static final JavaExpr CUSTOM_FUNCTION = new TypeRef(RuntimeClasses.CUSTOM_FUNCTION);

  private CustomFunctionPartials() {}

  static JavaExpr share(Node.TensorApply apply, int i, String g) {
    CustomFunctionRef function = apply.primitive().custom();
    // the source's expression naming the function object, as it wrote it
    JavaExpr instance = JavaExpr.literal(function.instance());
    List<JavaExpr> backwardArgs = new ArrayList<>();
    backwardArgs.add(JavaExpr.name(g));
    for (Value v : apply.args()) {
      backwardArgs.add(IrExpressions.primal(v));
    }
    if (function.takesResult()) {
      backwardArgs.add(JavaExpr.name(apply.targetVar().name()));
    }
    return new Call(
        CUSTOM_FUNCTION,
        "share",
        List.of(
            instance,
            new Call(instance, "backward", backwardArgs),
            JavaExpr.literal(Integer.toString(function.tensorIndex(i))),
            IrExpressions.primal(apply.args().get(i))));
  }
}
