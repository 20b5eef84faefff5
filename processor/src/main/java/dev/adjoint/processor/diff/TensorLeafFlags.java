package dev.adjoint.processor.diff;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.Value;
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
  static TensorLeafFlags plan(IrFunction function, Names names, CodeBlock.Builder out) {
    List<Value.Var> leaves = new ArrayList<>();
    for (IrFunction.Parameter p : function.parameters()) {
      if (p.differentiated() && p.variable().type() == IrType.TENSOR) {
        leaves.add(p.variable());
      }
    }
    for (IrFunction.FieldLeaf leaf : function.fieldLeaves()) {
      out.add(
          "Tensor $L = $L; // $L\n",
          leaf.variable().name(),
          leaf.expression(),
          leaf.ofModel()
              ? "a parameter of the model"
              : "a tensor of the class, a leaf like the model's");
      leaves.add(leaf.variable());
    }
    Map<Value.Var, String> flags = new LinkedHashMap<>();
    for (Value.Var leaf : leaves) {
      String flag = names.fresh(leaf.name() + "NeedsGrad");
      flags.put(leaf, flag);
      out.add("boolean $L = $T.requiresGrad($L);\n", flag, RuntimeClasses.ADJOINTS, leaf.name());
    }
    return new TensorLeafFlags(flags, LeafDependencies.of(function.body(), leaves));
  }

  /** The leaves, in the order they are read. */
  Set<Value.Var> leaves() {
    return flags.keySet();
  }

  /** Whether some leaf behind {@code v} requires grad, as a Java condition. */
  CodeBlock needsGradient(Value.Var v) {
    if (dependencies.passLeaves().contains(v)) {
      // a sub-model's parameter read in this pass, held in its variable until the read is undone
      return CodeBlock.of("$T.requiresGrad($L)", RuntimeClasses.ADJOINTS, v.name());
    }
    if (dependencies.behind(v).stream().anyMatch(dependencies.passLeaves()::contains)) {
      // behind v, parameters of every pass, read into variables each pass overwrites: no flag
      // says whether one of them requires grad, so the contribution is computed
      return CodeBlock.of("true");
    }
    List<String> needed = new ArrayList<>();
    for (Map.Entry<Value.Var, String> e : flags.entrySet()) {
      if (dependencies.behind(v).contains(e.getKey())) {
        needed.add(e.getValue());
      }
    }
    if (needed.isEmpty()) {
      return CodeBlock.of("false");
    }
    return CodeBlock.of(needed.size() == 1 ? "$L" : "($L)", String.join(" || ", needed));
  }
}
