package dev.adjoint.processor.ir;

/**
 * A value read through a record or object parameter, {@code p.x} or {@code p.x()}: a constant for
 * the gradient, kept as data so that a tensor method's body, lowered once and written at a call,
 * reads it through the caller's argument ({@link #on}) rather than through its own parameter.
 *
 * @param object the variable holding the object (a parameter of type {@link IrType#OBJECT})
 * @param member what is read from it: a field's name, or an accessor's name followed by {@code ()}
 */
public record ObjectRead(Value.Var object, String member) {
  public ObjectRead {
    if (object.type() != IrType.OBJECT) {
      throw new IllegalArgumentException(object + " does not hold an object");
    }
  }

  /** How generated code reads it. */
  public String javaExpression() {
    return object.name() + "." + member;
  }

  /** The same read through {@code other}, which holds the same object at a call. */
  public ObjectRead on(Value.Var other) {
    return new ObjectRead(other, member);
  }
}
