package dev.adjoint.processor.ir;

import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.TensorOp;
import java.util.List;

/**
 * A tensor operation the processor differentiates: which runtime rule gives its derivative, and how
 * the forward sweep writes it.
 *
 * <p>Exactly one of {@code elementwise}, {@code tensorOp} and {@code custom} (a user's {@code
 * CustomFunction}, whose backward is its own) is set. {@code forward} is a Java expression in which
 * {@code {0}}, {@code {1}}, ... stand for the operands and {@code {p0}}, {@code {p1}}, ... for the
 * parameters; {@code params} is, in the same notation, the {@code OpParams} the rule reads (unused
 * for elementwise operations).
 *
 * @param name how diagnostics and comments name it ({@code Tensor.matmul})
 * @param mayReturnOperand whether {@code forward} may hand its first operand through as the result
 *     (a layer without a bias returns the product itself), so that the result can alias it
 */
public record TensorPrimitive(
    String name,
    ElementwiseOp elementwise,
    TensorOp tensorOp,
    String forward,
    String params,
    CustomFunctionRef custom,
    boolean mayReturnOperand) {

  public TensorPrimitive {
    int kinds =
        (elementwise == null ? 0 : 1) + (tensorOp == null ? 0 : 1) + (custom == null ? 0 : 1);
    if (kinds != 1) {
      throw new IllegalArgumentException(
          name + ": give one of an elementwise op, a tensor op and a custom function");
    }
  }

  /** An elementwise operation, broadcast, written as {@code forward}. */
  public static TensorPrimitive elementwise(String name, ElementwiseOp op, String forward) {
    return elementwise(name, op, forward, false);
  }

  /**
   * An elementwise operation written as {@code forward}, which may return its first operand ({@code
   * mayReturnOperand}).
   */
  public static TensorPrimitive elementwise(
      String name, ElementwiseOp op, String forward, boolean mayReturnOperand) {
    return new TensorPrimitive(name, op, null, forward, "", null, mayReturnOperand);
  }

  /** A tensor operation with parameters {@code params}, written as {@code forward}. */
  public static TensorPrimitive tensor(String name, TensorOp op, String forward, String params) {
    return new TensorPrimitive(name, null, op, forward, params, null, false);
  }

  /** A call of a user's custom function, written as {@code forward}. */
  public static TensorPrimitive custom(String name, CustomFunctionRef function, String forward) {
    return new TensorPrimitive(name, null, null, forward, "", function, true);
  }

  /**
   * Whether the result is always a new tensor, never a view of, or the same tensor as, an operand:
   * then a reader of this kind leaves no alias of its operands behind. A custom function's forward
   * is the user's, which may return an operand or a view of one.
   */
  public boolean makesNewTensor() {
    if (custom != null) {
      return false;
    }
    return elementwise != null ? !mayReturnOperand : tensorOp.makesNewTensor();
  }

  /** Whether operand {@code i} can receive a gradient (not an index, mask or condition). */
  public boolean isDifferentiable(int i) {
    if (custom != null) {
      return custom.isTensor(i);
    }
    return elementwise != null || tensorOp.isDifferentiable(i);
  }

  /** {@code forward} with the operands and parameters filled in. */
  public String forwardCode(List<String> args, List<String> paramCode) {
    return fill(forward, args, paramCode);
  }

  /** {@code params} with the operands and parameters filled in. */
  public String paramsCode(List<String> args, List<String> paramCode) {
    return fill(params, args, paramCode);
  }

  private static String fill(String template, List<String> args, List<String> paramCode) {
    String out = template;
    // operands first (their code is a name or a literal, never a placeholder), then parameters,
    // whose code may contain braces; highest index first, so {1} is not the start of {12}
    for (int i = args.size() - 1; i >= 0; i--) {
      out = out.replace("{" + i + "}", args.get(i));
    }
    for (int i = paramCode.size() - 1; i >= 0; i--) {
      out = out.replace("{p" + i + "}", paramCode.get(i));
    }
    return out;
  }
}
