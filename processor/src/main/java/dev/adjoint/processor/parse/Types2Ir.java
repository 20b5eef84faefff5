package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.IrType;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Maps javac's type mirrors to the IR's value types. */
final class Types2Ir {
  private Types2Ir() {}

  /** The IR type of a primitive type the processor handles, else empty. */
  static Optional<IrType> of(TypeMirror type) {
    return switch (type.getKind()) {
      case DOUBLE -> Optional.of(IrType.DOUBLE);
      case FLOAT -> Optional.of(IrType.FLOAT);
      case LONG -> Optional.of(IrType.LONG);
      case INT, SHORT, BYTE, CHAR -> Optional.of(IrType.INT);
      case BOOLEAN -> Optional.of(IrType.BOOLEAN);
      case ARRAY -> {
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component.getKind().isPrimitive()) {
          yield of(component).map(IrType::arrayType);
        }
        // two-dimensional arrays of double and float: arrays of rows
        yield component.getKind() == TypeKind.ARRAY
            ? of(component)
                .filter(row -> row == IrType.DOUBLE_ARRAY || row == IrType.FLOAT_ARRAY)
                .map(IrType::arrayType)
            : Optional.empty();
      }
      case DECLARED ->
          ((TypeElement) ((DeclaredType) type).asElement())
                  .getQualifiedName()
                  .contentEquals(IrType.TENSOR_CLASS)
              ? Optional.of(IrType.TENSOR)
              : Optional.empty();
      default -> Optional.empty();
    };
  }
}
