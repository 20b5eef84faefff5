package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.stmt.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The generated body of an adjoint, as {@link ReverseMode} writes it.
 *
 * @param prologue statements before the forward sweep (the tape)
 * @param forwardChunks statements computing the primal, one chunk per top-level statement
 * @param reverseChunks statements computing the adjoints, starting from the seed, one chunk per
 *     top-level statement (the last one first) between the seed's and the sweep's end
 * @param value the expression holding the primal result
 * @param partials for each differentiated scalar parameter, the expression holding its partial (the
 *     literal 0 for an inactive one); array parameters' partials are accumulated in place
 * @param leafGradients for each tensor leaf (a tensor parameter, or a tensor the method reads from
 *     a field) to which a gradient flows, the local holding it and the local holding its gradient,
 *     to be added into the leaf's {@code .grad()} (in the order the leaves are read)
 * @param tapeGuard for an adjoint that uses the tape, what unwinds it when an exception escapes
 * @param prologueLocals the locals the prologue declares that the sweeps read (the anomaly flag,
 *     the tape)
 * @param readsTensorAlgebra whether the sweeps read the local holding the tensor algebra, which the
 *     tensor method then declares
 * @param accumulatesElementGradients whether the reverse sweep adds the gradients of sub-models
 *     read through a list's elements into their {@code .grad()} as it goes (reading {@code
 *     reverseStart})
 */
public record Adjoint(
    List<Stmt> prologue,
    List<SweepChunk> forwardChunks,
    List<SweepChunk> reverseChunks,
    JavaExpr value,
    Map<String, JavaExpr> partials,
    Map<String, String> leafGradients,
    Optional<TapeGuard> tapeGuard,
    List<SweepLocal> prologueLocals,
    boolean readsTensorAlgebra,
    boolean accumulatesElementGradients) {
  /**
   * The weight ({@link SweepChunk#weight}) above which the sweeps are split: written as one method,
   * they took 12.6 to 13.8 bytes of bytecode per unit in long straight-line methods and ones with
   * loops and branches ({@code LongMethodTest}'s, {@code JitSizedMethodsTest}'s), 8 to 9 in a loop
   * of long bodies, up to 16.4 in the densest (measured with the class-file API), so this is at
   * most about 7.4 KB: under HotSpot's limit for compiling a method at all ({@code
   * -XX:HugeMethodLimit}, 8000 bytes; by default a longer method is only ever interpreted, which
   * made a 50-statement function's gradient, one 20 KB method, 9 times slower than its primal).
   * Split sweeps allocate nothing either: each thread reuses its holder ({@code SweepParts}).
   */
  public static final int ONE_METHOD_WEIGHT = 450;

  /**
   * The most weight one part of split sweeps holds (a heavier top-level statement, a long loop, is
   * a part alone). A part reads the shared locals as fields of the enclosing object, which costs
   * more bytecode than locals: up to 27 bytes per unit were measured in straight-line parts (15 in
   * loops), so a part is about 6.7 KB at most, under HotSpot's limit for compiling a method at all
   * ({@code -XX:HugeMethodLimit}, 8000 bytes), where one long method stays interpreted.
   */
  public static final int PART_WEIGHT = 250;

  /**
   * The most weight one chunk may have: a part holds at least a whole top-level statement, and the
   * densest parts measured, the sweeps of loops with long bodies, took up to 16.4 bytes per unit
   * (58958 bytes for the reverse of a 120-statement body), so this is about 62 KB of the JVM's
   * 65535 bytes per method.
   */
  public static final int CHUNK_WEIGHT = 3800;

  public Adjoint {
    prologue = List.copyOf(prologue);
    forwardChunks = List.copyOf(forwardChunks);
    reverseChunks = List.copyOf(reverseChunks);
    prologueLocals = List.copyOf(prologueLocals);
  }

  /** The same adjoint, with {@code prologue} instead. */
  public Adjoint withPrologue(List<Stmt> prologue) {
    return new Adjoint(
        prologue,
        forwardChunks,
        reverseChunks,
        value,
        partials,
        leafGradients,
        tapeGuard,
        prologueLocals,
        readsTensorAlgebra,
        accumulatesElementGradients);
  }

  /** The statements computing the primal. */
  public List<Stmt> forward() {
    return join(forwardChunks);
  }

  /** The statements computing the adjoints, starting from the seed. */
  public List<Stmt> reverse() {
    return join(reverseChunks);
  }

  private static List<Stmt> join(List<SweepChunk> chunks) {
    List<Stmt> code = new ArrayList<>();
    chunks.forEach(c -> code.addAll(c.code()));
    return List.copyOf(code);
  }

  /**
   * Whether the sweeps are too long for one method ({@link #ONE_METHOD_WEIGHT}) and are to be split
   * into parts ({@link #parts}).
   */
  public boolean split() {
    int weight = 0;
    for (SweepChunk c : forwardChunks) {
      weight += c.weight();
    }
    for (SweepChunk c : reverseChunks) {
      weight += c.weight();
    }
    return weight > ONE_METHOD_WEIGHT;
  }

  /**
   * {@code chunks} in order, in consecutive groups of at most {@link #PART_WEIGHT} each (a heavier
   * chunk alone in its group): the parts of a sweep split into methods.
   */
  public static List<List<SweepChunk>> parts(List<SweepChunk> chunks) {
    List<List<SweepChunk>> parts = new ArrayList<>();
    List<SweepChunk> part = new ArrayList<>();
    int weight = 0;
    for (SweepChunk c : chunks) {
      if (!part.isEmpty() && weight + c.weight() > PART_WEIGHT) {
        parts.add(part);
        part = new ArrayList<>();
        weight = 0;
      }
      part.add(c);
      weight += c.weight();
    }
    if (!part.isEmpty()) {
      parts.add(part);
    }
    return parts;
  }

  /**
   * The statements after the prologue (both sweeps and the return), guarded when the adjoint uses
   * the tape: an exception escaping them leaves the thread's tape as the call found it.
   */
  public List<Stmt> guarded(List<Stmt> sweeps) {
    return tapeGuard.map(guard -> List.of(guard.around(sweeps))).orElse(List.copyOf(sweeps));
  }
}
