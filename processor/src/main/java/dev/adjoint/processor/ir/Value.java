package dev.adjoint.processor.ir;

import java.util.Optional;

/** An operand: a variable or a constant. */
public sealed interface Value permits Value.Var, Value.Const {
  IrType type();

  /**
   * A variable. The IR is in single-assignment form for straight-line code: each definition of a
   * source variable gets its own {@code Var} (named {@code x}, {@code x_1}, ...), so every value
   * the reverse sweep needs is still there when it runs.
   *
   * @param name a Java identifier, unique in its function
   * @param type the variable's type
   */
  record Var(String name, IrType type) implements Value {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A value that no differentiated input can change, kept as the Java expression that denotes it so
   * generated code reads like the source: a literal ({@code 2.5}, {@code 3f}), a constant field
   * ({@code Math.PI}), a field of the receiver ({@code self.mass}) or a value read through a record
   * or object parameter ({@code p.k()}).
   *
   * @param javaExpression what generated code prints for it
   * @param type the constant's type
   * @param field the field it reads, when it reads one through the receiver: a body written at a
   *     call on a sub-model reads it through that sub-model ({@link FieldRef#under})
   * @param object the read through an object parameter it is, if it is one: a body written at a
   *     call reads it through the caller's argument ({@link ObjectRead#on})
   */
  record Const(
      String javaExpression, IrType type, Optional<FieldRef> field, Optional<ObjectRead> object)
      implements Value {
    public Const {
      if (field.isPresent() && !field.get().javaExpression().equals(javaExpression)) {
        throw new IllegalArgumentException(javaExpression + " does not read " + field.get());
      }
      if (object.isPresent()
          && (field.isPresent() || !object.get().javaExpression().equals(javaExpression))) {
        throw new IllegalArgumentException(javaExpression + " is not the read " + object.get());
      }
    }

    /** A literal or another constant expression that reads no field of the receiver. */
    public Const(String javaExpression, IrType type) {
      this(javaExpression, type, Optional.empty(), Optional.empty());
    }

    /** A constant that reads {@code field}, if present (nothing through an object parameter). */
    public Const(String javaExpression, IrType type, Optional<FieldRef> field) {
      this(javaExpression, type, field, Optional.empty());
    }

    /** A field's value, read as {@code field} says ({@code self.mass}, {@code Physics.G}). */
    public static Const of(FieldRef field, IrType type) {
      return new Const(field.javaExpression(), type, Optional.of(field), Optional.empty());
    }

    /** A value read through an object parameter ({@code p.x}, {@code p.k()}). */
    public static Const of(ObjectRead read, IrType type) {
      return new Const(read.javaExpression(), type, Optional.empty(), Optional.of(read));
    }

    @Override
    public String toString() {
      return javaExpression;
    }
  }
}
