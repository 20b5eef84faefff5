package dev.adjoint.processor.ir;

import com.palantir.javapoet.ClassName;
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
 * @param fieldLeaves the tensors the method reads from fields of its receiver (the parameters of a
 *     model class), each differentiated like a parameter
 */
public record IrFunction(
    String name,
    String resultRecord,
    List<Parameter> parameters,
    IrType returnType,
    Optional<String> receiverClass,
    List<Node> body,
    List<FieldLeaf> fieldLeaves) {
  public IrFunction {
    parameters = List.copyOf(parameters);
    body = List.copyOf(body);
    fieldLeaves = List.copyOf(fieldLeaves);
  }

  /** A function that reads no tensor fields. */
  public IrFunction(
      String name,
      String resultRecord,
      List<Parameter> parameters,
      IrType returnType,
      Optional<String> receiverClass,
      List<Node> body) {
    this(name, resultRecord, parameters, returnType, receiverClass, body, List.of());
  }

  /** Whether the function computes with tensors: it gets the {@code .grad()}-accumulating API. */
  public boolean usesTensors() {
    return returnType == IrType.TENSOR
        || !fieldLeaves.isEmpty()
        || parameters.stream().anyMatch(p -> p.variable().type() == IrType.TENSOR);
  }

  /**
   * A tensor read from a field, the receiver's ({@code self.weight}, {@code self.hidden.bias()}) or
   * a class's: {@code field} says how generated code reads it, {@code variable} holds it in the IR;
   * {@code presence}, for a tensor the method reads only where an optional sub-model is present (in
   * the arm of {@code if (downsample != null)}), is that test.
   */
  public record FieldLeaf(Value.Var variable, FieldRef field, Optional<FieldRef> presence) {
    /** A leaf read unconditionally. */
    public FieldLeaf(Value.Var variable, FieldRef field) {
      this(variable, field, Optional.empty());
    }

    /**
     * The Java expression that reads the tensor; under {@code presence}, null where the optional
     * sub-model is absent (as the leaf of a layer without a bias is), since generated code reads
     * every leaf on entry.
     */
    public String expression() {
      return presence
          .map(test -> test.javaExpression() + " ? " + field.javaExpression() + " : null")
          .orElse(field.javaExpression());
    }

    /** Whether it is a parameter of the model (read through the receiver), not a class's tensor. */
    public boolean ofModel() {
      return field.throughReceiver();
    }
  }

  /**
   * A parameter.
   *
   * @param variable the IR variable holding its value on entry
   * @param differentiated whether a partial with respect to it is wanted
   * @param owned an array the method may overwrite ({@code @Owned})
   * @param sourceName its name in the source, which the generated API (the result record's
   *     components) keeps; the variable's differs only where the generated code writes that name
   *     itself ({@link Names#fix})
   * @param objectClass for an {@link IrType#OBJECT} parameter (a record or an object of a final
   *     class, read as constants), its class, which the generated methods declare it with; else
   *     empty
   */
  public record Parameter(
      Value.Var variable,
      boolean differentiated,
      boolean owned,
      String sourceName,
      Optional<ClassName> objectClass) {
    /** A parameter of a type the IR names itself. */
    public Parameter(Value.Var variable, boolean differentiated, boolean owned, String sourceName) {
      this(variable, differentiated, owned, sourceName, Optional.empty());
    }

    /** A parameter the method does not own, named in the source as in the IR. */
    public Parameter(Value.Var variable, boolean differentiated) {
      this(variable, differentiated, false, variable.name());
    }

    public String name() {
      return variable.name();
    }
  }
}
