package dev.adjoint.processor.diff;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.RuntimeClasses;

/**
 * A local that a sweep declares at the top level of the adjoint (a primal, an adjoint, a loop's
 * pass count, a callee's partials) and that later top-level statements may read. When the sweeps
 * are split into several methods ({@link Adjoint#split}), each such local is also a field of the
 * object the parts share, so that a part can read what an earlier one declared.
 *
 * @param type its Java type
 * @param name its name in the generated code
 */
public record SweepLocal(TypeName type, String name) {
  /** The JavaPoet type of an IR type. */
  public static TypeName typeOf(IrType type) {
    return switch (type) {
      case DOUBLE -> TypeName.DOUBLE;
      case FLOAT -> TypeName.FLOAT;
      case LONG -> TypeName.LONG;
      case INT -> TypeName.INT;
      case BOOLEAN -> TypeName.BOOLEAN;
      case DOUBLE_ARRAY,
          FLOAT_ARRAY,
          LONG_ARRAY,
          INT_ARRAY,
          BOOLEAN_ARRAY,
          DOUBLE_MATRIX,
          FLOAT_MATRIX ->
          ArrayTypeName.of(typeOf(type.elementType()));
      case TENSOR -> RuntimeClasses.TENSOR;
      case OBJECT -> ClassName.OBJECT;
    };
  }

  /** A local of an IR type. */
  static SweepLocal of(IrType type, String name) {
    return new SweepLocal(typeOf(type), name);
  }
}
