package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.defaultValue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Cast;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Name;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.StmtBuilder;
import dev.adjoint.processor.stmt.Update;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diff pass's state and shared steps: the function and its activity, the names in use, the
 * adjoint variables and how contributions are added to them, and how generated code names values,
 * classes and the tape.
 *
 * <p>One context per adjoint, shared by the collaborators that write it: {@link ForwardSweep},
 * {@link ReverseStatements} (the reverse of each statement), {@link LoopReverse} (the reverse
 * sweep's branches and loops), put together by {@link ReverseMode}. What loops must store,
 * recompute or undo is planned beforehand ({@link LoopPlanner}).
 */
final class SweepContext {
  final IrFunction function;

  final Activity activity;

  final Names names;

  /** How the generated class names other generated classes and the classes it calls. */
  final GradientClassNames classNames;

  final SourceAlgebra adjointAlgebra = SourceAlgebra.forAdjoint();

  /** What the tensor code written so far refers to beyond its types. */
  final TensorCodeReferences tensorReferences = new TensorCodeReferences();

  /** The adjoint variables: their names, which are declared, which wait for a declaration. */
  final AdjointVariables adjoints;

  final TopLevelLocals topLevel = new TopLevelLocals(); // split sweeps' fields

  String tape;

  /** The seed parameter's name. */
  final String seedName;

  /** How often each variable is defined and read in the whole method. */
  final UseCounts uses;

  /** What loops store, recompute or undo; see {@link LoopPlanner}. */
  final LoopPlan loops;

  /** For each loop the reverse sweep runs backwards, the local holding its trip count. */
  final Map<Node.While, String> tripCounts = new LinkedHashMap<>();

  /** The loop's local view of the tape's double stack while one is being written, else null. */
  TapeCursor cursor;

  static final ClassName TAPE = RuntimeClasses.TAPE;

  /**
   * The context of {@code function}'s adjoint, with its use counts and loop plan.
   *
   * @param checkAnomalies whether the sweeps write anomaly checks ({@link AnomalyChecks})
   */
  SweepContext(
      IrFunction function,
      Activity activity,
      Names names,
      String ownGradientClass,
      String seedName,
      boolean checkAnomalies) {
    this.function = function;
    this.activity = activity;
    this.names = names;
    this.classNames = new GradientClassNames(ownGradientClass);
    this.adjoints = new AdjointVariables(names, topLevel);
    this.seedName = seedName;
    this.anomalies = new AnomalyChecks(checkAnomalies ? names : null, checkAnomalies);
    this.uses = UseCounts.of(function.body());
    this.loops = LoopPlanner.plan(function.body(), activity, uses);
  }

  /** {@code v}'s adjoint variable: see {@link AdjointVariables#name}. */
  String adjoint(Value.Var v) {
    return adjoints.name(v);
  }

  /** The anomaly checks written into the sweeps (none unless asked for). */
  final AnomalyChecks anomalies;

  String tape() {
    if (tape == null) {
      tape = names.fresh("tape");
    }
    return tape;
  }

  /**
   * {@code dV += contribution}. The first contribution at the top level declares the adjoint; one
   * inside a branch or loop declares it, as 0, before the outermost statement.
   */
  void accumulate(StmtBuilder out, Value.Var v, JavaExpr contribution, Origin origin, int depth) {
    String name = adjoint(v);
    if (v.type() == IrType.TENSOR) {
      accumulateTensor(out, v, contribution, origin, depth);
      return;
    }
    ReversePass pass = passes.peek();
    boolean own = pass != null && depth == pass.depth && pass.candidates.contains(v);
    if (own && deferSums && forwarded.containsKey(v)) {
      // another share of a sum this pass writes once, where it is read
      Forward sum = forwarded.get(v);
      forwarded.put(v, new Forward(adjointAlgebra.add(sum.value(), contribution), sum.origin()));
      return;
    }
    boolean sets = own && !pass.touched(v);
    if (sets && deferSums) {
      // a share of a sum a fused pass writes once, where it is read (a copy elsewhere is written,
      // and clean/CopyForwarding has the statements after it read the copied value instead)
      pass.assigned.add(v);
      forwarded.put(v, new Forward(contribution, origin));
      return;
    }
    replacesUnwrittenClear(v); // then knownZero makes the contribution below an assignment
    materialize(out, v);
    beforeWrite(out, v);
    if (adjoints.declared.add(v)) {
      if (depth == 0) {
        topLevel.add(SweepLocal.of(v.type(), name));
        out.define(LocalType.of(v.type()), name, narrowed(v, contribution), origin.toString());
        anomalies.afterScalarReverse(out, name, v.name(), origin);
        return;
      }
      adjoints.pend(v, name, origin);
    }
    // a contribution inside an inner loop touches the adjoint for every enclosing pass too
    for (ReversePass enclosing : passes) {
      if (enclosing != pass || !sets) {
        enclosing.accumulated.add(v);
      }
    }
    if (sets) {
      // the first contribution of this pass, unconditional: it sets the adjoint, so no earlier
      // pass's value needs clearing (and no 0 + x the JIT may not fold)
      pass.assigned.add(v);
      out.assign(JavaExpr.name(name), narrowed(v, contribution), origin.toString());
    } else if (knownZero.remove(v) == currentBlock) {
      // cleared earlier in this same block and not touched since: 0 + x is x (and the JIT may not
      // fold it, since 0.0 + -0.0 is +0.0), so the contribution is assigned
      out.assign(JavaExpr.name(name), narrowed(v, contribution), origin.toString());
    } else {
      out.add(update(JavaExpr.name(name), contribution, origin.toString()));
    }
    anomalies.afterScalarReverse(out, name, v.name(), origin);
  }

  /** {@code target += c}, or {@code target -= x} when {@code c} is {@code -x}: no negation. */
  Stmt update(JavaExpr target, JavaExpr contribution, String comment) {
    return adjointAlgebra
        .negationOperand(contribution)
        .<Stmt>map(x -> new Update(target, true, x.unparenthesized(), comment))
        .orElse(new Update(target, false, contribution, comment));
  }

  /**
   * A tensor adjoint is a reference, {@code null} while nothing has contributed to it (so a value
   * that reaches the result only through a branch not taken costs nothing). Contributions are
   * summed out of place: adjoints may alias each other.
   */
  private void accumulateTensor(
      StmtBuilder out, Value.Var v, JavaExpr contribution, Origin origin, int depth) {
    String name = adjoint(v);
    tensorReferences.wroteContribution(contribution);
    boolean first = adjoints.declared.add(v);
    if (first) {
      if (depth == 0) {
        topLevel.add(SweepLocal.of(v.type(), name));
        out.define(LocalType.of(v.type()), name, contribution, origin.toString());
        return;
      }
      adjoints.pend(v, name, origin); // a tensor's: null
    }
    if (first && passes.isEmpty()) {
      // outside loops the first contribution runs at most once, while the adjoint is still null
      out.assign(JavaExpr.name(name), contribution, origin.toString());
      return;
    }
    for (ReversePass enclosing : passes) {
      enclosing.accumulated.add(v);
    }
    out.assign(
        JavaExpr.name(name),
        new Call(
            new TypeRef(RuntimeClasses.ADJOINTS),
            "add",
            List.of(JavaExpr.name(name), contribution)),
        origin.toString());
  }

  /**
   * Adjoints the reverse sweep has just cleared, each with the block that cleared it: until a
   * contribution reaches it, it holds 0 in the rest of that block.
   */
  final Map<Value.Var, Object> knownZero = new java.util.HashMap<>();

  /** The block of the reverse sweep being written (each branch arm and pass is one). */
  Object currentBlock = new Object();

  /**
   * {@code dV = 0}: {@code v}'s earlier value reaches nothing before this point. A scalar's clear
   * is deferred like a copy ({@link #forwarded}, holding {@link #CLEARED}): a contribution that
   * reaches the adjoint later in the same block assigns it, and the clear is never written (no
   * {@code dV = 0.0; dV = c;}); a read, a nested block or the block's end writes it.
   */
  void clear(StmtBuilder out, Value.Var v, Origin origin) {
    forwarded.remove(v); // overwritten before anything read the deferred value
    beforeWrite(out, v);
    knownZero.put(v, currentBlock);
    if (v.type() == IrType.DOUBLE || v.type() == IrType.FLOAT) {
      forwarded.put(v, new Forward(CLEARED, origin));
      return;
    }
    out.assign(
        JavaExpr.name(adjoint(v)), JavaExpr.literal(defaultValue(v.type())), origin.toString());
  }

  /**
   * The value of a deferred clear (compared by identity: a constant 0 forwarded otherwise is not
   * one).
   */
  static final JavaExpr CLEARED = JavaExpr.number(0);

  /**
   * Before a contribution to {@code v}'s adjoint: whether its clear, not yet written, was in this
   * block, so that the contribution assigns the adjoint in its place (then the clear is dropped).
   */
  boolean replacesUnwrittenClear(Value.Var v) {
    Forward pending = forwarded.get(v);
    if (pending == null || pending.value() != CLEARED || knownZero.get(v) != currentBlock) {
      return false;
    }
    forwarded.remove(v);
    return true;
  }

  // ---------------------------------------------------------------- forwarded adjoints

  /**
   * An adjoint's deferred assignment {@code dV = value}, from the source line at {@code origin}.
   */
  record Forward(JavaExpr value, Origin origin) {}

  /**
   * Adjoints whose assignment waits, with the value each is to hold: a clear ({@link #CLEARED})
   * that a contribution later in its block may replace, the shares of a sum a fused loop's pass
   * writes once where it is read ({@link #deferSums}), and the fused loop's result, whose adjoint
   * is the seed throughout ({@link #permanentForward}). The reverse sweep reads the value where it
   * reads the adjoint. An assignment is written after all (see {@link #materialize}) when another
   * contribution reaches the adjoint, when something overwrites an adjoint the value reads, or when
   * its block ends and the adjoint may still be read. Plain copies are written as they come, and
   * forwarded by {@code clean/CopyForwarding}, which sees the whole body.
   */
  final Map<Value.Var, Forward> forwarded = new LinkedHashMap<>();

  /** What the reverse sweep reads as {@code v}'s adjoint: its name, or the value it forwards. */
  JavaExpr adjointValue(Value.Var v) {
    Forward forward = forwarded.get(v);
    return forward == null ? JavaExpr.name(adjoint(v)) : forward.value();
  }

  /**
   * Whether the pass being written is a fused loop's: nothing in it restores or recomputes a primal
   * value, so any share may wait, as a sum, until the statement that reads the adjoint.
   */
  boolean deferSums;

  /** Whether {@code e} may be read in several places: a name, a constant or a negated name. */
  static boolean simple(JavaExpr e) {
    return e.constant().isPresent()
        || e instanceof Name
        || e instanceof Negation n && n.operand() instanceof Name;
  }

  /**
   * Before a statement that reads {@code v}'s adjoint more than once: a deferred sum is written
   * into it ({@code dV = a + b}; for {@code -(a + b)}, {@code dV = a + b} read as {@code -dV}).
   */
  void settle(StmtBuilder out, Value.Var v) {
    Forward forward = forwarded.get(v);
    if (forward == null || simple(forward.value())) {
      return;
    }
    java.util.Optional<JavaExpr> negated = adjointAlgebra.negationOperand(forward.value());
    if (negated.isEmpty()) {
      materialize(out, v);
      return;
    }
    forwarded.put(v, new Forward(negated.get(), forward.origin()));
    materialize(out, v);
    forwarded.put(
        v, new Forward(adjointAlgebra.negate(JavaExpr.name(adjoint(v))), forward.origin()));
  }

  /** Writes {@code v}'s deferred assignment, if it has one. */
  void materialize(StmtBuilder out, Value.Var v) {
    Forward forward = forwarded.remove(v);
    if (forward == null) {
      return;
    }
    beforeWrite(out, v);
    String name = adjoint(v);
    if (adjoints.declared.add(v)) {
      adjoints.pend(v, name, forward.origin());
    }
    JavaExpr value;
    if (forward.value() == CLEARED) {
      // a deferred clear that something reads, or its block's end
      value = JavaExpr.literal(defaultValue(v.type()));
    } else if (v.type() == IrType.FLOAT) {
      value = narrowed(v, forward.value());
    } else {
      value = forward.value().unparenthesized();
    }
    out.assign(JavaExpr.name(name), value, forward.origin().toString());
  }

  /**
   * Writes every deferred assignment (before code that may read any adjoint, or at a block end).
   */
  void materializeAll(StmtBuilder out) {
    for (Value.Var v : List.copyOf(forwarded.keySet())) {
      if (!v.equals(permanentForward)) {
        materialize(out, v);
      }
    }
  }

  /**
   * The adjoint that keeps its forwarded value for the whole sweep: a fused loop's result, whose
   * adjoint is the seed throughout.
   */
  Value.Var permanentForward;

  /** Before {@code v}'s adjoint is overwritten: writes the deferred copies of it. */
  void beforeWrite(StmtBuilder out, Value.Var v) {
    String name = adjoint(v);
    for (Map.Entry<Value.Var, Forward> e : List.copyOf(forwarded.entrySet())) {
      if (!e.getKey().equals(v) && e.getValue().value().reads(name)) {
        materialize(out, e.getKey());
      }
    }
  }

  /** The loop passes being written, innermost first. */
  final java.util.Deque<ReversePass> passes = new java.util.ArrayDeque<>();

  /** The fused loop whose pass is being undone, else null. */
  Node.While undoing;

  // a float adjoint's first contribution may be a double expression (Math.cos returns double);
  // later ones are added with +=, which narrows implicitly
  JavaExpr narrowed(Value.Var v, JavaExpr contribution) {
    JavaExpr named =
        contribution instanceof Negation n ? n.operand() : contribution; // -dX is float
    if (v.type() != IrType.FLOAT
        || named instanceof Name name && adjoints.floats.contains(name.identifier())) {
      return contribution;
    }
    return new Cast(TypeName.FLOAT, contribution);
  }
}
