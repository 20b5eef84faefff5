package dev.adjoint.processor.parse;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the jumps ({@code break}, {@code continue}, {@code return}) that leave a statement, and the
 * variables a loop assigns: what the parse pass needs to replace jumps by flags.
 */
final class JumpScanner {
  private JumpScanner() {}

  /**
   * The jumps leaving a statement.
   *
   * @param returns whether it may return
   * @param breaks labels of the loops its escaping breaks leave ({@code null}: the innermost
   *     enclosing loop)
   * @param continues likewise for continues
   */
  record Jumps(boolean returns, Set<String> breaks, Set<String> continues) {
    boolean any() {
      return returns || !breaks.isEmpty() || !continues.isEmpty();
    }
  }

  /**
   * What a loop's body does to the loop itself.
   *
   * @param returns whether the body may return
   * @param exitsLoop whether it may leave the loop early (a break of it or of an outer loop, or a
   *     continue of an outer loop)
   * @param continuesLoop whether it may continue the loop
   */
  record LoopJumps(boolean returns, boolean exitsLoop, boolean continuesLoop) {}

  static Jumps scan(Tree statement) {
    Scanner scanner = new Scanner();
    scanner.scan(statement, null);
    return new Jumps(!scanner.returns.isEmpty(), scanner.breaks, scanner.continues);
  }

  static LoopJumps scanLoopBody(StatementTree body, String label) {
    Jumps jumps = scan(body);
    boolean continuesItself =
        jumps.continues().contains(null) || label != null && jumps.continues().contains(label);
    Set<String> otherContinues = new HashSet<>(jumps.continues());
    otherContinues.remove(null);
    otherContinues.remove(label);
    boolean exits = !jumps.breaks().isEmpty() || !otherContinues.isEmpty() || jumps.returns();
    return new LoopJumps(jumps.returns(), exits, continuesItself);
  }

  /** The return statements anywhere in {@code statements}. */
  static List<ReturnTree> returns(List<? extends StatementTree> statements) {
    List<ReturnTree> found = new ArrayList<>();
    for (StatementTree s : statements) {
      Scanner scanner = new Scanner();
      scanner.scan(s, null);
      found.addAll(scanner.returns);
    }
    return found;
  }

  /**
   * Whether a body's only return is its last statement (none inside a branch or a loop before it):
   * then it is lowered straight, its value the method's.
   */
  static boolean endsInItsOnlyReturn(List<? extends StatementTree> statements) {
    return !statements.isEmpty()
        && statements.get(statements.size() - 1).getKind() == Tree.Kind.RETURN
        && returns(statements.subList(0, statements.size() - 1)).isEmpty();
  }

  /** Simple names assigned anywhere inside {@code tree}. */
  static Set<String> assignedNames(Tree tree) {
    Set<String> names = new LinkedHashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        add(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        add(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT ->
              add(node.getExpression());
          default -> {}
        }
        return super.visitUnary(node, unused);
      }

      private void add(ExpressionTree target) {
        if (target instanceof IdentifierTree id) {
          names.add(id.getName().toString());
        }
      }
    }.scan(tree, null);
    return names;
  }

  /** Collects jumps, ignoring those caught by loops (and, for breaks, switches) inside the tree. */
  private static final class Scanner extends TreeScanner<Void, Void> {
    final List<ReturnTree> returns = new ArrayList<>();
    final Set<String> breaks = new LinkedHashSet<>();
    final Set<String> continues = new LinkedHashSet<>();
    private final Deque<String> innerLoopLabels = new ArrayDeque<>();
    private int innerLoops;
    private String pendingLabel;

    @Override
    public Void visitReturn(ReturnTree node, Void unused) {
      returns.add(node);
      return super.visitReturn(node, unused);
    }

    @Override
    public Void visitBreak(BreakTree node, Void unused) {
      record(node.getLabel() == null ? null : node.getLabel().toString(), breaks);
      return null;
    }

    @Override
    public Void visitContinue(ContinueTree node, Void unused) {
      record(node.getLabel() == null ? null : node.getLabel().toString(), continues);
      return null;
    }

    private void record(String label, Set<String> into) {
      // an unlabeled break inside a switch leaves only the switch; a continue goes on to a loop
      int catchers = innerLoops + (into == breaks ? innerSwitches : 0);
      boolean caught = label == null ? catchers > 0 : innerLoopLabels.contains(label);
      if (!caught) {
        into.add(label);
      }
    }

    private int innerSwitches;

    @Override
    public Void visitSwitch(com.sun.source.tree.SwitchTree node, Void unused) {
      String label = pendingLabel;
      pendingLabel = null;
      innerSwitches++;
      innerLoopLabels.push(label == null ? "" : label);
      try {
        return super.visitSwitch(node, unused);
      } finally {
        innerLoopLabels.pop();
        innerSwitches--;
      }
    }

    @Override
    public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
      pendingLabel = node.getLabel().toString();
      return super.visitLabeledStatement(node, unused);
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree node, Void unused) {
      return loop(() -> super.visitWhileLoop(node, unused));
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
      return loop(() -> super.visitDoWhileLoop(node, unused));
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void unused) {
      return loop(() -> super.visitForLoop(node, unused));
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
      return loop(() -> super.visitEnhancedForLoop(node, unused));
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      return null; // its returns are its own
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      return null;
    }

    private Void loop(java.util.function.Supplier<Void> scanBody) {
      String label = pendingLabel;
      pendingLabel = null;
      innerLoops++;
      innerLoopLabels.push(label == null ? "" : label);
      try {
        return scanBody.get();
      } finally {
        innerLoopLabels.pop();
        innerLoops--;
      }
    }
  }
}
