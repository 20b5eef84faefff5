package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.defaultValue;
import static dev.adjoint.processor.diff.IrExpressions.findReturn;
import static dev.adjoint.processor.diff.IrExpressions.primal;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.Value;
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
  private void chunk(List<SweepChunk> into, CodeBlock.Builder code, int weight, Origin origin) {
    CodeBlock block = code.build();
    if (block.isEmpty() && ctx.topLevel.noneSinceLastChunk()) {
      return;
    }
    into.add(new SweepChunk(block, weight, ctx.topLevel.takeChunk(), origin));
  }

  /** Ends the chunk of the top-level statement {@code node}. */
  private void chunk(List<SweepChunk> into, CodeBlock.Builder code, Node node) {
    chunk(into, code, SweepChunk.weightOf(node, ctx.anomalies.enabled()), node.origin());
  }

  private Adjoint run() {
    CodeBlock.Builder leafPrologue = CodeBlock.builder();
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
    CodeBlock.Builder forward = CodeBlock.builder();
    for (IrFunction.Parameter p : ctx.function.parameters()) {
      String local = ctx.adjoints.names.get(p.variable());
      if (p.owned() && local != null && ownedAdjoints.containsValue(local)) {
        ctx.topLevel.add(SweepLocal.of(p.variable().type(), local));
        forward.add(
            "$L $L = new $L[$L.length]; // @Owned $L: its partials, added to the caller's at the"
                + " end\n",
            p.variable().type().javaName(),
            local,
            p.variable().type().elementType().javaName(),
            p.name(),
            p.name());
      }
    }
    chunk(forwardChunks, forward, 0, ret.origin());
    for (Node node : ctx.function.body()) {
      CodeBlock.Builder statement = CodeBlock.builder();
      for (Declaration declaration : declarations.newDeclarationsInside(node)) {
        statement.add("$L // $L: set in the block below\n", declaration.code(), node.origin());
      }
      forwardSweep.forwardStatement(node, statement, 0, false);
      chunk(forwardChunks, statement, node);
    }

    String value = primal(ret.value()).text(); // a name or a literal
    if (ret.value() instanceof Value.Var v && ctx.loops.definedInLoops().contains(v)) {
      // the reverse sweep restores loop variables to earlier values: keep the result
      value = ctx.names.fresh("value");
      CodeBlock.Builder kept = CodeBlock.builder();
      kept.add("$L $L = $L; // $L\n", v.type().javaName(), value, v.name(), ret.origin());
      ctx.topLevel.add(SweepLocal.of(v.type(), value));
      chunk(forwardChunks, kept, 1, ret.origin());
    }
    CodeBlock.Builder reverse = CodeBlock.builder();
    String seedFits = null;
    if (ret.value() instanceof Value.Var result && result.type().isArray()) {
      // a vector result: its adjoint starts as the seed, which must match it, checked before the
      // reverse sweep runs; what the forward sweep kept on the tape is dropped by the tape guard
      reverse.add(
          "if ($L.length != $L.length) { // $L\n", ctx.seedName, result.name(), ret.origin());
      reverse.indent();
      reverse.addStatement(
          "throw new $T(\"the seed has length \" + $L.length + \" but $L returns \" + $L.length"
              + " + \" values\")",
          IllegalArgumentException.class,
          ctx.seedName,
          ctx.function.name(),
          result.name());
      reverse.unindent().add("}\n");
      if (ctx.activity.isActive(result)) {
        String k = ctx.names.fresh("k");
        reverse.add(
            "for (int $L = 0; $L < $L.length; $L++) { // $L\n",
            k,
            k,
            ctx.seedName,
            k,
            ret.origin());
        reverse.indent().add("$L[$L] += $L[$L];\n", ctx.adjoint(result), k, ctx.seedName, k);
        reverse.unindent().add("}\n");
      }
    } else if (ctx.activity.isActive(ret.value()) && ret.value().type() == IrType.TENSOR) {
      // backward() semantics: ones for a one-element result, else the seed, checked
      Value.Var result = (Value.Var) ret.value();
      ctx.adjoints.declared.add(result);
      ctx.topLevel.add(SweepLocal.of(IrType.TENSOR, ctx.adjoint(result)));
      if (ctx.tape == null) {
        reverse.add(
            "$T $L = $T.seed($L, $L); // $L\n",
            RuntimeClasses.TENSOR,
            ctx.adjoint(result),
            RuntimeClasses.ADJOINTS,
            value,
            ctx.seedName,
            ret.origin());
      } else {
        // the forward sweep kept values on the tape: on a seed that does not fit, the reverse
        // sweep still runs (with nothing flowing back) to take them off, then throws
        seedFits = ctx.names.fresh("seedFits");
        ctx.topLevel.add(SweepLocal.of(IrType.BOOLEAN, seedFits));
        reverse.add(
            "boolean $L = $T.seedFits($L, $L); // $L\n",
            seedFits,
            RuntimeClasses.ADJOINTS,
            value,
            ctx.seedName,
            ret.origin());
        reverse.add(
            "$T $L = $L ? $T.seed($L, $L) : null; // $L\n",
            RuntimeClasses.TENSOR,
            ctx.adjoint(result),
            seedFits,
            RuntimeClasses.ADJOINTS,
            value,
            ctx.seedName,
            ret.origin());
      }
    } else if (ctx.activity.isActive(ret.value())
        && ctx.loops.fusion().isEmpty()) { // else set before
      Value.Var result = (Value.Var) ret.value();
      ctx.adjoints.declared.add(result);
      ctx.topLevel.add(SweepLocal.of(result.type(), ctx.adjoint(result)));
      reverse.add(
          "$L $L = $L; // $L\n",
          result.type().javaName(),
          ctx.adjoint(result),
          ctx.seedName,
          ret.origin());
    }
    chunk(reverseChunks, reverse, 1, ret.origin());
    List<Node> body = ctx.function.body();
    for (int i = body.size() - 1; i >= 0; i--) {
      CodeBlock.Builder statement = CodeBlock.builder();
      statements.reverseStatement(body.get(i), statement, 0, false);
      CodeBlock.Builder chunk = CodeBlock.builder();
      for (String declaration : ctx.adjoints.pending) {
        chunk.add("$L", declaration);
      }
      ctx.adjoints.pending.clear();
      chunk.add(statement.build());
      releaseAfterLastUse(body.get(i), ret, chunk);
      chunk(reverseChunks, chunk, body.get(i));
    }
    reverse = CodeBlock.builder();
    if (ctx.tape != null) {
      reverse.add(
          "$L.releaseIfLarge(); // stacks this call emptied go if they grew beyond"
              + " Tape.retainedBytes()\n",
          ctx.tape);
    }

    for (Map.Entry<String, String> owned : ownedAdjoints.entrySet()) {
      String k = ctx.names.fresh("k");
      reverse.add(
          "for (int $L = 0; $L < $L.length; $L++) { // the owned array's partials\n",
          k,
          k,
          owned.getValue(),
          k);
      reverse.indent().add("$L[$L] += $L[$L];\n", owned.getKey(), k, owned.getValue(), k);
      reverse.unindent().add("}\n");
    }
    if (seedFits != null && ret.value().type() == IrType.TENSOR) {
      reverse.add("if (!$L) {\n", seedFits).indent();
      reverse.add(
          "$T.seed($L, $L); // throws, saying why the seed does not fit\n",
          RuntimeClasses.ADJOINTS,
          value,
          ctx.seedName);
      reverse.unindent().add("}\n");
    }
    chunk(reverseChunks, reverse, 1, ret.origin());
    Map<String, String> partials = new LinkedHashMap<>();
    for (IrFunction.Parameter p : ctx.function.parameters()) {
      if (p.differentiated() && !p.variable().type().isArray()) {
        partials.put(
            p.name(),
            ctx.adjoints.declared.contains(p.variable())
                ? ctx.adjoint(p.variable())
                : defaultValue(p.variable().type()));
      }
    }
    Map<String, String> leafGradients = new LinkedHashMap<>();
    for (Value.Var leaf : leafFlags.leaves()) {
      leafGradients.put(
          leaf.name(), ctx.adjoints.declared.contains(leaf) ? ctx.adjoint(leaf) : "null");
    }
    CodeBlock.Builder prologue =
        CodeBlock.builder().add(leafPrologue.build()).add(ctx.anomalies.declaration());
    // what the prologue declares that the sweeps read: the anomaly flag, the tape
    List<SweepLocal> prologueLocals = new ArrayList<>();
    ctx.anomalies.flagName().ifPresent(f -> prologueLocals.add(SweepLocal.of(IrType.BOOLEAN, f)));
    java.util.Optional<TapeGuard> guard = java.util.Optional.empty();
    if (ctx.tape != null) {
      // the sweeps push and pop: the tape's fill at entry is where an exception takes it back to
      guard =
          java.util.Optional.of(
              new TapeGuard(ctx.tape, ctx.names.fresh("tapeMark"), ctx.names.fresh("failure")));
      prologue.add(
          "$T $L = $T.current(); // keeps loop values for the reverse sweep\n",
          SweepContext.TAPE,
          ctx.tape,
          SweepContext.TAPE);
      prologueLocals.add(new SweepLocal(SweepContext.TAPE, ctx.tape));
      prologue.add(
          "$T.Mark $L = $L.mark(); // where this call's values start\n",
          SweepContext.TAPE,
          guard.get().mark(),
          ctx.tape);
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
  private void releaseAfterLastUse(Node node, Node.Return ret, CodeBlock.Builder out) {
    if (!(node instanceof Node.TensorApply apply)
        || !ctx.activity.isActive(apply.targetVar())
        || apply.targetVar().equals(ret.value())) {
      return;
    }
    Value.Var target = apply.targetVar();
    String adjoint =
        ctx.adjoints.declared.contains(target) ? " " + ctx.adjoint(target) + " = null;" : "";
    out.add(
        "$L = null;$L // $L: not read again, released\n", target.name(), adjoint, apply.origin());
  }
}
