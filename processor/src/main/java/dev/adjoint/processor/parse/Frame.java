package dev.adjoint.processor.parse;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;

/**
 * Where the lowering is: every collaborator takes one and passes it, or one derived from it, down.
 * A frame is immutable; what accumulates is in the builders it names: the {@link Block} its nodes
 * go to, the function's {@link FunctionState}, and the bindings of its {@link Scope}.
 *
 * @param source where the body comes from and where its generated code lives
 * @param state what the function's lowering accumulates
 * @param scope the source variables in scope, innermost block first
 * @param block where the nodes lowered here go
 * @param control where jumps go
 */
record Frame(SourceContext source, FunctionState state, Scope scope, Block block, Control control) {

  /** The frame of a function's body: a scope for its parameters, an empty block. */
  static Frame ofFunction(SourceContext source, FunctionState state) {
    return new Frame(source, state, Scope.root(), new Block(), Control.NONE);
  }

  /** A nested block whose nodes go to this frame's block ({@code { ... }}, a for loop's header). */
  Frame inBlock() {
    return new Frame(source, state, scope.child(), block, control);
  }

  /** A nested block whose nodes go to a block of their own: an arm of a branch, a loop's body. */
  Frame nested() {
    return new Frame(source, state, scope.child(), new Block(), control);
  }

  /** The same scope, the nodes going to {@code into} (an operand evaluated only sometimes). */
  Frame into(Block into) {
    return new Frame(source, state, scope, into, control);
  }

  Frame withControl(Control inner) {
    return new Frame(source, state, scope, block, inner);
  }

  void emit(Node node) {
    block.add(node);
  }

  Value.Var temporary(IrType type) {
    return state.temporary(type);
  }

  Origin origin(Tree tree) {
    return state.origin(tree);
  }
}
