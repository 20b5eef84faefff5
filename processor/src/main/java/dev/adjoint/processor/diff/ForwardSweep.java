package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.primal;
import static dev.adjoint.processor.diff.IrExpressions.primals;
import static dev.adjoint.processor.diff.IrExpressions.resultOf;
import static dev.adjoint.processor.diff.IrExpressions.valueComponent;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Cast;
import dev.adjoint.processor.expr.Code;
import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.NewArray;
import dev.adjoint.processor.expr.Prefix;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.Increment;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.StmtBuilder;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward sweep: the primal, one three-address statement per IR node, with variables set inside
 * blocks declared before them, loops counting their passes, and the values the reverse sweep needs
 * pushed on the tape before they are overwritten.
 */
final class ForwardSweep {
  private final SweepContext ctx;

  /** Writes the reverse of a fused loop's pass, which the forward sweep runs inside the loop. */
  private final FusedPassReverse fusedPassReverse;

  /** The loops whose test is written as one expression. */
  private final InlineTests inlineTests;

  ForwardSweep(SweepContext ctx, InlineTests inlineTests, FusedPassReverse fusedPassReverse) {
    this.ctx = ctx;
    this.inlineTests = inlineTests;
    this.fusedPassReverse = fusedPassReverse;
  }

  // ---------------------------------------------------------------- forward sweep

  void forwardStatement(Node node, StmtBuilder out, int depth, boolean inLoop) {
    if (inLoop) {
      saveBeforeOverwrite(node, out);
    }
    switch (node) {
      case Node.Apply apply -> {
        SourceAlgebra algebra = SourceAlgebra.forPrimal(apply.mathClass());
        JavaExpr value = ElementwiseRules.value(apply.op(), algebra, primals(apply.args()));
        define(out, apply.targetVar(), value, apply.origin(), depth, null);
        ctx.anomalies.afterForward(
            out, apply.targetVar(), value.text(), apply.args(), apply.origin());
      }
      case Node.TensorApply apply -> {
        List<String> args = apply.args().stream().map(v -> primal(v).text()).toList();
        List<String> params = apply.params().stream().map(v -> primal(v).text()).toList();
        List<JavaExpr> filled = new ArrayList<>(primals(apply.args()));
        filled.addAll(primals(apply.params()));
        JavaExpr code =
            new Code(
                apply.primitive().forwardCode(args, params),
                apply.primitive().forwardText(args, params),
                filled);
        define(out, apply.targetVar(), code, apply.origin(), depth, null);
        ctx.anomalies.afterForward(
            out, apply.targetVar(), code.text(), apply.args(), apply.origin());
      }
      case Node.Copy copy -> {
        define(out, copy.targetVar(), primal(copy.source()), copy.origin(), depth, null);
        if (ctx.loops.isActiveArray(copy)) {
          // an array copy is an alias: so is its adjoint, and the reverse sweep has nothing to do
          String adjoint = ctx.adjoint(copy.targetVar());
          ctx.adjoints.declared.add(copy.targetVar());
          boolean declares = ctx.topLevel.declaresAtTop(depth, copy.targetVar().type(), adjoint);
          JavaExpr source = JavaExpr.name(ctx.adjoint((Value.Var) copy.source()));
          set(
              out,
              declares,
              copy.targetVar().type(),
              adjoint,
              source,
              copy.origin() + ": its adjoint");
        }
      }
      case Node.Convert convert -> {
        JavaExpr source = primal(convert.source());
        JavaExpr code =
            convert.targetVar().type().acceptsWithoutCast(convert.source().type())
                ? source
                : new Cast(SweepLocal.typeOf(convert.targetVar().type()), source);
        define(out, convert.targetVar(), code, convert.origin(), depth, null);
      }
      case Node.Operate operate -> {
        JavaExpr code;
        if (operate.args().size() == 1) {
          code = new Prefix(operate.operator().symbol(), primal(operate.args().get(0)));
        } else {
          code =
              new Binary(
                  primal(operate.args().get(0)),
                  operate.operator().symbol(),
                  primal(operate.args().get(1)),
                  JavaExpr.EQUALITY + 1);
        }
        define(out, operate.targetVar(), code, operate.origin(), depth, null);
      }
      case Node.Detach detach -> {
        // a tensor's item() is the one detach that changes the type: a Java number, no derivative
        boolean item =
            detach.source().type() == IrType.TENSOR && detach.targetVar().type() != IrType.TENSOR;
        define(
            out,
            detach.targetVar(),
            item ? new Call(primal(detach.source()), "item", List.of()) : primal(detach.source()),
            detach.origin(),
            depth,
            item
                ? "a Java number: no derivative flows through item(), as on the tape"
                : "no derivative flows on (noDerivative, detach or no-grad)");
      }
      case Node.CallDifferentiable call -> forwardCall(call, out, depth);
      case Node.CallWithDerivative call -> {
        JavaExpr value =
            new Call(
                new TypeRef(call.callee().owner()), call.callee().method(), primals(call.args()));
        define(out, call.targetVar(), value, call.origin(), depth, null);
        ctx.anomalies.afterForward(out, call.targetVar(), value.text(), call.args(), call.origin());
      }
      case Node.NewArray array -> {
        IrType type = array.targetVar().type();
        JavaExpr created =
            new NewArray(SweepLocal.typeOf(type.elementType()), primal(array.length()));
        define(out, array.targetVar(), created, array.origin(), depth, null);
        if (ctx.activity.isActive(array.targetVar())) {
          String adjoint = ctx.adjoint(array.targetVar());
          ctx.adjoints.declared.add(array.targetVar());
          boolean declares = ctx.topLevel.declaresAtTop(depth, type, adjoint);
          set(out, declares, type, adjoint, created, array.origin() + ": its adjoint");
        }
      }
      case Node.ArrayLength length ->
          define(
              out,
              length.targetVar(),
              new Member(JavaExpr.name(length.array().name()), "length"),
              length.origin(),
              depth,
              null);
      case Node.ArrayLoad load -> {
        define(
            out,
            load.targetVar(),
            new Element(JavaExpr.name(load.array().name()), primal(load.index())),
            load.origin(),
            depth,
            null);
        if (ctx.loops.isActiveRow(load)) {
          // a row of a two-dimensional array is the same data: its adjoint is that row's adjoint
          String adjoint = ctx.adjoint(load.targetVar());
          ctx.adjoints.declared.add(load.targetVar());
          boolean declares = ctx.topLevel.declaresAtTop(depth, load.targetVar().type(), adjoint);
          JavaExpr row =
              new Element(JavaExpr.name(ctx.adjoint(load.array())), primal(load.index()));
          set(
              out,
              declares,
              load.targetVar().type(),
              adjoint,
              row,
              load.origin() + ": its adjoint");
        }
      }
      case Node.ArrayStore store ->
          out.assign(
              new Element(JavaExpr.name(store.array().name()), primal(store.index())),
              primal(store.value()),
              store.origin().toString());
      case Node.If branch -> {
        out.beginIf(primal(branch.condition()), branch.origin().toString());
        branch.thenBranch().forEach(n -> forwardStatement(n, out, depth + 1, inLoop));
        if (!branch.elseBranch().isEmpty()) {
          out.orElse();
          branch.elseBranch().forEach(n -> forwardStatement(n, out, depth + 1, inLoop));
        }
        out.end();
      }
      case Node.While loop -> forwardLoop(loop, out, depth, inLoop);
      case Node.ElementRead read ->
          define(
              out,
              read.targetVar(),
              JavaExpr.literal(read.expression()),
              read.origin(),
              depth,
              read.leaf() ? "a parameter of this pass's sub-model" : null);
      case Node.Throw failure -> out.add(ThrowStatements.forward(failure));
      case Node.Return ret -> {} // the value is returned with the partials
    }
  }

  /**
   * {@code while (test) body}, counting its passes. The condition's nodes run before the first pass
   * and again after each one; they compute only the test, which the reverse sweep never needs.
   */
  void forwardLoop(Node.While loop, StmtBuilder out, int depth, boolean inLoop) {
    if (ctx.loops.isFused(loop)) {
      forwardFusedLoop(loop, out, depth);
      return;
    }
    String count = null;
    if (ctx.loops.hasActive(loop.body()) || ctx.loops.overwritesSaved(loop.body())) {
      count = ctx.names.fresh("passes");
      ctx.tripCounts.put(loop, count);
      out.define(
          LocalType.of(IrType.INT),
          count,
          JavaExpr.literal("0"),
          loop.origin() + ": passes of the loop below");
      if (depth == 0) {
        ctx.topLevel.add(SweepLocal.of(IrType.INT, count)); // the reverse sweep reads it
      }
    }
    TapeCursor enclosing = ctx.cursor;
    if (ctx.loops.keepsDoublesLocally(loop)) {
      ctx.cursor =
          new TapeCursor(ctx.tape(), ctx.names.fresh("tapeDoubles"), ctx.names.fresh("tapeTop"));
      out.addAll(ctx.cursor.open());
    }
    JavaExpr test = test(loop, out, depth);
    out.beginWhile(test, loop.origin().toString());
    if (count != null) {
      out.add(new Increment(count, null));
    }
    loop.body().forEach(n -> forwardStatement(n, out, depth + 1, true));
    test(loop, out, depth);
    out.end();
    if (ctx.cursor != enclosing) {
      out.add(ctx.cursor.close());
      ctx.cursor = enclosing;
    }
    if (count != null && depth > 0) {
      // inside a block, the count would go out of scope: the reverse sweep pops it
      out.call(
          new Call(JavaExpr.name(ctx.tape()), "pushInt", List.of(JavaExpr.name(count))),
          loop.origin() + ": for the reverse sweep");
    }
  }

  /**
   * A loop whose passes are undone as they run (see {@link #planFusion}): each pass runs its body
   * up to the counter updates, then the reverse of that part, then the counter updates and the
   * test. The result's adjoint is the seed throughout; the adjoints the reverse part declares are
   * declared before the loop, so the reverse sweep goes on adding into them.
   */
  void forwardFusedLoop(Node.While loop, StmtBuilder out, int depth) {
    int split = ctx.loops.recomputations().get(loop).suffixStart();
    List<Node> prefix = loop.body().subList(0, split);
    // the result's adjoint is the seed before and after each pass: the sweep reads the seed
    Value.Var fusedResult = ctx.loops.fusion().orElseThrow().result();
    ctx.forwarded.put(
        fusedResult, new SweepContext.Forward(JavaExpr.name(ctx.seedName), loop.origin()));
    ctx.permanentForward = fusedResult;
    StmtBuilder undo = new StmtBuilder();
    fusedPassReverse.undo(loop, prefix, undo, depth + 1);
    out.addAll(ctx.adjoints.pending);
    ctx.adjoints.pending.clear();
    JavaExpr test = test(loop, out, depth);
    out.beginWhile(test, loop.origin() + ": each pass undone as soon as it has run");
    prefix.forEach(n -> forwardStatement(n, out, depth + 1, false));
    out.comment("the pass's adjoints: no later pass changes the result's adjoint");
    out.addAll(undo.build());
    loop.body()
        .subList(split, loop.body().size())
        .forEach(n -> forwardStatement(n, out, depth + 1, false));
    test(loop, out, depth);
    out.end();
  }

  /**
   * Writes the statements computing the loop's test, before the loop and again at the end of each
   * pass, and returns the test; or, when those statements only compute the test (each value read
   * once, by the next, and by nothing else in the method), writes nothing and returns the test as
   * one expression, as the source wrote it ({@code i < x.length - 1}): the form the JIT recognises
   * as a counted loop, in fewer bytes of code.
   */
  JavaExpr test(Node.While loop, StmtBuilder out, int depth) {
    java.util.Optional<JavaExpr> inline = inlineTests.of(loop);
    if (inline.isPresent()) {
      return inline.get();
    }
    loop.condition().forEach(n -> forwardStatement(n, out, depth + 1, false));
    return primal(loop.test());
  }

  void saveBeforeOverwrite(Node node, StmtBuilder out) {
    List<Value.Var> overwritten = new ArrayList<>();
    node.target()
        .filter(ctx.loops::saved)
        .filter(v -> !ctx.loops.steps().containsKey(node))
        .ifPresent(overwritten::add);
    if (node instanceof Node.CallDifferentiable call && ctx.loops.saved(call.result())) {
      overwritten.add(call.result());
    }
    for (Value.Var v : overwritten) {
      boolean object = v == resultOf(node);
      if (ctx.cursor != null && TapeCursor.carries(v.type(), object)) {
        out.addAll(
            ctx.cursor.push(
                v.name(), node.origin() + ": the reverse sweep needs the value it overwrites"));
        continue;
      }
      JavaExpr tape = JavaExpr.name(ctx.tape());
      out.call(
          new Call(tape, TapeCursor.pushMethod(v.type(), object), List.of(JavaExpr.name(v.name()))),
          node.origin() + ": the reverse sweep needs the value it overwrites");
    }
    if (ctx.loops.keepsAdjointArray(node)) {
      JavaExpr tape = JavaExpr.name(ctx.tape());
      JavaExpr adjoint = JavaExpr.name(ctx.adjoint(node.target().orElseThrow()));
      out.call(new Call(tape, "pushObject", List.of(adjoint)), node.origin().toString());
    }
  }

  void forwardCall(Node.CallDifferentiable call, StmtBuilder out, int depth) {
    DifferentiableCallee callee = call.callee();
    List<JavaExpr> arguments = new ArrayList<>();
    if (call.onReceiver()) {
      arguments.add(JavaExpr.name("self"));
    }
    arguments.addAll(primals(call.args()));
    JavaExpr pullback = ctx.classNames.call(callee, arguments);
    if (!ctx.activity.isActive(call.targetVar())) {
      JavaExpr value = new Call(pullback, valueComponent(callee), List.of());
      define(out, call.targetVar(), value, call.origin(), depth, null);
      return;
    }
    String result = call.result().name();
    if (depth == 0) {
      ctx.topLevel.add(new SweepLocal(ctx.classNames.recordClass(callee), result));
      out.define(ctx.classNames.recordType(callee), result, pullback, call.origin().toString());
    } else {
      out.assign(JavaExpr.name(result), pullback, call.origin().toString());
    }
    JavaExpr value = new Call(JavaExpr.name(result), valueComponent(callee), List.of());
    define(out, call.targetVar(), value, call.origin(), depth, null);
  }

  void define(
      StmtBuilder out, Value.Var target, JavaExpr code, Origin origin, int depth, String note) {
    boolean declares = ctx.topLevel.declaresAtTop(depth, target.type(), target.name());
    String comment = note == null ? origin.toString() : origin + ": " + note;
    set(out, declares, target.type(), target.name(), code, comment);
  }

  /** {@code type name = value; // comment} where it is declared, else {@code name = value; ...}. */
  private static void set(
      StmtBuilder out, boolean declares, IrType type, String name, JavaExpr value, String comment) {
    if (declares) {
      out.define(LocalType.of(type), name, value, comment);
    } else {
      out.assign(JavaExpr.name(name), value, comment);
    }
  }
}
