package dev.adjoint.processor.ir;

/**
 * The value types the IR knows. Only floating-point values (scalars, arrays of them, and tensors)
 * can carry a derivative.
 */
public enum IrType {
  DOUBLE("double"),
  FLOAT("float"),
  LONG("long"),
  INT("int"),
  BOOLEAN("boolean"),
  DOUBLE_ARRAY("double[]"),
  FLOAT_ARRAY("float[]"),
  LONG_ARRAY("long[]"),
  INT_ARRAY("int[]"),
  BOOLEAN_ARRAY("boolean[]"),
  /**
   * A two-dimensional array: an array of rows, each a {@code double[]} (rows may differ in length).
   */
  DOUBLE_MATRIX("double[][]"),
  FLOAT_MATRIX("float[][]"),
  /**
   * The runtime's {@code dev.adjoint.runtime.tensor.Tensor}. Its element type and shape are known
   * only when the code runs; generated code names it {@code Tensor} (the generated class imports
   * it).
   */
  TENSOR("Tensor"),
  /**
   * A reference to a runtime object that generated code passes to a runtime function as it reads it
   * (a dropout module's {@code Generator}): only ever a constant read from a field, never computed
   * with, compared or differentiated.
   */
  OBJECT("Object");

  /** The qualified name of the runtime's tensor class. */
  public static final String TENSOR_CLASS = "dev.adjoint.runtime.tensor.Tensor";

  private final String javaName;

  IrType(String javaName) {
    this.javaName = javaName;
  }

  /** The Java keyword for the type. */
  public String javaName() {
    return javaName;
  }

  /** Whether values of this type can be differentiated. */
  public boolean isFloating() {
    return this == DOUBLE || this == FLOAT;
  }

  /** Whether this is a numeric scalar type (arithmetic applies). */
  public boolean isNumeric() {
    return this != BOOLEAN && !isArray() && this != TENSOR && this != OBJECT;
  }

  /** Whether this is a two-dimensional array type (an array of rows). */
  public boolean isMatrix() {
    return this == DOUBLE_MATRIX || this == FLOAT_MATRIX;
  }

  /** Whether this is an array type (one- or two-dimensional). */
  public boolean isArray() {
    return ordinal() >= DOUBLE_ARRAY.ordinal() && ordinal() <= FLOAT_MATRIX.ordinal();
  }

  /** Whether this is the runtime's tensor type. */
  public boolean isTensor() {
    return this == TENSOR;
  }

  /** Whether values of this type can carry a derivative: floating scalars, arrays, tensors. */
  public boolean carriesDerivative() {
    return isFloating() || isFloatingArray() || this == TENSOR;
  }

  /**
   * Whether this is an array of {@code double} or {@code float} (or of rows of them), whose
   * elements have adjoints.
   */
  public boolean isFloatingArray() {
    return this == DOUBLE_ARRAY || this == FLOAT_ARRAY || isMatrix();
  }

  /** The element type of an array type. */
  public IrType elementType() {
    return switch (this) {
      case DOUBLE_ARRAY -> DOUBLE;
      case FLOAT_ARRAY -> FLOAT;
      case LONG_ARRAY -> LONG;
      case INT_ARRAY -> INT;
      case BOOLEAN_ARRAY -> BOOLEAN;
      case DOUBLE_MATRIX -> DOUBLE_ARRAY;
      case FLOAT_MATRIX -> FLOAT_ARRAY;
      default -> throw new IllegalStateException(this + " is not an array type");
    };
  }

  /** The array type whose elements have this type. */
  public IrType arrayType() {
    return switch (this) {
      case DOUBLE -> DOUBLE_ARRAY;
      case FLOAT -> FLOAT_ARRAY;
      case LONG -> LONG_ARRAY;
      case INT -> INT_ARRAY;
      case BOOLEAN -> BOOLEAN_ARRAY;
      case DOUBLE_ARRAY -> DOUBLE_MATRIX;
      case FLOAT_ARRAY -> FLOAT_MATRIX;
      default -> throw new IllegalStateException("no arrays of " + this);
    };
  }

  /** Java's binary numeric promotion (JLS 5.6): the type arithmetic on the two operands has. */
  public static IrType promote(IrType a, IrType b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == FLOAT || b == FLOAT) {
      return FLOAT;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }

  /** Whether a value of type {@code from} converts to this type without a cast (JLS 5.1.2). */
  public boolean acceptsWithoutCast(IrType from) {
    if (from == this) {
      return true;
    }
    if (!isNumeric() || !from.isNumeric()) {
      return false;
    }
    return ordinal() < from.ordinal();
  }
}
