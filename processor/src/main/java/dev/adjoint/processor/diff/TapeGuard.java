package dev.adjoint.processor.diff;

import com.palantir.javapoet.CodeBlock;

/**
 * What keeps an adjoint that uses the compile-time tape from leaving values on it when an exception
 * escapes its sweeps (an index out of range in a loop, a callee that throws): the tape's mark taken
 * at entry, rewound on the exceptional path only, so the normal path pays for one mark and nothing
 * else.
 *
 * @param tape the local holding the thread's tape
 * @param mark the local holding its mark at entry
 * @param failure the catch parameter's name
 */
public record TapeGuard(String tape, String mark, String failure) {
  /**
   * {@code body} in a {@code try} whose {@code catch} unwinds the tape to the mark and rethrows the
   * exception unchanged (a precise rethrow: the method declares what the body throws).
   */
  public CodeBlock around(CodeBlock body) {
    return CodeBlock.builder()
        .add("try { // an exception from here on takes this call's values off the tape first\n")
        .indent()
        .add(body)
        .unindent()
        .add("} catch ($T $L) {\n", Throwable.class, failure)
        .indent()
        .add(
            "$L.unwind($L); // the tape as this call found it, for the thread's next adjoint\n",
            tape,
            mark)
        .addStatement("throw $L", failure)
        .unindent()
        .add("}\n")
        .build();
  }
}
