package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value generated code reads from a field: through the receiver, {@code self.first.left.weight()}
 * (fields {@code first, left}, then the accessor {@code weight()}), or from a static field of a
 * class, {@code Tensors.offset}. Kept as data so that a body lowered once can be written at a call
 * on a sub-model: its reads are re-rooted at the sub-model ({@link #under}), not rewritten as text.
 *
 * @param owner for a static field, its class as generated code names it (a class of the generated
 *     class's package by its simple name, others qualified); empty for a read through the receiver
 * @param fields the fields read in turn: at least one, unless the read calls the receiver's
 *     accessor
 * @param accessor a method without arguments called on the last field's value (a layer's {@code
 *     weight} or {@code bias}), if any
 * @param presence whether the read is the test {@code value != null} (an optional sub-model, such
 *     as a residual block's {@code downsample}) rather than the value
 */
public record FieldRef(
    Optional<String> owner, List<String> fields, Optional<String> accessor, boolean presence) {
  /** How generated code names the receiver of the method it differentiates. */
  public static final String RECEIVER = "self";

  public FieldRef {
    fields = List.copyOf(fields);
    if (fields.isEmpty() && (owner.isPresent() || accessor.isEmpty())) {
      throw new IllegalArgumentException("a field read names a field, or calls the receiver");
    }
  }

  /** A read of the value (not a null test). */
  public FieldRef(Optional<String> owner, List<String> fields, Optional<String> accessor) {
    this(owner, fields, accessor, false);
  }

  /** {@code value != null} for the value this reads. */
  public FieldRef presenceTest() {
    return new FieldRef(owner, fields, accessor, true);
  }

  /** {@code self.field}. */
  public static FieldRef ofReceiver(String field) {
    return new FieldRef(Optional.empty(), List.of(field), Optional.empty());
  }

  /**
   * {@code self.method()}: a method of the receiver without arguments (a record's accessor), a
   * constant like a field.
   */
  public static FieldRef ofReceiverCall(String method) {
    return new FieldRef(Optional.empty(), List.of(), Optional.of(method));
  }

  /** {@code owner.field}, a static field. */
  public static FieldRef ofStatic(String owner, String field) {
    return new FieldRef(Optional.of(owner), List.of(field), Optional.empty());
  }

  /** Whether the read starts at the receiver (a field of the model), not at a class. */
  public boolean throughReceiver() {
    return owner.isEmpty();
  }

  /** This read followed by {@code accessor()} on its value. */
  public FieldRef thenCall(String method) {
    if (accessor.isPresent() || presence) {
      throw new IllegalStateException(this + " already ends in a call or a test");
    }
    return new FieldRef(owner, fields, Optional.of(method));
  }

  /**
   * The same read made on the object that {@code path} leads to from the receiver: {@code
   * self.weight} under {@code [first, left]} is {@code self.first.left.weight}. A static read is
   * the same everywhere.
   */
  public FieldRef under(List<String> path) {
    if (!throughReceiver() || path.isEmpty()) {
      return this;
    }
    List<String> rerooted = new ArrayList<>(path);
    rerooted.addAll(fields);
    return new FieldRef(owner, rerooted, accessor, presence);
  }

  /** The Java expression generated code reads the value with. */
  public String javaExpression() {
    StringBuilder out = new StringBuilder(owner.orElse(RECEIVER));
    fields.forEach(f -> out.append('.').append(f));
    accessor.ifPresent(a -> out.append('.').append(a).append("()"));
    return presence ? out.append(" != null").toString() : out.toString();
  }

  @Override
  public String toString() {
    return javaExpression();
  }
}
