package dev.adjoint.processor.parse;

/** Java source literals for constant values, so generated code can inline them exactly. */
final class JavaLiterals {
  private JavaLiterals() {}

  /** The literal that denotes {@code value}: {@code 2.5}, {@code 2.5f}, {@code 7L}, ... */
  static String of(Object value) {
    return switch (value) {
      case Double d -> doubleLiteral(d);
      case Float f -> floatLiteral(f);
      case Long l -> l + "L";
      case Integer i -> Integer.toString(i);
      case Short s -> Short.toString(s);
      case Byte b -> Byte.toString(b);
      case Character c -> Integer.toString(c);
      case Boolean b -> Boolean.toString(b);
      default -> throw new IllegalArgumentException("not a primitive constant: " + value);
    };
  }

  private static String doubleLiteral(double d) {
    if (Double.isNaN(d)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return Double.toString(d); // shortest string that reads back to the same double
  }

  private static String floatLiteral(float f) {
    if (Float.isNaN(f)) {
      return "Float.NaN";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
    }
    return Float.toString(f) + "f";
  }
}
