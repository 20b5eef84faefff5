package dev.adjoint.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A {@code @Differentiable} method called from another one, described by what generated code needs:
 * where its generated gradient lives and what it returns.
 *
 * @param gradientClass the generated class ({@code com.acme.PhysicsGrad})
 * @param method the method's name
 * @param resultRecord simple name of the value-and-partials record, nested in {@code gradientClass}
 * @param parameters the callee's parameters, in order
 * @param returnType the callee's return type
 */
public record DifferentiableCallee(
    ClassName gradientClass,
    String method,
    String resultRecord,
    List<Parameter> parameters,
    IrType returnType) {
  public DifferentiableCallee {
    parameters = List.copyOf(parameters);
  }

  /**
   * A parameter of the callee.
   *
   * @param name its name, also the record component holding its partial
   * @param type its type
   * @param differentiated whether the callee's record carries a partial for it
   */
  public record Parameter(String name, IrType type, boolean differentiated) {}
}
