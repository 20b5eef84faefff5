package dev.adjoint.processor.ir;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out Java identifiers that clash with nothing else in one generated method. Every name the
 * source uses is reserved up front, so a generated temporary never shadows a user's variable, while
 * a source variable keeps its own name for its first definition.
 */
public final class Names {
  private final Set<String> reserved = new HashSet<>();
  private final Set<String> claimed = new HashSet<>();
  private int temporaries;

  /** Marks {@code name} as used by the source. */
  public void reserve(String name) {
    reserved.add(name);
  }

  /**
   * A name for a definition of the source variable {@code sourceName}: the name itself the first
   * time, then {@code sourceName_1}, {@code sourceName_2}, ...
   */
  public String forSourceVariable(String sourceName) {
    if (claimed.add(sourceName)) {
      return sourceName;
    }
    return fresh(sourceName);
  }

  /** {@code base} if nobody uses it, else {@code base_1}, {@code base_2}, ... */
  public String fresh(String base) {
    if (!reserved.contains(base) && claimed.add(base)) {
      return base;
    }
    for (int i = 1; ; i++) {
      String candidate = base + "_" + i;
      if (!reserved.contains(candidate) && claimed.add(candidate)) {
        return candidate;
      }
    }
  }

  /** The next free temporary name: {@code t1}, {@code t2}, ... */
  public String temporary() {
    while (true) {
      String candidate = "t" + ++temporaries;
      if (!reserved.contains(candidate) && claimed.add(candidate)) {
        return candidate;
      }
    }
  }
}
