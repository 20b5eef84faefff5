package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tensors one function reads from fields, each a leaf of the computation held in one IR
 * variable: a field read twice, or by the caller and by a callee written at its call, is one leaf.
 *
 * <p>Generated code reads every leaf on entry, before any test; a leaf that the function reads only
 * in the arm of a test that an optional sub-model is present ({@code if (downsample != null)}) is
 * read under that test, and is null where the sub-model is absent (as the bias of a layer without
 * one is), instead of failing on a sub-model the forward never touches.
 */
public final class FieldLeaves {
  private final Names names;
  private final Map<FieldRef, IrFunction.FieldLeaf> leaves = new LinkedHashMap<>();
  // the presence tests whose arms the lowering is inside, innermost first
  private final Deque<FieldRef> presentArms = new ArrayDeque<>();

  /** Leaves named from {@code names}, the function's supply. */
  public FieldLeaves(Names names) {
    this.names = names;
  }

  /** The variable holding the tensor {@code field} reads; a new leaf the first time. */
  public Value.Var leaf(FieldRef field) {
    return leaf(field, Optional.ofNullable(presentArms.peekFirst()));
  }

  /**
   * The variable of {@code field}'s leaf, which is read under {@code presence} (if any, besides the
   * arms the lowering is inside); a read under no test makes the leaf unconditional.
   */
  public Value.Var leaf(FieldRef field, Optional<FieldRef> presence) {
    Optional<FieldRef> guard = presence.or(() -> Optional.ofNullable(presentArms.peekFirst()));
    IrFunction.FieldLeaf known = leaves.get(field);
    if (known == null) {
      known =
          new IrFunction.FieldLeaf(
              new Value.Var(names.forField(field), IrType.TENSOR), field, guard);
      leaves.put(field, known);
    } else if (!known.presence().equals(guard) && known.presence().isPresent()) {
      // read under two tests, or under one and none: read it as the source does, unguarded
      known = new IrFunction.FieldLeaf(known.variable(), field, Optional.empty());
      leaves.put(field, known);
    }
    return known.variable();
  }

  /**
   * Lowers {@code arm}, the branch that runs when {@code condition} is true: when the condition
   * tests that an optional sub-model is present, the leaves read there are read under that test.
   */
  public void inArmOf(Value condition, Runnable arm) {
    Optional<FieldRef> presence =
        condition instanceof Value.Const c
            ? c.field().filter(FieldRef::presence)
            : Optional.<FieldRef>empty();
    presence.ifPresent(presentArms::addFirst);
    try {
      arm.run();
    } finally {
      presence.ifPresent(p -> presentArms.removeFirst());
    }
  }

  /** The leaves, in the order they were first read. */
  public List<IrFunction.FieldLeaf> all() {
    return new ArrayList<>(leaves.values());
  }
}
