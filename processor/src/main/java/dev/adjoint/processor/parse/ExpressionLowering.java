package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.util.Elements;

/** Expressions: literals, operators with Java's typing rules, {@code ?:}, casts and arrays. */
abstract class ExpressionLowering extends CallLowering {
  ExpressionLowering(
      Trees trees,
      Elements elements,
      DerivativeRegistry registry,
      DifferentiableDeclaration declaration,
      CompilationUnitTree unit) {
    super(trees, elements, registry, declaration, unit);
  }

  // ---------------------------------------------------------------- expressions

  @Override
  Value lowerExpression(ExpressionTree e) {
    return switch (e.getKind()) {
      case PARENTHESIZED -> lowerExpression(((ParenthesizedTree) e).getExpression());
      case INT_LITERAL -> new Value.Const(sourceText(e), IrType.INT);
      case LONG_LITERAL -> new Value.Const(sourceText(e), IrType.LONG);
      case FLOAT_LITERAL -> new Value.Const(sourceText(e), IrType.FLOAT);
      case DOUBLE_LITERAL -> new Value.Const(sourceText(e), IrType.DOUBLE);
      case BOOLEAN_LITERAL -> new Value.Const(sourceText(e), IrType.BOOLEAN);
      case IDENTIFIER -> lowerName((IdentifierTree) e);
      case MEMBER_SELECT -> lowerMemberSelect((MemberSelectTree) e);
      case PLUS,
          MINUS,
          MULTIPLY,
          DIVIDE,
          REMAINDER,
          LESS_THAN,
          LESS_THAN_EQUAL,
          GREATER_THAN,
          GREATER_THAN_EQUAL,
          EQUAL_TO,
          NOT_EQUAL_TO,
          AND,
          OR,
          XOR,
          LEFT_SHIFT,
          RIGHT_SHIFT,
          UNSIGNED_RIGHT_SHIFT -> {
        BinaryTree binary = (BinaryTree) e;
        Value left = lowerExpression(binary.getLeftOperand());
        Value right = lowerExpression(binary.getRightOperand());
        yield binary(e.getKind(), left, right, e);
      }
      case CONDITIONAL_AND, CONDITIONAL_OR -> lowerShortCircuit((BinaryTree) e);
      case UNARY_MINUS -> {
        Value operand = numeric(lowerExpression(((UnaryTree) e).getExpression()), e);
        IrType type = IrType.promote(operand.type(), IrType.INT);
        yield apply(ElementwiseOp.NEGATE, type, List.of(operand), "Math", e);
      }
      case UNARY_PLUS -> numeric(lowerExpression(((UnaryTree) e).getExpression()), e);
      case LOGICAL_COMPLEMENT -> {
        Value operand = lowerCondition(((UnaryTree) e).getExpression());
        Value.Var target = temporary(IrType.BOOLEAN);
        emit(new Node.Operate(target, JavaOperator.NOT, List.of(operand), origin(e)));
        yield target;
      }
      case BITWISE_COMPLEMENT -> {
        Value operand = integral(lowerExpression(((UnaryTree) e).getExpression()), e);
        Value.Var target = temporary(IrType.promote(operand.type(), IrType.INT));
        emit(new Node.Operate(target, JavaOperator.BITWISE_NOT, List.of(operand), origin(e)));
        yield target;
      }
      case CONDITIONAL_EXPRESSION -> lowerConditional((ConditionalExpressionTree) e);
      case TYPE_CAST -> lowerCast((TypeCastTree) e);
      case METHOD_INVOCATION -> lowerCall((MethodInvocationTree) e);
      case ASSIGNMENT,
          PLUS_ASSIGNMENT,
          MINUS_ASSIGNMENT,
          MULTIPLY_ASSIGNMENT,
          DIVIDE_ASSIGNMENT,
          PREFIX_INCREMENT,
          POSTFIX_INCREMENT,
          PREFIX_DECREMENT,
          POSTFIX_DECREMENT ->
          throw new DiagnosticException(
              DiagnosticId.ADJ102,
              e,
              "assignment inside an expression is not supported; make it a statement of its own");
      case STRING_LITERAL, CHAR_LITERAL, NULL_LITERAL ->
          throw unsupported(e, "this literal", "compute with double, float, int, long, boolean");
      case ARRAY_ACCESS -> {
        ArrayAccessTree access = (ArrayAccessTree) e;
        yield load(elementRef(access), access);
      }
      case NEW_ARRAY -> lowerNewArray((NewArrayTree) e, IrType.DOUBLE);
      case NEW_CLASS ->
          throw unsupported(
              e,
              "'new'",
              "differentiable code computes with primitive values;"
                  + " create objects outside the @Differentiable method");
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE ->
          throw unsupported(
              e,
              "lambdas and method references",
              "call a @Differentiable method" + " directly instead");
      case INSTANCE_OF ->
          throw unsupported(
              e, "instanceof", "differentiable code computes" + " with primitive values");
      case SWITCH_EXPRESSION -> lowerSwitchExpression((SwitchExpressionTree) e);
      default ->
          throw unsupported(e, "this expression", "rewrite it with arithmetic, calls and ?:");
    };
  }

  Value binary(Tree.Kind kind, Value left, Value right, Tree where) {
    switch (kind) {
      case PLUS, MINUS, MULTIPLY, DIVIDE -> {
        numeric(left, where);
        numeric(right, where);
        IrType type = IrType.promote(left.type(), right.type());
        ElementwiseOp op =
            switch (kind) {
              case PLUS -> ElementwiseOp.ADD;
              case MINUS -> ElementwiseOp.SUBTRACT;
              case MULTIPLY -> ElementwiseOp.MULTIPLY;
              default -> ElementwiseOp.DIVIDE;
            };
        return apply(op, type, List.of(left, right), "Math", where);
      }
      case REMAINDER -> {
        numeric(left, where);
        numeric(right, where);
        return operate(
            JavaOperator.REMAINDER, IrType.promote(left.type(), right.type()), left, right, where);
      }
      case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL -> {
        numeric(left, where);
        numeric(right, where);
        JavaOperator op =
            switch (kind) {
              case LESS_THAN -> JavaOperator.LESS;
              case LESS_THAN_EQUAL -> JavaOperator.LESS_EQUAL;
              case GREATER_THAN -> JavaOperator.GREATER;
              default -> JavaOperator.GREATER_EQUAL;
            };
        return operate(op, IrType.BOOLEAN, left, right, where);
      }
      case EQUAL_TO, NOT_EQUAL_TO -> {
        if ((left.type() == IrType.BOOLEAN) != (right.type() == IrType.BOOLEAN)) {
          throw new DiagnosticException(
              DiagnosticId.ADJ106, where, "cannot compare a boolean with a number");
        }
        JavaOperator op = kind == Tree.Kind.EQUAL_TO ? JavaOperator.EQUAL : JavaOperator.NOT_EQUAL;
        return operate(op, IrType.BOOLEAN, left, right, where);
      }
      case AND, OR, XOR -> {
        JavaOperator op =
            kind == Tree.Kind.AND
                ? JavaOperator.AND
                : kind == Tree.Kind.OR ? JavaOperator.OR : JavaOperator.XOR;
        if (left.type() == IrType.BOOLEAN && right.type() == IrType.BOOLEAN) {
          return operate(op, IrType.BOOLEAN, left, right, where);
        }
        integral(left, where);
        integral(right, where);
        return operate(op, IrType.promote(left.type(), right.type()), left, right, where);
      }
      case LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> {
        integral(left, where);
        integral(right, where);
        JavaOperator op =
            kind == Tree.Kind.LEFT_SHIFT
                ? JavaOperator.SHIFT_LEFT
                : kind == Tree.Kind.RIGHT_SHIFT
                    ? JavaOperator.SHIFT_RIGHT
                    : JavaOperator.UNSIGNED_SHIFT_RIGHT;
        // a shift has the promoted type of its left operand alone (JLS 15.19)
        return operate(op, IrType.promote(left.type(), IrType.INT), left, right, where);
      }
      default ->
          throw new DiagnosticException(
              DiagnosticId.ADJ102, where, "operator " + kind + " is not supported");
    }
  }

  static Tree.Kind compoundOperator(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> Tree.Kind.PLUS;
      case MINUS_ASSIGNMENT -> Tree.Kind.MINUS;
      case MULTIPLY_ASSIGNMENT -> Tree.Kind.MULTIPLY;
      case DIVIDE_ASSIGNMENT -> Tree.Kind.DIVIDE;
      case REMAINDER_ASSIGNMENT -> Tree.Kind.REMAINDER;
      case AND_ASSIGNMENT -> Tree.Kind.AND;
      case OR_ASSIGNMENT -> Tree.Kind.OR;
      case XOR_ASSIGNMENT -> Tree.Kind.XOR;
      case LEFT_SHIFT_ASSIGNMENT -> Tree.Kind.LEFT_SHIFT;
      case RIGHT_SHIFT_ASSIGNMENT -> Tree.Kind.RIGHT_SHIFT;
      default -> Tree.Kind.UNSIGNED_RIGHT_SHIFT;
    };
  }

  /** {@code a && b} evaluates {@code b} only when {@code a} holds: lowered to an if. */
  Value lowerShortCircuit(BinaryTree e) {
    Value left = lowerCondition(e.getLeftOperand());
    List<Node> saved = out;
    out = new ArrayList<>();
    Value right = lowerCondition(e.getRightOperand());
    List<Node> rightNodes = out;
    out = saved;
    Value.Var result = temporary(IrType.BOOLEAN);
    Origin origin = origin(e);
    rightNodes.add(new Node.Copy(result, right, origin));
    boolean isAnd = e.getKind() == Tree.Kind.CONDITIONAL_AND;
    List<Node> shortCut =
        List.of(
            new Node.Copy(
                result, new Value.Const(isAnd ? "false" : "true", IrType.BOOLEAN), origin));
    emit(new Node.If(left, isAnd ? rightNodes : shortCut, isAnd ? shortCut : rightNodes, origin));
    return result;
  }

  /**
   * {@code c ? a : b} evaluates one arm only: lowered to an if, so an unused arm's NaN stays out.
   */
  Value lowerConditional(ConditionalExpressionTree e) {
    Value condition = lowerCondition(e.getCondition());
    List<Node> saved = out;
    out = new ArrayList<>();
    Value whenTrue = lowerExpression(e.getTrueExpression());
    List<Node> thenNodes = out;
    out = new ArrayList<>();
    Value whenFalse = lowerExpression(e.getFalseExpression());
    List<Node> elseNodes = out;
    out = saved;
    IrType type;
    if (whenTrue.type() == IrType.BOOLEAN && whenFalse.type() == IrType.BOOLEAN) {
      type = IrType.BOOLEAN;
    } else if (whenTrue.type() == IrType.TENSOR && whenFalse.type() == IrType.TENSOR) {
      // a choice between tensors: a branch that copies one of them, as an if/else would
      type = IrType.TENSOR;
    } else {
      type = IrType.promote(numeric(whenTrue, e).type(), numeric(whenFalse, e).type());
    }
    Value.Var result = temporary(type);
    Origin origin = origin(e);
    thenNodes.add(copyOrConvert(result, whenTrue, origin));
    elseNodes.add(copyOrConvert(result, whenFalse, origin));
    emit(new Node.If(condition, thenNodes, elseNodes, origin));
    return result;
  }

  Value lowerCast(TypeCastTree cast) {
    Value operand = lowerExpression(cast.getExpression());
    if (!(cast.getType() instanceof PrimitiveTypeTree primitive)) {
      throw unsupported(cast, "a cast to " + cast.getType(), "cast only between primitive types");
    }
    IrType type = irTypeOf(primitive, cast);
    if (operand.type().isArray()) {
      throw unsupported(cast, "a cast of an array", "cast its elements");
    }
    if (type == operand.type()) {
      return operand;
    }
    if (type == IrType.BOOLEAN || operand.type() == IrType.BOOLEAN) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, cast, "cannot cast between boolean and" + " a number");
    }
    Value.Var target = temporary(type);
    emit(new Node.Convert(target, operand, origin(cast)));
    return target;
  }

  // ---------------------------------------------------------------- arrays

  /** An array element being read or written: the array variable and the index value. */
  record ElementRef(Value.Var array, Value index) {}

  ElementRef elementRef(ArrayAccessTree access) {
    Value array = lowerExpression(access.getExpression());
    if (!(array instanceof Value.Var arrayVar) || !array.type().isArray()) {
      throw unsupported(
          access, "indexing anything but an array variable", "index a parameter or a local array");
    }
    Value index = lowerExpression(access.getIndex());
    if (index.type() != IrType.INT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, access.getIndex(), "an array index must be an int");
    }
    return new ElementRef(arrayVar, index);
  }

  Value load(ElementRef ref, Tree where) {
    Value.Var element = temporary(ref.array().type().elementType());
    emit(new Node.ArrayLoad(element, ref.array(), ref.index(), origin(where)));
    if (element.type().isArray()) {
      // a row of a two-dimensional array: the same data, so a row of an input is an input
      rowSources.put(element, sourceText(where));
      if (inputArrays.contains(ref.array())) {
        inputArrays.add(element);
      }
    }
    return element;
  }

  /** Rows of two-dimensional arrays, by the source text that reads them ({@code m[i]}). */
  private final java.util.Map<Value.Var, String> rowSources = new java.util.HashMap<>();

  void storeElement(ArrayAccessTree access, Value value, boolean castAllowed, Tree where) {
    store(elementRef(access), value, castAllowed, where);
  }

  void store(ElementRef ref, Value value, boolean castAllowed, Tree where) {
    if (inputArrays.contains(ref.array())) {
      throw new DiagnosticException(
          DiagnosticId.ADJ112,
          where,
          "'"
              + rowSources.getOrDefault(ref.array(), ref.array().name())
              + "' is an input array, and @Differentiable methods must not"
              + " write their inputs (the caller's data); copy it into a local array (new"
              + " double[n] and a loop) and write that, or, if the method may overwrite the"
              + " caller's array, annotate the parameter @Owned");
    }
    IrType elementType = ref.array().type().elementType();
    if (!castAllowed
        && !elementType.acceptsWithoutCast(value.type())
        && !(value instanceof Value.Const)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          where,
          "a "
              + value.type().javaName()
              + " does not fit in a "
              + elementType.javaName()
              + " element without a cast");
    }
    Value stored = value;
    if (value.type() != elementType) {
      Value.Var converted = temporary(elementType);
      emit(new Node.Convert(converted, value, origin(where)));
      stored = converted;
    }
    emit(new Node.ArrayStore(ref.array(), ref.index(), stored, origin(where)));
  }

  /** The selector of a switch: an int or long, evaluated once. */
  Value switchSelector(ExpressionTree expression) {
    Value selector = lowerExpression(expression);
    if (selector.type() != IrType.INT && selector.type() != IrType.LONG) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          expression,
          "a switch in a @Differentiable method selects on an int or long, not a "
              + selector.type().javaName());
    }
    return selector;
  }

  /** {@code selector == label₁ || selector == label₂ ...} for one case. */
  Value caseMatches(Value selector, CaseTree c) {
    Value matches = null;
    for (ExpressionTree label : c.getExpressions()) {
      Value constant = lowerExpression(label);
      Value equal = binary(Tree.Kind.EQUAL_TO, selector, constant, label);
      matches =
          matches == null ? equal : operate(JavaOperator.OR, IrType.BOOLEAN, matches, equal, label);
    }
    return matches;
  }

  /**
   * {@code switch (k) { case 1 -> a; default -> b; }} as a value: each arm computes only when
   * taken, like {@code ?:}. Arms are expressions; a block arm with {@code yield} is rejected.
   */
  private Value lowerSwitchExpression(SwitchExpressionTree tree) {
    Value selector = switchSelector(tree.getExpression());
    List<? extends CaseTree> cases = tree.getCases();
    for (CaseTree c : cases) {
      if (c.getCaseKind() != CaseTree.CaseKind.RULE || !(c.getBody() instanceof ExpressionTree)) {
        throw unsupported(
            c, "this switch arm", "write each arm as case 1 -> expression, without blocks");
      }
    }
    // no fall-through: only default's place matters, and it is tried last
    List<CaseTree> ordered = new ArrayList<>(cases);
    ordered.sort(java.util.Comparator.comparing(c -> c.getExpressions().isEmpty()));
    return switchArms(selector, ordered, 0, tree);
  }

  private Value switchArms(Value selector, List<? extends CaseTree> cases, int from, Tree where) {
    CaseTree c = cases.get(from);
    ExpressionTree arm = (ExpressionTree) c.getBody();
    if (c.getExpressions().isEmpty() || from == cases.size() - 1) {
      return lowerExpression(arm); // default, or the last arm javac proved exhaustive
    }
    Value matches = caseMatches(selector, c);
    List<Node> saved = out;
    out = new ArrayList<>();
    Value whenTrue = lowerExpression(arm);
    List<Node> thenNodes = out;
    out = new ArrayList<>();
    Value whenFalse = switchArms(selector, cases, from + 1, where);
    List<Node> elseNodes = out;
    out = saved;
    IrType type =
        whenTrue.type() == IrType.BOOLEAN && whenFalse.type() == IrType.BOOLEAN
            ? IrType.BOOLEAN
            : IrType.promote(numeric(whenTrue, where).type(), numeric(whenFalse, where).type());
    Value.Var result = temporary(type);
    Origin origin = origin(where);
    thenNodes.add(copyOrConvert(result, whenTrue, origin));
    elseNodes.add(copyOrConvert(result, whenFalse, origin));
    emit(new Node.If(matches, thenNodes, elseNodes, origin));
    return result;
  }

  /**
   * {@code new T[n]}, {@code new T[] {…}}, or the shorthand {@code {…}}, whose element type {@code
   * shorthandElementType} comes from the declaration it initializes.
   */
  Value lowerNewArray(NewArrayTree tree, IrType shorthandElementType) {
    if (tree.getType() == null && tree.getInitializers() == null) {
      throw unsupported(tree, "this array creation", "write new double[n]");
    }
    if (tree.getDimensions().size() > 1 || tree.getType() instanceof ArrayTypeTree) {
      throw unsupported(
          tree,
          "multi-dimensional arrays",
          "use a one-dimensional array and index" + " it as row * columns + column");
    }
    IrType elementType =
        tree.getType() == null ? shorthandElementType : irTypeOf(tree.getType(), tree);
    Value.Var array = temporary(elementType.arrayType());
    Origin origin = origin(tree);
    if (tree.getInitializers() != null) {
      List<? extends ExpressionTree> items = tree.getInitializers();
      emit(
          new Node.NewArray(
              array, new Value.Const(Integer.toString(items.size()), IrType.INT), origin));
      for (int i = 0; i < items.size(); i++) {
        Value item = lowerExpression(items.get(i));
        store(
            new ElementRef(array, new Value.Const(Integer.toString(i), IrType.INT)),
            item,
            false,
            items.get(i));
      }
      return array;
    }
    Value length = lowerExpression(tree.getDimensions().get(0));
    if (length.type() != IrType.INT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, tree.getDimensions().get(0), "an array length must be an int");
    }
    emit(new Node.NewArray(array, length, origin));
    return array;
  }
}
