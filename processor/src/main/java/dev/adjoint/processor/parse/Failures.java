package dev.adjoint.processor.parse;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Node.Throw.MessagePart;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * {@code throw} and {@code assert}: the checks a method makes of its arguments ({@code if (x < 0)
 * throw new IllegalArgumentException("x < 0: " + x);}, {@code assert n > 0 : n;}). Each becomes a
 * {@link Node.Throw} the forward sweep writes as the source wrote it; nothing is differentiated
 * through it. The exception is a new unchecked one (the generated methods declare none), its
 * message text and values joined with {@code +}.
 */
final class Failures {
  private static final ClassName ASSERTION_ERROR = ClassName.get(AssertionError.class);

  private final Expressions expressions;
  private final Reachability reachability;

  Failures(Expressions expressions, Reachability reachability) {
    this.expressions = expressions;
    this.reachability = reachability;
  }

  /** {@code throw new E(message)}. */
  void throwStatement(ThrowTree tree, Frame frame) {
    if (!(tree.getExpression() instanceof NewClassTree created)
        || created.getClassBody() != null
        || created.getArguments().size() > 1) {
      throw unsupported(tree, "a new exception with at most a message");
    }
    TypeElement type =
        frame
            .source()
            .resolver()
            .resolve(created.getIdentifier())
            .orElseThrow(
                () ->
                    new DiagnosticException(
                        DiagnosticId.ADJ111,
                        created.getIdentifier(),
                        "cannot resolve the exception class '" + created.getIdentifier() + "'"));
    if (!unchecked(type)) {
      throw unsupported(
          tree,
          "an unchecked exception, not "
              + type.getSimpleName()
              + " (the generated methods declare none): IllegalArgumentException,"
              + " IllegalStateException, ArithmeticException or one of yours extending"
              + " RuntimeException");
    }
    List<MessagePart> message = List.of();
    if (!created.getArguments().isEmpty()) {
      ExpressionTree argument = created.getArguments().get(0);
      if (!isText(argument)) {
        throw unsupported(argument, "a message of text and values joined with +");
      }
      message = message(argument, frame);
    }
    reachability.require(constructor(type, !message.isEmpty(), created), created, frame);
    frame.emit(new Node.Throw(ClassName.get(type), Optional.empty(), message, frame.origin(tree)));
  }

  /** {@code assert condition : message}, checked where assertions are enabled, as the source's. */
  void assertStatement(AssertTree tree, Frame frame) {
    Value condition = expressions.condition(tree.getCondition(), frame);
    List<MessagePart> message =
        tree.getDetail() == null ? List.of() : message(tree.getDetail(), frame);
    frame.emit(
        new Node.Throw(ASSERTION_ERROR, Optional.of(condition), message, frame.origin(tree)));
  }

  /**
   * Whether {@code statement} always throws: a {@code throw}, or a block ending in one. A method
   * body that ends so has no value to differentiate.
   */
  static boolean alwaysThrows(StatementTree statement) {
    return statement instanceof ThrowTree
        || statement instanceof BlockTree block
            && !block.getStatements().isEmpty()
            && alwaysThrows(block.getStatements().get(block.getStatements().size() - 1));
  }

  /**
   * The parts of a message: string literals as text; any other operand of a string {@code +} (a
   * number, a boolean) lowered and shown as Java's string conversion shows it. An operand that is
   * not text, {@code x + y} in {@code x + y + " apart"}, is one value: the source adds it first.
   */
  private List<MessagePart> message(ExpressionTree e, Frame frame) {
    List<MessagePart> parts = new ArrayList<>();
    collect(e, frame, parts);
    if (parts.size() > 1 && parts.get(0).shown().isPresent() && parts.get(1).shown().isPresent()) {
      parts.add(0, MessagePart.text("")); // x + ("" + y): joined as text from the start
    }
    return parts;
  }

  private void collect(ExpressionTree e, Frame frame, List<MessagePart> parts) {
    if (e instanceof ParenthesizedTree p && isText(p.getExpression())) {
      collect(p.getExpression(), frame, parts);
    } else if (e.getKind() == Tree.Kind.STRING_LITERAL) {
      parts.add(MessagePart.text((String) ((LiteralTree) e).getValue()));
    } else if (e.getKind() == Tree.Kind.PLUS && isText(e)) {
      BinaryTree plus = (BinaryTree) e;
      collect(plus.getLeftOperand(), frame, parts);
      collect(plus.getRightOperand(), frame, parts);
    } else {
      parts.add(MessagePart.shown(expressions.lower(e, frame)));
    }
  }

  /** Whether {@code e} is a string: a literal, or a {@code +} with a string operand. */
  private static boolean isText(ExpressionTree e) {
    if (e instanceof ParenthesizedTree p) {
      return isText(p.getExpression());
    }
    if (e instanceof BinaryTree plus && e.getKind() == Tree.Kind.PLUS) {
      return isText(plus.getLeftOperand()) || isText(plus.getRightOperand());
    }
    return e.getKind() == Tree.Kind.STRING_LITERAL;
  }

  /** Whether {@code type} extends {@code RuntimeException} or {@code Error}. */
  private static boolean unchecked(TypeElement type) {
    for (TypeElement t = type; t != null; t = superclass(t)) {
      String name = t.getQualifiedName().toString();
      if (name.equals("java.lang.RuntimeException") || name.equals("java.lang.Error")) {
        return true;
      }
    }
    return false;
  }

  private static TypeElement superclass(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    return superclass instanceof DeclaredType declared ? (TypeElement) declared.asElement() : null;
  }

  /** The constructor taking a {@code String} message, or none; not private. */
  private static ExecutableElement constructor(
      TypeElement type, boolean withMessage, NewClassTree where) {
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      boolean fits =
          withMessage
              ? c.getParameters().size() == 1
                  && c.getParameters().get(0).asType().toString().equals("java.lang.String")
              : c.getParameters().isEmpty();
      if (fits && !c.getModifiers().contains(Modifier.PRIVATE)) {
        return c;
      }
    }
    throw unsupported(
        where,
        type.getSimpleName()
            + (withMessage
                ? " with a constructor taking a String message"
                : " with a constructor without arguments"));
  }

  private static DiagnosticException unsupported(Tree where, String needed) {
    return new DiagnosticException(
        DiagnosticId.ADJ101,
        where,
        "a throw statement in a @Differentiable method throws " + needed);
  }
}
