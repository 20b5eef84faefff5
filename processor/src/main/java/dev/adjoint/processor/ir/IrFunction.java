package dev.adjoint.processor.ir;

import java.util.List;
import java.util.Optional;

/**
 * One {@code @Differentiable} method in IR form.
 *
 * @param name the method's name
 * @param resultRecord simple name of the generated value-and-partials record
 * @param parameters its parameters in declaration order
 * @param returnType its return type
 * @param receiverClass qualified name of the declaring class when the method is an instance method
 *     (the generated code takes the receiver as its first argument), else empty
 * @param body the statements; straight-line code ends in one {@link Node.Return}
 */
public record IrFunction(
    String name,
    String resultRecord,
    List<Parameter> parameters,
    IrType returnType,
    Optional<String> receiverClass,
    List<Node> body) {
  public IrFunction {
    parameters = List.copyOf(parameters);
    body = List.copyOf(body);
  }

  /**
   * A parameter.
   *
   * @param variable the IR variable holding its value on entry
   * @param differentiated whether a partial with respect to it is wanted
   * @param owned an array the method may overwrite ({@code @Owned})
   */
  public record Parameter(Value.Var variable, boolean differentiated, boolean owned) {
    /** A parameter the method does not own. */
    public Parameter(Value.Var variable, boolean differentiated) {
      this(variable, differentiated, false);
    }

    public String name() {
      return variable.name();
    }
  }
}
