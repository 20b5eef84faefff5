package dev.adjoint.processor.ir;

/**
 * Where in the user's source an IR node comes from: the file's simple name and line, which
 * generated code prints next to every statement, and the character offset, by which later passes'
 * diagnostics find their way back to the exact source tree.
 */
public record Origin(String file, long line, long position) {
  @Override
  public String toString() {
    return file + ":" + line;
  }
}
