package dev.adjoint.processor.parse;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Name;

/**
 * Jumps as flags. The IR has no jumps: {@code break} sets the {@code exit} flag of every loop up to
 * the one it leaves, {@code continue} the {@code cont} flag of its loop (and {@code exit} of the
 * loops inside it), a {@code return} inside a branch or loop the function's {@code result} and
 * {@code returned} and every enclosing loop's {@code exit}. The statements after one run only while
 * no flag is set ({@link #noJumpCondition}).
 */
final class Jumps {
  static final Value TRUE = new Value.Const("true", IrType.BOOLEAN);
  static final Value FALSE = new Value.Const("false", IrType.BOOLEAN);

  /** The condition under which no jump out of {@code statement} happened, if it can jump. */
  Optional<Value> noJumpCondition(StatementTree statement, Frame frame) {
    JumpScanner.Jumps jumps = JumpScanner.scan(statement);
    Control control = frame.control();
    List<Scope.Binding> flags = new ArrayList<>();
    Optional<Control.Target> innermost = control.innermost();
    if (jumps.returns() && control.returns().isPresent()) {
      flags.add(innermost.map(Control.Target::exit).orElse(control.returns().get().returned()));
    }
    for (String label : jumps.breaks()) {
      flags.add(target(label, statement, false, frame).exit());
    }
    for (String label : jumps.continues()) {
      Control.Target target = target(label, statement, true, frame);
      flags.add(target == innermost.orElse(null) ? target.cont() : innermost.get().exit());
    }
    List<Scope.Binding> distinct = flags.stream().distinct().toList();
    if (distinct.isEmpty()) {
      return Optional.empty();
    }
    Value anyJump = Assignments.read(distinct.get(0), statement);
    for (Scope.Binding flag : distinct.subList(1, distinct.size())) {
      anyJump =
          Operators.operate(
              JavaOperator.OR,
              IrType.BOOLEAN,
              anyJump,
              Assignments.read(flag, statement),
              statement,
              frame);
    }
    return Optional.of(Operators.not(anyJump, frame.origin(statement), frame));
  }

  void breakStatement(BreakTree tree, Frame frame) {
    Control.Target target = target(labelOf(tree.getLabel()), tree, false, frame);
    for (Control.Target loop : frame.control().targets()) {
      Assignments.assign(loop.exit(), TRUE, false, tree, frame);
      if (loop == target) {
        break;
      }
    }
  }

  void continueStatement(ContinueTree tree, Frame frame) {
    Control.Target target = target(labelOf(tree.getLabel()), tree, true, frame);
    for (Control.Target loop : frame.control().targets()) {
      if (loop == target) {
        Assignments.assign(loop.cont(), TRUE, false, tree, frame);
        break;
      }
      Assignments.assign(loop.exit(), TRUE, false, tree, frame); // leave the loops inside it
    }
  }

  /** A return inside a branch or a loop: keep the value, raise the flags, leave every loop. */
  void returnFromInside(Value value, Tree where, Frame frame) {
    Control.ReturnFlags flags = frame.control().returns().orElseThrow();
    Assignments.assign(flags.result(), value, false, where, frame);
    Assignments.assign(flags.returned(), TRUE, false, where, frame);
    for (Control.Target loop : frame.control().targets()) {
      Assignments.assign(loop.exit(), TRUE, false, where, frame);
    }
  }

  /** The loop (or, for a break, switch) a jump with {@code label} leaves or continues. */
  private static Control.Target target(String label, Tree where, boolean forContinue, Frame frame) {
    for (Control.Target target : frame.control().targets()) {
      if (label == null ? !forContinue || !target.isSwitch() : label.equals(target.label())) {
        return target;
      }
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ101,
        where,
        label == null
            ? (forContinue ? "continue" : "break") + " outside a loop"
            : "no enclosing loop is labeled '" + label + "'");
  }

  private static String labelOf(Name label) {
    return label == null ? null : label.toString();
  }
}
