package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The parse pass's state and its primitive steps: the IR being built, the source variables in
 * scope, the names in use, and how values are assigned, emitted and traced back to source.
 *
 * <p>The pass is one visitor written in layers, one file each: this context; {@link CallLowering}
 * (names, fields and calls); {@link ExpressionLowering} (operators, casts, arrays); {@link
 * StatementLowering} (statements and jumps); {@link MethodLowering} (loops and the entry point).
 */
abstract class LoweringContext {
  /** Lowers an expression, emitting what computes it; returns the value. */
  abstract Value lowerExpression(ExpressionTree e);

  final Elements elements;

  final DerivativeRegistry registry;

  final DifferentiableDeclaration declaration;

  /*
   * The class whose source is being lowered, its file, how names resolve in it, and whether
   * instance members are in reach: the method's own, swapped for a callee's while a tensor method
   * of another class of the package is inlined (see StatementLowering.inlineTensorMethod).
   */
  TypeElement owner;

  CompilationUnitTree unit;

  TypeResolver resolver;

  String fileName;

  boolean isInstanceMethod;

  /**
   * How generated code reaches the object whose instance fields are being read: {@code self}, the
   * receiver, or a path to a sub-model ({@code self.encoder}) while one of its methods is inlined.
   */
  String receiverExpression = "self";

  /**
   * The name a leaf read as {@code receiverExpression.field} gets: the field's own on the receiver,
   * prefixed by the sub-model's path on one ({@code encoderHidden} for {@code
   * self.encoder.hidden}), so that two sub-models' leaves read apart.
   */
  String leafName(String field) {
    StringBuilder name = new StringBuilder();
    for (String part : receiverExpression.split("\\.")) {
      if (!part.equals("self")) {
        name.append(name.length() == 0 ? part : capitalized(part));
      }
    }
    return name.length() == 0 ? field : name + capitalized(field);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * Fails with ADJ110 unless the generated class, in the method's package, can name {@code member}
   * (a field or method read by a body written at a call): a member of the method's own package
   * needs only not to be private (checked where it is read); one of another package must be public,
   * and so must every class around it.
   */
  void requireReachable(Element member, Tree where) {
    PackageElement home = elements.getPackageOf(declaration.method());
    PackageElement theirs = elements.getPackageOf(member);
    if (theirs.equals(home)) {
      return;
    }
    for (Element e = member; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        throw new DiagnosticException(
            DiagnosticId.ADJ110,
            where,
            (e == member ? "" : member.getSimpleName() + ": ")
                + e.getSimpleName()
                + " is not public; the generated class, in package "
                + (home.isUnnamed() ? "(unnamed)" : home.getQualifiedName())
                + ", cannot reach it in package "
                + (theirs.isUnnamed() ? "(unnamed)" : theirs.getQualifiedName())
                + ": make it public");
      }
    }
  }

  /** The compilation unit of the method being differentiated, whose trees diagnostics point at. */
  final CompilationUnitTree methodUnit;

  final SourcePositions positions;

  final Trees trees;

  final Names names = new Names();

  /** The source variables in scope: swapped for a fresh one while a callee's body is inlined. */
  Scope scope = new Scope();

  final Set<Value.Var> temporaries = new HashSet<>();

  final Set<Value.Var> inputArrays = new HashSet<>();

  final Map<Long, Tree> sourceMap = new HashMap<>();

  static final Value TRUE = new Value.Const("true", IrType.BOOLEAN);

  static final Value FALSE = new Value.Const("false", IrType.BOOLEAN);

  static final Value ONE = new Value.Const("1", IrType.INT);

  List<Node> out = new ArrayList<>();

  final Set<Scope.Binding> pinned = new HashSet<>();

  int nesting;

  LoweringContext(
      Trees trees,
      Elements elements,
      DerivativeRegistry registry,
      DifferentiableDeclaration declaration,
      CompilationUnitTree unit) {
    this.elements = elements;
    this.registry = registry;
    this.declaration = declaration;
    this.owner = (TypeElement) declaration.method().getEnclosingElement();
    this.unit = unit;
    this.methodUnit = unit;
    this.trees = trees;
    this.positions = trees.getSourcePositions();
    this.resolver = new TypeResolver(elements, unit, owner);
    String path = unit.getSourceFile().getName();
    this.fileName = path.substring(path.lastIndexOf('/') + 1);
    this.isInstanceMethod = !declaration.method().getModifiers().contains(Modifier.STATIC);
  }

  List<Node> capture(Runnable lowering) {
    List<Node> saved = out;
    out = new ArrayList<>();
    scope.enterBlock();
    nesting++;
    try {
      lowering.run();
      return out;
    } finally {
      nesting--;
      scope.exitBlock();
      out = saved;
    }
  }

  // Java's definite assignment rules make an unassigned value unreadable after the branch.
  static Value orDefault(Value.Var var, IrType type) {
    if (var != null) {
      return var;
    }
    // Java's default of the type: a tensor not yet assigned (the result of a method that returns
    // from inside a loop, before it returns) is null, not the number 0
    String none =
        type == IrType.BOOLEAN ? "false" : type.isArray() || type == IrType.TENSOR ? "null" : "0";
    return new Value.Const(none, type);
  }

  Scope.Binding assignable(ExpressionTree target) {
    if (target instanceof IdentifierTree id) {
      Optional<Scope.Binding> binding = scope.lookup(id.getName().toString());
      if (binding.isPresent()) {
        return binding.get();
      }
      throw new DiagnosticException(
          DiagnosticId.ADJ105,
          target,
          "assignment to field '"
              + id.getName()
              + "': @Differentiable methods must not write"
              + " fields; compute into a local variable and return it");
    }
    if (target.getKind() == Tree.Kind.MEMBER_SELECT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ105,
          target,
          "assignment to field '"
              + target
              + "': @Differentiable methods must not write fields;"
              + " compute into a local variable and return it");
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ102, target, "cannot assign to " + target + " in a @Differentiable method");
  }

  Value currentValue(Scope.Binding binding, Tree where) {
    if (binding.current == null) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111, where, "'" + binding.sourceName + "' is read before it is assigned");
    }
    return binding.current;
  }

  /**
   * Gives {@code binding} a new IR variable holding {@code value}. Where {@code value} is the
   * temporary the previous instruction just made, that instruction defines the new variable
   * directly, so generated code reads {@code double y = t1 + b;}, not {@code y = t2;}.
   */
  void assign(Scope.Binding binding, Value value, boolean castAllowed, Tree where) {
    if (binding.type.isArray() || binding.type == IrType.TENSOR || value.type() == IrType.TENSOR) {
      if (value.type() != binding.type) {
        throw new DiagnosticException(
            DiagnosticId.ADJ106,
            where,
            "cannot assign a "
                + value.type().javaName()
                + " to "
                + binding.type.javaName()
                + " '"
                + binding.sourceName
                + "'");
      }
    } else if (binding.type == IrType.BOOLEAN) {
      if (value.type() != IrType.BOOLEAN) {
        throw new DiagnosticException(
            DiagnosticId.ADJ106,
            where,
            "cannot assign a "
                + value.type().javaName()
                + " to boolean '"
                + binding.sourceName
                + "'");
      }
    } else if (!value.type().isNumeric()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          where,
          "cannot assign a "
              + value.type().javaName()
              + " to "
              + binding.type.javaName()
              + " '"
              + binding.sourceName
              + "'");
    }
    // a pinned binding (assigned in a loop) keeps its one variable; others get a new one
    boolean isPinned = pinned.contains(binding) && binding.current != null;
    Value.Var target =
        isPinned
            ? binding.current
            : new Value.Var(names.forSourceVariable(binding.sourceName), binding.type);
    Origin origin = origin(where);
    if (isPinned && value.equals(target)) {
      return; // x = x
    }
    Node last = out.isEmpty() ? null : out.get(out.size() - 1);
    if (value.type() == binding.type
        && value instanceof Value.Var v
        && temporaries.contains(v)
        && last != null
        && last.target().filter(v::equals).isPresent()
        && !(isPinned && readsVariable(last, target))) {
      out.set(out.size() - 1, retarget(last, target));
      temporaries.remove(v);
    } else if (value.type() == binding.type) {
      emit(new Node.Copy(target, value, origin));
    } else {
      // widening (JLS 5.2) or, for compound assignment, the implicit narrowing cast
      emit(new Node.Convert(target, value, origin));
    }
    if (binding.type.isArray()
        && value instanceof Value.Var source
        && inputArrays.contains(source)) {
      inputArrays.add(target); // an alias of an input is an input
    }
    binding.current = target;
    if (!castAllowed
        && !binding.type.acceptsWithoutCast(value.type())
        && !(value instanceof Value.Const)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          where,
          "a "
              + value.type().javaName()
              + " does not fit in "
              + binding.type.javaName()
              + " '"
              + binding.sourceName
              + "' without a cast");
    }
  }

  static boolean readsVariable(Node node, Value.Var var) {
    return dev.adjoint.processor.analysis.ActivityAnalysis.operands(node).contains(var);
  }

  static Node retarget(Node node, Value.Var target) {
    return switch (node) {
      case Node.Apply a -> new Node.Apply(target, a.op(), a.args(), a.mathClass(), a.origin());
      case Node.TensorApply a ->
          new Node.TensorApply(target, a.primitive(), a.args(), a.params(), a.origin());
      case Node.Copy c -> new Node.Copy(target, c.source(), c.origin());
      case Node.Convert c -> new Node.Convert(target, c.source(), c.origin());
      case Node.Operate o -> new Node.Operate(target, o.operator(), o.args(), o.origin());
      case Node.Detach d -> new Node.Detach(target, d.source(), d.origin());
      case Node.CallDifferentiable c ->
          new Node.CallDifferentiable(
              target, c.result(), c.callee(), c.onReceiver(), c.args(), c.origin());
      case Node.CallWithDerivative c ->
          new Node.CallWithDerivative(target, c.callee(), c.args(), c.origin());
      case Node.NewArray n -> new Node.NewArray(target, n.length(), n.origin());
      case Node.ArrayLength n -> new Node.ArrayLength(target, n.array(), n.origin());
      case Node.ArrayLoad n -> new Node.ArrayLoad(target, n.array(), n.index(), n.origin());
      case Node.If i -> throw new IllegalStateException("an if defines no variable");
      case Node.While w -> throw new IllegalStateException("a loop defines no variable");
      case Node.ArrayStore a -> throw new IllegalStateException("a store defines no variable");
      case Node.Return r -> throw new IllegalStateException("a return defines no variable");
    };
  }

  DiagnosticException unsupported(Tree e, String what, String fix) {
    return new DiagnosticException(
        DiagnosticId.ADJ102, e, what + " is not supported in @Differentiable methods; " + fix);
  }

  Value lowerCondition(ExpressionTree e) {
    Value value = lowerExpression(e);
    if (value.type() != IrType.BOOLEAN) {
      throw new DiagnosticException(DiagnosticId.ADJ106, e, "a condition must be boolean");
    }
    return value;
  }

  Value numeric(Value value, Tree where) {
    if (!value.type().isNumeric()) {
      throw new DiagnosticException(DiagnosticId.ADJ106, where, "expected a number, not a boolean");
    }
    return value;
  }

  Value integral(Value value, Tree where) {
    if (value.type() != IrType.INT && value.type() != IrType.LONG) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, where, "this operator needs int or long operands");
    }
    return value;
  }

  Value.Var apply(ElementwiseOp op, IrType type, List<Value> args, String mathClass, Tree where) {
    Value.Var target = temporary(type);
    emit(new Node.Apply(target, op, args, mathClass, origin(where)));
    return target;
  }

  Value.Var operate(JavaOperator op, IrType type, Value a, Value b, Tree where) {
    Value.Var target = temporary(type);
    emit(new Node.Operate(target, op, List.of(a, b), origin(where)));
    return target;
  }

  Value not(Value value, Origin origin) {
    Value.Var negated = temporary(IrType.BOOLEAN);
    emit(new Node.Operate(negated, JavaOperator.NOT, List.of(value), origin));
    return negated;
  }

  static Node copyOrConvert(Value.Var target, Value value, Origin origin) {
    return value.type() == target.type()
        ? new Node.Copy(target, value, origin)
        : new Node.Convert(target, value, origin);
  }

  IrType irTypeOf(Tree type, Tree where) {
    if (type instanceof PrimitiveTypeTree primitive) {
      return switch (primitive.getPrimitiveTypeKind()) {
        case DOUBLE -> IrType.DOUBLE;
        case FLOAT -> IrType.FLOAT;
        case LONG -> IrType.LONG;
        case INT, SHORT, BYTE, CHAR -> IrType.INT;
        case BOOLEAN -> IrType.BOOLEAN;
        default ->
            throw new DiagnosticException(
                DiagnosticId.ADJ106, where, "type " + primitive + " is not supported");
      };
    }
    if (type instanceof ArrayTypeTree array && array.getType() instanceof PrimitiveTypeTree) {
      return irTypeOf(array.getType(), where).arrayType();
    }
    if (type instanceof ArrayTypeTree matrix
        && matrix.getType() instanceof ArrayTypeTree row
        && row.getType() instanceof PrimitiveTypeTree) {
      IrType rowType = irTypeOf(row, where);
      if (rowType == IrType.DOUBLE_ARRAY || rowType == IrType.FLOAT_ARRAY) {
        return rowType.arrayType();
      }
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ106,
        type,
        "type "
            + type
            + " is not supported; @Differentiable methods compute with double, float,"
            + " int, long and boolean values and one-dimensional arrays of them");
  }

  // ---------------------------------------------------------------- bookkeeping

  Value.Var temporary(IrType type) {
    Value.Var var = new Value.Var(names.temporary(), type);
    temporaries.add(var);
    return var;
  }

  void emit(Node node) {
    out.add(node);
  }

  Origin origin(Tree tree) {
    long position = positions.getStartPosition(unit, tree);
    if (unit == methodUnit) {
      // positions are per file: another file's would name a wrong place in this one
      sourceMap.putIfAbsent(position, tree);
    }
    long line = position < 0 ? 0 : unit.getLineMap().getLineNumber(position);
    return new Origin(fileName, line, position);
  }

  String sourceText(Tree tree) {
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    try {
      CharSequence content = unit.getSourceFile().getCharContent(true);
      if (start >= 0 && end > start && end <= content.length()) {
        return content.subSequence((int) start, (int) end).toString();
      }
    } catch (IOException e) {
      // fall through to the tree's own rendering
    }
    return tree instanceof LiteralTree literal
        ? JavaLiterals.of(literal.getValue())
        : tree.toString();
  }
}
