package dev.adjoint.processor.diff;

import dev.adjoint.processor.ir.Value;
import java.util.HashSet;
import java.util.Set;

/**
 * One reverse pass of a loop body being written. Variables the body defines at its top level before
 * any read are the pass's own; when their first contribution in the pass is unconditional it
 * assigns the adjoint, and their definition need not clear it.
 */
final class ReversePass {
  final int depth;
  final Set<Value.Var> candidates;
  final Set<Value.Var> assigned = new HashSet<>();
  final Set<Value.Var> accumulated = new HashSet<>();

  ReversePass(int depth, Set<Value.Var> candidates) {
    this.depth = depth;
    this.candidates = candidates;
  }

  boolean touched(Value.Var v) {
    return assigned.contains(v) || accumulated.contains(v);
  }
}
