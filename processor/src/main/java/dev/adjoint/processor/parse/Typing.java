package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Value;

/**
 * The types of what a body declares and computes. Bodies are parsed but not attributed while
 * annotation processors run, so the lowering types every value itself; these are its checks, each a
 * diagnostic at the tree that breaks it.
 */
final class Typing {
  private Typing() {}

  /** The IR type a primitive or array type tree denotes. */
  static IrType of(Tree type, Tree where) {
    if (type instanceof PrimitiveTypeTree primitive) {
      return switch (primitive.getPrimitiveTypeKind()) {
        case DOUBLE -> IrType.DOUBLE;
        case FLOAT -> IrType.FLOAT;
        case LONG -> IrType.LONG;
        case INT, SHORT, BYTE, CHAR -> IrType.INT;
        case BOOLEAN -> IrType.BOOLEAN;
        default ->
            throw new DiagnosticException(
                DiagnosticId.ADJ106, where, "type " + primitive + " is not supported");
      };
    }
    if (type instanceof ArrayTypeTree array && array.getType() instanceof PrimitiveTypeTree) {
      return of(array.getType(), where).arrayType();
    }
    if (type instanceof ArrayTypeTree matrix
        && matrix.getType() instanceof ArrayTypeTree row
        && row.getType() instanceof PrimitiveTypeTree) {
      IrType rowType = of(row, where);
      if (rowType == IrType.DOUBLE_ARRAY || rowType == IrType.FLOAT_ARRAY) {
        return rowType.arrayType();
      }
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ106,
        type,
        "type "
            + type
            + " is not supported; @Differentiable methods compute with double, float,"
            + " int, long and boolean values and one-dimensional arrays of them");
  }

  /**
   * Whether a declaration's type is left to its initializer ({@code var}, or none before
   * attribution).
   */
  static boolean isInferred(Tree type) {
    return type == null || type instanceof IdentifierTree id && id.getName().contentEquals("var");
  }

  /**
   * Fails with ADJ106 unless {@code value} converts to {@code type} without a cast (JLS 5.2), as it
   * must where it is assigned to {@code what}; javac has checked constants already.
   */
  static void requireFits(IrType type, Value value, String what, Tree where) {
    if (!type.acceptsWithoutCast(value.type()) && !(value instanceof Value.Const)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          where,
          "a " + value.type().javaName() + " does not fit in " + what + " without a cast");
    }
  }

  static Value numeric(Value value, Tree where) {
    if (!value.type().isNumeric()) {
      throw new DiagnosticException(DiagnosticId.ADJ106, where, "expected a number, not a boolean");
    }
    return value;
  }

  static Value integral(Value value, Tree where) {
    if (value.type() != IrType.INT && value.type() != IrType.LONG) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, where, "this operator needs int or long operands");
    }
    return value;
  }

  static Value condition(Value value, Tree where) {
    if (value.type() != IrType.BOOLEAN) {
      throw new DiagnosticException(DiagnosticId.ADJ106, where, "a condition must be boolean");
    }
    return value;
  }

  /** ADJ102: an expression outside the supported subset, with how to write it instead. */
  static DiagnosticException unsupported(Tree e, String what, String fix) {
    return new DiagnosticException(
        DiagnosticId.ADJ102, e, what + " is not supported in @Differentiable methods; " + fix);
  }

  /** ADJ101: a statement outside the supported subset, with how to write it instead. */
  static DiagnosticException unsupportedStatement(Tree tree, String what, String fix) {
    return new DiagnosticException(
        DiagnosticId.ADJ101, tree, what + " are not supported in @Differentiable methods; " + fix);
  }
}
