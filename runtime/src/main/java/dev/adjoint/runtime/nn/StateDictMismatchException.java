package dev.adjoint.runtime.nn;

import java.util.List;

/**
 * A state that does not fit a module: the message lists every mismatch, one per line, and says that
 * nothing was loaded; {@link #mismatches()} has them as data.
 */
public final class StateDictMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<StateDictMismatch> mismatches;

  StateDictMismatchException(String source, List<StateDictMismatch> mismatches) {
    super(message(source, mismatches));
    this.mismatches = List.copyOf(mismatches);
  }

  public List<StateDictMismatch> mismatches() {
    return mismatches;
  }

  private static String message(String source, List<StateDictMismatch> mismatches) {
    StringBuilder out =
        new StringBuilder(source)
            .append(" does not fit the module (")
            .append(mismatches.size())
            .append(mismatches.size() == 1 ? " mismatch" : " mismatches")
            .append("); nothing was loaded:");
    for (StateDictMismatch m : mismatches) {
      out.append("\n  ").append(m.describe());
    }
    boolean dtypeOnly =
        mismatches.stream().allMatch(m -> m instanceof StateDictMismatch.WrongDType);
    if (dtypeOnly) {
      out.append(
          "\nBuild the module with the state's dtype (the layers take a DType), or convert the"
              + " tensors before saving.");
    } else {
      out.append(
          "\nThe state was saved from another architecture or configuration; compare"
              + " stateDict().keySet() with the state's names.");
    }
    return out.toString();
  }
}
