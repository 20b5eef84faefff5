package dev.adjoint.processor.ir;

/** The value types the IR knows. Only floating-point values can carry a derivative. */
public enum IrType {
  DOUBLE("double"),
  FLOAT("float"),
  LONG("long"),
  INT("int"),
  BOOLEAN("boolean");

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

  /** Whether this is a numeric type (arithmetic applies). */
  public boolean isNumeric() {
    return this != BOOLEAN;
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
    if (this == BOOLEAN || from == BOOLEAN) {
      return false;
    }
    return ordinal() < from.ordinal();
  }
}
