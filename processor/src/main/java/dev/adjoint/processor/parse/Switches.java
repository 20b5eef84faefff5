package dev.adjoint.processor.parse;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code switch} statements on an int or long, the selector evaluated once. {@code break} inside
 * one sets the switch's own exit flag, like a loop's, and the rest of its statements run only while
 * the flag is clear; {@code continue} goes on to the enclosing loop.
 *
 * <p>The arrow form ({@code case 1, 2 -> A; default -> B;}) is an if-else chain on {@code k == 1 |
 * k == 2}. The colon form, with fall-through, runs each group of statements when control has
 * reached it and no {@code break} has left: {@code reached = reached | entry} where {@code entry}
 * is the group's labels matching (for {@code default}: no label of the switch matching), then
 * {@code if (reached & !exit) group}.
 */
final class Switches {
  private final Statements statements;
  private final Expressions expressions;

  Switches(Statements statements, Expressions expressions) {
    this.statements = statements;
    this.expressions = expressions;
  }

  void lower(SwitchTree tree, String label, Frame outer) {
    Value selector = expressions.choices().selector(tree.getExpression(), outer);
    List<? extends CaseTree> cases = tree.getCases();
    Origin origin = outer.origin(tree);
    boolean arrows = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    boolean jumps = false;
    for (CaseTree c : cases) {
      List<? extends Tree> parts = arrows ? List.of(c.getBody()) : c.getStatements();
      for (Tree part : parts == null ? List.<Tree>of() : parts) {
        jumps |= JumpScanner.scan(part).any();
      }
    }
    // a flag only where a break, continue or return can leave the switch
    Scope.Binding exit = null;
    Frame frame = outer;
    if (jumps) {
      exit = Assignments.synthetic(outer.state().names.fresh("exit"), IrType.BOOLEAN, outer);
      Assignments.assign(exit, Jumps.FALSE, false, tree, outer);
      frame =
          outer.withControl(
              outer.control().inside(new Control.Target(label, exit, null, true, Set.of())));
    }
    Frame inSwitch = frame.inBlock(); // the colon form's groups share one block
    if (arrows) {
      cases(selector, Choices.defaultLast(cases), 0, origin, inSwitch);
    } else {
      groups(selector, cases, exit, tree, inSwitch);
    }
  }

  private void groups(
      Value selector, List<? extends CaseTree> cases, Scope.Binding exit, Tree tree, Frame frame) {
    // each group's labels compared once, in source order; default is entered when none matches
    Map<CaseTree, Value> matches = new HashMap<>();
    Value anyMatches = null;
    for (CaseTree c : cases) {
      if (!c.getExpressions().isEmpty()) {
        Value m = expressions.choices().matches(selector, c, frame);
        matches.put(c, m);
        anyMatches =
            anyMatches == null
                ? m
                : Operators.operate(JavaOperator.OR, IrType.BOOLEAN, anyMatches, m, c, frame);
      }
    }
    for (CaseTree c : cases) {
      if (c.getExpressions().isEmpty()) {
        matches.put(
            c, anyMatches == null ? Jumps.TRUE : Operators.not(anyMatches, frame.origin(c), frame));
      }
    }
    Scope.Binding reached =
        Assignments.synthetic(frame.state().names.fresh("reached"), IrType.BOOLEAN, frame);
    Assignments.assign(reached, Jumps.FALSE, false, tree, frame);
    for (CaseTree c : cases) {
      Value entry = matches.get(c);
      // falling through from the group above, or jumped to
      Value reachedNow =
          Operators.operate(
              JavaOperator.OR, IrType.BOOLEAN, Assignments.read(reached, c), entry, c, frame);
      Assignments.assign(reached, reachedNow, false, c, frame);
      List<? extends StatementTree> groupStatements = c.getStatements();
      if (groupStatements == null || groupStatements.isEmpty()) {
        continue;
      }
      Value runs =
          exit == null
              ? Assignments.read(reached, c)
              : Operators.operate(
                  JavaOperator.AND,
                  IrType.BOOLEAN,
                  Assignments.read(reached, c),
                  Operators.not(Assignments.read(exit, c), frame.origin(c), frame),
                  c,
                  frame);
      statements.branch(
          runs, f -> statements.statements(groupStatements, f), f -> {}, frame.origin(c), frame);
    }
  }

  private void cases(Value selector, List<CaseTree> cases, int from, Origin origin, Frame frame) {
    if (from == cases.size()) {
      return;
    }
    CaseTree c = cases.get(from);
    if (c.getExpressions().isEmpty()) { // default: the remaining cases cannot be reached after it
      arm(c, frame);
      return;
    }
    Value matches = expressions.choices().matches(selector, c, frame);
    statements.branch(
        matches, f -> arm(c, f), f -> cases(selector, cases, from + 1, origin, f), origin, frame);
  }

  private void arm(CaseTree c, Frame frame) {
    Tree body = c.getBody();
    if (body instanceof StatementTree statement) {
      statements.statements(List.of(statement), frame);
    } else {
      statements.expressionStatement((ExpressionTree) body, frame);
    }
  }
}
