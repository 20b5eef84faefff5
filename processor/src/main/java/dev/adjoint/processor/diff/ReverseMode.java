package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.defaultValue;
import static dev.adjoint.processor.diff.IrExpressions.findReturn;
import static dev.adjoint.processor.diff.IrExpressions.primal;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.NewArray;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Release;
import dev.adjoint.processor.stmt.SameLine;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.StmtBuilder;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diff pass: writes the body of a reverse-mode adjoint from the IR.
 *
 * <p>The forward sweep computes the primal, one three-address statement per IR node. The reverse
 * sweep walks the IR backwards and, for each node whose result is active, adds its contribution to
 * each active operand's adjoint, using the rule from {@link ElementwiseRules} written out as
 * source. Each statement carries a comment with the source line it differentiates.
 *
 * <p>Straight-line code never overwrites a value, so the reverse sweep reads the forward sweep's
 * variables directly. Inside a loop a variable is overwritten on every pass; where the reverse
 * sweep reads it, the forward sweep pushes the old value on the {@code Tape} before each overwrite
 * and the reverse sweep pops it back after undoing that statement. So, when the reverse sweep
 * undoes a statement, every variable holds the value it had just after the statement ran forward. A
 * loop pushes its trip count; the reverse sweep runs the body backwards that many times. A branch
 * inside a loop replays its arm from its condition, restored the same way.
 */
public final class ReverseMode {
  private final SweepContext ctx;

  // the collaborators, which the sweeps reach through each other's fields (a fused loop's pass
  // is undone inside the forward sweep; a reverse pass recomputes forward statements)
  private ForwardSweep forwardSweep;
  private LoopReverse loopReverse;
  private ReverseStatements statements;

  private ReverseMode(SweepContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Writes the adjoint of {@code function}.
   *
   * @param ownGradientClass qualified name of the class the adjoint goes into
   * @param seedName the seed parameter's name
   * @param arrayAdjoints for each differentiated array parameter, the name of the array its
   *     partials are added into
   * @param checkAnomalies whether to write anomaly checks ({@link AnomalyChecks})
   */
  public static Adjoint write(
      IrFunction function,
      Activity activity,
      Names names,
      String ownGradientClass,
      String seedName,
      Map<String, String> arrayAdjoints,
      boolean checkAnomalies) {
    // loop-invariant arithmetic runs once, before its loop, in both sweeps
    SweepContext ctx =
        new SweepContext(
            LoopInvariants.apply(function),
            activity,
            names,
            ownGradientClass,
            seedName,
            checkAnomalies);
    ReverseMode mode = new ReverseMode(ctx);
    for (IrFunction.Parameter p : function.parameters()) {
      String adjoint = arrayAdjoints.get(p.name());
      if (adjoint != null && p.owned()) {
        // the reverse of a store clears the element's adjoint, which must not clear what the
        // caller had accumulated: gather this array's partials locally, add them at the end
        mode.ownedAdjoints.put(adjoint, ctx.adjoint(p.variable()));
        ctx.adjoints.declared.add(p.variable());
      } else if (adjoint != null) {
        ctx.adjoints.names.put(p.variable(), adjoint);
        ctx.adjoints.declared.add(p.variable());
      }
    }
    return mode.run();
  }

  /** For each owned array parameter, the caller's adjoint array and the local one. */
  private final Map<String, String> ownedAdjoints = new LinkedHashMap<>();

  /** The forward sweep's code, one chunk per top-level statement. */
  private final List<SweepChunk> forwardChunks = new ArrayList<>();

  /**
   * The reverse sweep's code: the seed, one chunk per top-level statement (last first), the end.
   */
  private final List<SweepChunk> reverseChunks = new ArrayList<>();

  /**
   * Ends a chunk of {@code weight} ({@link SweepChunk#weightOf}) with the code in {@code code} and
   * the locals declared since the last one.
   */
  private void chunk(List<SweepChunk> into, StmtBuilder code, int weight, Origin origin) {
    List<Stmt> block = code.build();
    if (block.isEmpty() && ctx.topLevel.noneSinceLastChunk()) {
      return;
    }
    into.add(new SweepChunk(block, weight, ctx.topLevel.takeChunk(), origin));
  }

  /** Ends the chunk of the top-level statement {@code node}. */
  private void chunk(List<SweepChunk> into, StmtBuilder code, Node node) {
    chunk(into, code, SweepChunk.weightOf(node, ctx.anomalies.enabled()), node.origin());
  }

  private Adjoint run() {
    StmtBuilder leafPrologue = new StmtBuilder();
    TensorLeafFlags leafFlags = TensorLeafFlags.NONE;
    if (ctx.function.usesTensors()) {
      leafFlags = TensorLeafFlags.plan(ctx.function, ctx.names, leafPrologue);
    }
    ScaledSquares scaledSquares = ScaledSquares.plan(ctx.function.body(), ctx.activity, ctx.uses);
    InlineTests inlineTests = new InlineTests(ctx);
    BlockDeclarations declarations = new BlockDeclarations(ctx, inlineTests);
    forwardSweep =
        new ForwardSweep(
            ctx,
            inlineTests,
            (loop, prefix, out, depth) -> loopReverse.undoPass(loop, prefix, out, depth));
    loopReverse =
        new LoopReverse(
            ctx,
            forwardSweep,
            (node, out, depth, inLoop) -> statements.reverseStatement(node, out, depth, inLoop));
    statements =
        new ReverseStatements(
            ctx,
            loopReverse,
            new TensorPartials(ctx.function, ctx.names),
            leafFlags,
            scaledSquares);
    Node.Return ret = findReturn(ctx.function.body());
    StmtBuilder forward = new StmtBuilder();
    for (IrFunction.Parameter p : ctx.function.parameters()) {
      String local = ctx.adjoints.names.get(p.variable());
      if (p.owned() && local != null && ownedAdjoints.containsValue(local)) {
        ctx.topLevel.add(SweepLocal.of(p.variable().type(), local));
        forward.define(
            LocalType.of(p.variable().type()),
            local,
            new NewArray(
                SweepLocal.typeOf(p.variable().type().elementType()),
                new Member(JavaExpr.name(p.name()), "length")),
            "@Owned " + p.name() + ": its partials, added to the caller's at the end");
      }
    }
    chunk(forwardChunks, forward, 0, ret.origin());
    for (Node node : ctx.function.body()) {
      StmtBuilder statement = new StmtBuilder();
      for (Declaration declaration : declarations.newDeclarationsInside(node)) {
        statement.add(declaration.code(node.origin() + ": set in the block below"));
      }
      forwardSweep.forwardStatement(node, statement, 0, false);
      chunk(forwardChunks, statement, node);
    }

    JavaExpr value = primal(ret.value()); // a name or a literal
    if (ret.value() instanceof Value.Var v && ctx.loops.definedInLoops().contains(v)) {
      // the reverse sweep restores loop variables to earlier values: keep the result
      String kept = ctx.names.fresh("value");
      value = JavaExpr.name(kept);
      StmtBuilder keep = new StmtBuilder();
      keep.define(LocalType.of(v.type()), kept, JavaExpr.name(v.name()), ret.origin().toString());
      ctx.topLevel.add(SweepLocal.of(v.type(), kept));
      chunk(forwardChunks, keep, 1, ret.origin());
    }
    StmtBuilder reverse = new StmtBuilder();
    SweepSeed seed = new SweepSeed(ctx, ret, value);
    seed.writeStart(reverse);
    chunk(reverseChunks, reverse, 1, ret.origin());
    List<Node> body = ctx.function.body();
    for (int i = body.size() - 1; i >= 0; i--) {
      StmtBuilder statement = new StmtBuilder();
      statements.reverseStatement(body.get(i), statement, 0, false);
      StmtBuilder chunk = new StmtBuilder();
      chunk.addAll(ctx.adjoints.pending);
      ctx.adjoints.pending.clear();
      chunk.addAll(statement.build());
      releaseAfterLastUse(body.get(i), ret, chunk);
      chunk(reverseChunks, chunk, body.get(i));
    }
    reverse = new StmtBuilder();
    if (ctx.tape != null) {
      reverse.call(
          new Call(JavaExpr.name(ctx.tape), "releaseIfLarge", List.of()),
          "stacks this call emptied go if they grew beyond Tape.retainedBytes()");
    }

    for (Map.Entry<String, String> owned : ownedAdjoints.entrySet()) {
      String k = ctx.names.fresh("k");
      reverse.beginCountedFor(
          k, IrExpressions.length(owned.getValue()), "the owned array's partials");
      reverse.update(
          IrExpressions.element(owned.getKey(), k),
          false,
          IrExpressions.element(owned.getValue(), k),
          null);
      reverse.end();
    }
    seed.writeCheck(reverse);
    chunk(reverseChunks, reverse, 1, ret.origin());
    Map<String, JavaExpr> partials = new LinkedHashMap<>();
    for (IrFunction.Parameter p : ctx.function.parameters()) {
      if (p.differentiated() && !p.variable().type().isArray()) {
        partials.put(
            p.name(),
            ctx.adjoints.declared.contains(p.variable())
                ? JavaExpr.name(ctx.adjoint(p.variable()))
                : JavaExpr.literal(defaultValue(p.variable().type())));
      }
    }
    Map<String, String> leafGradients = new LinkedHashMap<>();
    for (Value.Var leaf : leafFlags.leaves()) {
      if (ctx.adjoints.declared.contains(leaf)) {
        leafGradients.put(leaf.name(), ctx.adjoint(leaf));
      }
    }
    StmtBuilder prologue =
        new StmtBuilder().addAll(leafPrologue.build()).addAll(ctx.anomalies.declaration());
    // what the prologue declares that the sweeps read: the anomaly flag, the tape
    List<SweepLocal> prologueLocals = new ArrayList<>();
    ctx.anomalies.flagName().ifPresent(f -> prologueLocals.add(SweepLocal.of(IrType.BOOLEAN, f)));
    java.util.Optional<TapeGuard> guard = java.util.Optional.empty();
    if (ctx.tape != null) {
      // the sweeps push and pop: the tape's fill at entry is where an exception takes it back to
      guard =
          java.util.Optional.of(
              new TapeGuard(ctx.tape, ctx.names.fresh("tapeMark"), ctx.names.fresh("failure")));
      prologue.define(
          LocalType.of(SweepContext.TAPE),
          ctx.tape,
          new Call(new TypeRef(SweepContext.TAPE), "current", List.of()),
          "keeps loop values for the reverse sweep");
      prologueLocals.add(new SweepLocal(SweepContext.TAPE, ctx.tape));
      prologue.define(
          LocalType.of(SweepContext.TAPE.nestedClass("Mark")),
          guard.get().mark(),
          new Call(JavaExpr.name(ctx.tape), "mark", List.of()),
          "where this call's values start");
    }
    Adjoint adjoint =
        new Adjoint(
            prologue.build(),
            forwardChunks,
            reverseChunks,
            value,
            partials,
            leafGradients,
            guard,
            prologueLocals,
            ctx.tensorReferences.readsAlgebra(),
            ctx.tensorReferences.accumulatesElementGradients());
    if (adjoint.split()) {
      checkChunks(forwardChunks);
      checkChunks(reverseChunks);
    }
    return adjoint;
  }

  /**
   * Split sweeps hold each top-level statement whole in one method: one whose adjoint is longer
   * than a method can be ({@link Adjoint#CHUNK_WEIGHT}) is reported where it starts ({@code
   * ADJ115}), with the fix, rather than left to javac's "code too large".
   */
  private void checkChunks(List<SweepChunk> chunks) {
    for (SweepChunk chunk : chunks) {
      if (chunk.weight() > Adjoint.CHUNK_WEIGHT) {
        throw new DiagnosticException(
            DiagnosticId.ADJ115,
            chunk.origin(),
            "the adjoint of the statement at "
                + chunk.origin()
                + (ctx.anomalies.enabled() ? ", with anomaly checks," : "")
                + " is too long for one method of the JVM (64 KB of bytecode), even in a method"
                + " of its own; move part of its body into a @Differentiable helper method and"
                + " call that there"
                + (ctx.anomalies.enabled()
                    ? " (or write this method's adjoint without them:"
                        + " @Differentiable(anomalyChecks = false))"
                    : ""));
      }
    }
  }

  /**
   * Drops the tensors of a top-level tensor operation once its reverse step has run: nothing later
   * in the sweep reads them (the operations before it cannot read its result, and its adjoint has
   * been passed on), so their memory can go before the sweep ends. The tape keeps every saved
   * tensor until its node runs; the build knows each one's last use.
   */
  private void releaseAfterLastUse(Node node, Node.Return ret, StmtBuilder out) {
    if (!(node instanceof Node.TensorApply apply)
        || !ctx.activity.isActive(apply.targetVar())
        || apply.targetVar().equals(ret.value())) {
      return;
    }
    Value.Var target = apply.targetVar();
    List<Stmt> released = new ArrayList<>(List.of(new Release(target.name(), null)));
    if (ctx.adjoints.declared.contains(target)) {
      released.add(new Release(ctx.adjoint(target), null));
    }
    out.add(new SameLine(released, apply.origin() + ": not read again, released"));
  }
}
