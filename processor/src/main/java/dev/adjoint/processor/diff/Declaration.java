package dev.adjoint.processor.diff;

/**
 * A local the generated code declares before the block that first sets it, so that statements after
 * the block (and the reverse sweep) can read it: {@code type name = initial;}.
 */
record Declaration(String type, String name, String initial) {
  /** The declaration statement. */
  String code() {
    return type + " " + name + " = " + initial + ";";
  }
}
