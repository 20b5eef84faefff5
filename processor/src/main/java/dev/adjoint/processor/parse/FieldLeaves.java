package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors one function reads from fields, each a leaf of the computation held in one IR
 * variable: a field read twice, or by the caller and by a callee written at its call, is one leaf.
 */
public final class FieldLeaves {
  private final Names names;
  private final Map<FieldRef, IrFunction.FieldLeaf> leaves = new LinkedHashMap<>();

  /** Leaves named from {@code names}, the function's supply. */
  public FieldLeaves(Names names) {
    this.names = names;
  }

  /** The variable holding the tensor {@code field} reads; a new leaf the first time. */
  public Value.Var leaf(FieldRef field) {
    return leaves
        .computeIfAbsent(
            field,
            f -> new IrFunction.FieldLeaf(new Value.Var(names.forField(f), IrType.TENSOR), f))
        .variable();
  }

  /** The leaves, in the order they were first read. */
  public List<IrFunction.FieldLeaf> all() {
    return List.copyOf(leaves.values());
  }
}
