package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Value;

/**
 * Expression statements: assignments to locals and array elements ({@code =}, {@code op=}, {@code
 * ++}, {@code --}), and calls, whose value is dropped (differentiable code is pure, so a call is
 * only its value).
 */
final class ExpressionStatements {
  private static final Value ONE = new Value.Const("1", IrType.INT);

  private final Expressions expressions;

  ExpressionStatements(Expressions expressions) {
    this.expressions = expressions;
  }

  void lower(ExpressionTree expression, Frame frame) {
    ArrayAccess arrays = expressions.arrays();
    switch (expression.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree assignment = (AssignmentTree) expression;
        if (assignment.getVariable() instanceof ArrayAccessTree element) {
          // the value before the array and index (pure code: the order is unobservable)
          Value value = expressions.lower(assignment.getExpression(), frame);
          arrays.store(arrays.element(element, frame), value, false, assignment, frame);
          return;
        }
        Scope.Binding target = Assignments.assignable(assignment.getVariable(), frame);
        if (target.type.isMatrix()) {
          throw new DiagnosticException(
              DiagnosticId.ADJ101,
              assignment,
              "two-dimensional array variable '"
                  + target.sourceName
                  + "' cannot be reassigned; declare a new one");
        }
        Value value = expressions.lower(assignment.getExpression(), frame);
        if (target.type.isArray()) {
          Assignments.requireOwnArrays(target, value, assignment, frame);
        }
        Assignments.assign(target, value, false, assignment, frame);
      }
      case PLUS_ASSIGNMENT,
          MINUS_ASSIGNMENT,
          MULTIPLY_ASSIGNMENT,
          DIVIDE_ASSIGNMENT,
          REMAINDER_ASSIGNMENT,
          AND_ASSIGNMENT,
          OR_ASSIGNMENT,
          XOR_ASSIGNMENT,
          LEFT_SHIFT_ASSIGNMENT,
          RIGHT_SHIFT_ASSIGNMENT,
          UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> {
        // x op= e means x = (T) (x op e) (JLS 15.26.2)
        CompoundAssignmentTree compound = (CompoundAssignmentTree) expression;
        Tree.Kind op = Operators.compoundOperator(compound.getKind());
        if (compound.getVariable() instanceof ArrayAccessTree element) {
          ArrayAccess.ElementRef ref = arrays.element(element, frame);
          Value current = arrays.load(ref, element, frame);
          Value operand = expressions.lower(compound.getExpression(), frame);
          Value result = Operators.binary(op, current, operand, compound, frame);
          arrays.store(ref, result, true, compound, frame);
          return;
        }
        Scope.Binding target = Assignments.assignable(compound.getVariable(), frame);
        Value current = Assignments.read(target, compound.getVariable());
        Value operand = expressions.lower(compound.getExpression(), frame);
        Value result = Operators.binary(op, current, operand, compound, frame);
        Assignments.assign(target, result, true, compound, frame);
      }
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
        UnaryTree unary = (UnaryTree) expression;
        boolean up =
            unary.getKind() == Tree.Kind.PREFIX_INCREMENT
                || unary.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        Tree.Kind op = up ? Tree.Kind.PLUS : Tree.Kind.MINUS;
        if (unary.getExpression() instanceof ArrayAccessTree element) {
          ArrayAccess.ElementRef ref = arrays.element(element, frame);
          Value current = arrays.load(ref, element, frame);
          arrays.store(ref, Operators.binary(op, current, ONE, unary, frame), true, unary, frame);
          return;
        }
        Scope.Binding target = Assignments.assignable(unary.getExpression(), frame);
        Value current = Assignments.read(target, unary.getExpression());
        Assignments.assign(
            target, Operators.binary(op, current, ONE, unary, frame), true, unary, frame);
      }
      case METHOD_INVOCATION -> expressions.lower(expression, frame); // pure: the value is dropped
      default ->
          throw new DiagnosticException(
              DiagnosticId.ADJ101,
              expression,
              "this expression statement has no effect; remove it");
    }
  }
}
