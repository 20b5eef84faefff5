package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Parenthesized;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.StmtBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tensor leaves require grad, as the generated code asks at run time: one flag per leaf (a
 * tensor parameter or a tensor read from a field), and for each value the condition that some leaf
 * behind it wants a gradient, so that the reverse sweep computes a contribution only then (the tape
 * skips the same work).
 *
 * @param flags each leaf's flag local, in the order the leaves are read
 * @param dependencies which leaves each value depends on
 */
record TensorLeafFlags(Map<Value.Var, String> flags, LeafDependencies dependencies) {
  /** No leaves: a method without tensors. */
  static final TensorLeafFlags NONE =
      new TensorLeafFlags(Map.of(), new LeafDependencies(Map.of(), Set.of()));

  /**
   * Reads the receiver's tensors into locals and asks each leaf whether it requires grad (into
   * {@code out}), then finds which leaves each value depends on.
   */
  static TensorLeafFlags plan(IrFunction function, Names names, StmtBuilder out) {
    List<Value.Var> leaves = new ArrayList<>();
    for (IrFunction.Parameter p : function.parameters()) {
      if (p.differentiated() && p.variable().type() == IrType.TENSOR) {
        leaves.add(p.variable());
      }
    }
    for (IrFunction.FieldLeaf leaf : function.fieldLeaves()) {
      out.define(
          LocalType.of(IrType.TENSOR),
          leaf.variable().name(),
          JavaExpr.literal(leaf.expression()),
          leaf.ofModel()
              ? "a parameter of the model"
              : "a tensor of the class, a leaf like the model's");
      leaves.add(leaf.variable());
    }
    Map<Value.Var, String> flags = new LinkedHashMap<>();
    for (Value.Var leaf : leaves) {
      String flag = names.fresh(leaf.name() + "NeedsGrad");
      flags.put(leaf, flag);
      out.define(LocalType.of(IrType.BOOLEAN), flag, requiresGrad(leaf), null);
    }
    return new TensorLeafFlags(flags, LeafDependencies.of(function.body(), leaves));
  }

  /** The leaves, in the order they are read. */
  Set<Value.Var> leaves() {
    return flags.keySet();
  }

  /** Whether some leaf behind {@code v} requires grad, as a Java condition. */
  JavaExpr needsGradient(Value.Var v) {
    if (dependencies.passLeaves().contains(v)) {
      // a sub-model's parameter read in this pass, held in its variable until the read is undone
      return requiresGrad(v);
    }
    if (dependencies.behind(v).stream().anyMatch(dependencies.passLeaves()::contains)) {
      // behind v, parameters of every pass, read into variables each pass overwrites: no flag
      // says whether one of them requires grad, so the contribution is computed
      return JavaExpr.literal("true");
    }
    JavaExpr needed = null;
    for (Map.Entry<Value.Var, String> e : flags.entrySet()) {
      if (dependencies.behind(v).contains(e.getKey())) {
        JavaExpr flag = JavaExpr.name(e.getValue());
        needed = needed == null ? flag : new Binary(needed, "||", flag, JavaExpr.CONDITIONAL_OR);
      }
    }
    if (needed == null) {
      return JavaExpr.literal("false");
    }
    return needed instanceof Binary ? new Parenthesized(needed) : needed;
  }

  /** {@code Adjoints.requiresGrad(leaf)}. */
  private static JavaExpr requiresGrad(Value.Var leaf) {
    return new Call(
        new TypeRef(RuntimeClasses.ADJOINTS), "requiresGrad", List.of(JavaExpr.name(leaf.name())));
  }
}
