package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.diff.SweepLocal;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.RuntimeClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The Java types and signatures the generated methods share, from the IR's types. */
final class JavaTypes {
  static final ClassName TENSOR = RuntimeClasses.TENSOR;

  private JavaTypes() {}

  /** The JavaPoet type of an IR type ({@link SweepLocal#typeOf}: one mapping for both passes). */
  static TypeName of(IrType type) {
    return SweepLocal.typeOf(type);
  }

  /**
   * The generated methods' parameters: the receiver of an instance method first (as {@code self} of
   * {@code sourceClass}), then the method's.
   */
  static List<ParameterSpec> parameters(IrFunction function, ClassName sourceClass) {
    List<ParameterSpec> parameters = new ArrayList<>();
    function
        .receiverClass()
        .ifPresent(r -> parameters.add(ParameterSpec.builder(sourceClass, "self").build()));
    for (IrFunction.Parameter p : function.parameters()) {
      TypeName type = p.objectClass().<TypeName>map(c -> c).orElse(of(p.variable().type()));
      parameters.add(ParameterSpec.builder(type, p.name()).build());
    }
    return parameters;
  }

  /** How Javadoc links the source method: {@code name(double, double[])}. */
  static String signature(IrFunction function) {
    return function.name()
        + function.parameters().stream()
            .map(
                p ->
                    p.objectClass()
                        .map(ClassName::canonicalName)
                        .orElse(p.variable().type().javaName()))
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /** The parameters' names, as the arguments of a call passing them on. */
  static String arguments(List<ParameterSpec> parameters) {
    return parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", "));
  }
}
