package dev.adjoint.processor.diff;

import dev.adjoint.processor.ir.IrType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The locals the sweeps declare at the top level of the adjoint, recorded where each is declared
 * (primals, block declarations, adjoints, pending adjoint declarations, callees' partials, pass
 * counts, the seed's adjoint) and taken per chunk by {@link ReverseMode} ({@link
 * SweepChunk#declares}): split sweeps hold them as fields.
 */
final class TopLevelLocals {
  /** The names the forward sweep has declared (primals, array adjoints, block locals). */
  private final Set<String> declaredPrimals = new HashSet<>();

  /** The locals declared since the last chunk was taken. */
  private final List<SweepLocal> sinceLastChunk = new ArrayList<>();

  /**
   * Whether a forward statement at {@code depth} declares {@code name}, of {@code type}: at the top
   * level, the first time the forward sweep sets it (then it is recorded).
   */
  boolean declaresAtTop(int depth, IrType type, String name) {
    if (depth == 0 && declaredPrimals.add(name)) {
      sinceLastChunk.add(SweepLocal.of(type, name));
      return true;
    }
    return false;
  }

  /** Whether {@code local}, set inside a block, is declared here, before it: the first time. */
  boolean declaresBeforeBlock(SweepLocal local) {
    if (declaredPrimals.add(local.name())) {
      sinceLastChunk.add(local);
      return true;
    }
    return false;
  }

  /** Records a local declared at the top level outside the forward sweep's statements. */
  void add(SweepLocal local) {
    sinceLastChunk.add(local);
  }

  boolean noneSinceLastChunk() {
    return sinceLastChunk.isEmpty();
  }

  /** The locals declared since the last call, which starts a new chunk. */
  List<SweepLocal> takeChunk() {
    List<SweepLocal> taken = List.copyOf(sinceLastChunk);
    sinceLastChunk.clear();
    return taken;
  }
}
