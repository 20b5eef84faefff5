package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.List;

/** How generated code writes IR values, and what the sweeps look up in a body: no state. */
final class IrExpressions {
  private IrExpressions() {}

  static JavaExpr primal(Value value) {
    return switch (value) {
      case Value.Var var -> JavaExpr.name(var.name());
      case Value.Const c -> JavaExpr.literal(c.javaExpression());
    };
  }

  static List<JavaExpr> primals(List<Value> values) {
    return values.stream().map(IrExpressions::primal).toList();
  }

  /** {@code array.length}. */
  static JavaExpr length(String array) {
    return new Member(JavaExpr.name(array), "length");
  }

  /** {@code array[index]}. */
  static JavaExpr element(String array, String index) {
    return new Element(JavaExpr.name(array), JavaExpr.name(index));
  }

  static String valueComponent(DifferentiableCallee callee) {
    return Names.valueComponent(
        callee.parameters().stream().map(DifferentiableCallee.Parameter::name).toList());
  }

  static String defaultValue(IrType type) {
    return switch (type) {
      case DOUBLE -> "0.0";
      case FLOAT -> "0.0f";
      case LONG -> "0L";
      case INT -> "0";
      case BOOLEAN -> "false";
      default -> "null";
    };
  }

  static Node.Return findReturn(List<Node> body) {
    for (Node node : body) {
      if (node instanceof Node.Return ret) {
        return ret;
      }
    }
    throw new IllegalStateException("the parse pass guarantees a return");
  }

  static Value.Var resultOf(Node node) {
    return node instanceof Node.CallDifferentiable call ? call.result() : null;
  }
}
