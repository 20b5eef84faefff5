package dev.adjoint.runtime.nn;

import java.util.List;

/**
 * A state that does not fit a module: the message lists every mismatch, one per line, and says that
 * nothing was loaded; {@link #mismatches()} has them as data.
 */
public final class StateDictMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<StateDictMismatch> mismatches;

  /**
   * {@code source} names the state in the message's first line ({@code model.safetensors}) and
   * {@code noun} in each mismatch ("the file").
   */
  StateDictMismatchException(String source, String noun, List<StateDictMismatch> mismatches) {
    super(message(source, noun, mismatches));
    this.mismatches = List.copyOf(mismatches);
  }

  public List<StateDictMismatch> mismatches() {
    return mismatches;
  }

  private static String message(String source, String noun, List<StateDictMismatch> mismatches) {
    StringBuilder out =
        new StringBuilder(source)
            .append(" does not fit the module (")
            .append(mismatches.size())
            .append(mismatches.size() == 1 ? " mismatch" : " mismatches")
            .append("); nothing was loaded:");
    for (StateDictMismatch m : mismatches) {
      out.append("\n  ").append(m.describe(noun));
    }
    if (mismatches.stream().anyMatch(m -> m instanceof StateDictMismatch.WrongDType)) {
      out.append(
          "\nFor the dtypes: build the module in the state's dtype (the layers take a DType), or"
              + " convert the tensors before saving.");
    }
    if (mismatches.stream().anyMatch(m -> !(m instanceof StateDictMismatch.WrongDType))) {
      out.append(
          "\nFor the names and shapes: the state was saved from another architecture or"
              + " configuration; compare stateDict().keySet() with its names and shapes.");
    }
    return out.toString();
  }
}
