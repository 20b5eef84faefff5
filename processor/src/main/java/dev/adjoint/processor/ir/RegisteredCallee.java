package dev.adjoint.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * A method whose partials the user registered with {@code @Derivative}.
 *
 * @param owner the class declaring the method
 * @param method the method's name
 * @param returnType its return type
 * @param parameters its parameters, in order, each with the derivative method registered for it
 */
public record RegisteredCallee(
    ClassName owner, String method, IrType returnType, List<Parameter> parameters) {
  public RegisteredCallee {
    parameters = List.copyOf(parameters);
  }

  /**
   * A parameter of the registered method.
   *
   * @param name its name
   * @param type its type
   * @param derivative the method returning the partial with respect to it, if registered
   */
  public record Parameter(String name, IrType type, Optional<MethodRef> derivative) {}

  /**
   * A static method, by owner and name.
   *
   * @param owner the declaring class
   * @param method the method's name
   */
  public record MethodRef(ClassName owner, String method) {}
}
