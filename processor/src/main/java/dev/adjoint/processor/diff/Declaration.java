package dev.adjoint.processor.diff;

import com.palantir.javapoet.CodeBlock;

/**
 * A local the generated code declares before the block that first sets it, so that statements after
 * the block (and the reverse sweep) can read it: {@code type name = initial;}.
 */
record Declaration(CodeBlock type, SweepLocal local, String initial) {
  /** The local's name. */
  String name() {
    return local.name();
  }

  /** The declaration statement. */
  CodeBlock code() {
    return CodeBlock.of("$L $L = $L;", type, local.name(), initial);
  }
}
