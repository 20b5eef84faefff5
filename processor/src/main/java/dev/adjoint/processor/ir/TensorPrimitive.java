package dev.adjoint.processor.ir;

import com.palantir.javapoet.CodeBlock;
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
 * parameters ({@link CodeTemplate}); {@code params} is, in the same notation, the {@code OpParams}
 * the rule reads (unused for elementwise operations).
 *
 * @param name how diagnostics and comments name it ({@code Tensor.matmul})
 * @param mayReturnOperand whether {@code forward} may hand its first operand through as the result
 *     (a layer without a bias returns the product itself), so that the result can alias it
 */
public record TensorPrimitive(
    String name,
    ElementwiseOp elementwise,
    TensorOp tensorOp,
    CodeTemplate forward,
    CodeTemplate params,
    CustomFunctionRef custom,
    boolean mayReturnOperand) {

  /** The parameters of an operation whose rule reads none. */
  private static final CodeTemplate NO_PARAMS = CodeTemplate.of("");

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
    return new TensorPrimitive(
        name, op, null, CodeTemplate.of(forward), NO_PARAMS, null, mayReturnOperand);
  }

  /** A tensor operation with parameters {@code params}, written as {@code forward}. */
  public static TensorPrimitive tensor(String name, TensorOp op, String forward, String params) {
    return new TensorPrimitive(
        name, null, op, CodeTemplate.of(forward), CodeTemplate.of(params), null, false);
  }

  /** A call of a user's custom function, written as {@code forward}. */
  public static TensorPrimitive custom(String name, CustomFunctionRef function, String forward) {
    return new TensorPrimitive(
        name, null, null, CodeTemplate.of(forward), NO_PARAMS, function, true);
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
  public CodeBlock forwardCode(List<String> args, List<String> paramCode) {
    return forward.fill(args, paramCode);
  }

  /** {@link #forwardCode} as a reader sees it, for messages. */
  public String forwardText(List<String> args, List<String> paramCode) {
    return forward.text(args, paramCode);
  }

  /** {@code params} with the operands and parameters filled in. */
  public CodeBlock paramsCode(List<String> args, List<String> paramCode) {
    return params.fill(args, paramCode);
  }

  /** {@link #paramsCode} as a reader sees it, for messages. */
  public String paramsText(List<String> args, List<String> paramCode) {
    return params.text(args, paramCode);
  }
}
