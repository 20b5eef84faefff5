package dev.adjoint.processor.parse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.Arrays;
import java.util.Optional;

/**
 * Source variables and their IR variables: reading a variable's current value, and assigning one,
 * which (outside loops) makes a new IR variable, so that straight-line code is in single-assignment
 * form and every value the reverse sweep needs is still there when it runs.
 */
final class Assignments {
  private Assignments() {}

  /** The binding a source assignment writes; a field or anything else is a diagnostic. */
  static Scope.Binding assignable(ExpressionTree target, Frame frame) {
    if (target instanceof IdentifierTree id) {
      Optional<Scope.Binding> binding = frame.scope().lookup(id.getName().toString());
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

  /** The value {@code binding} holds; reading it before it is assigned is a diagnostic. */
  static Value read(Scope.Binding binding, Tree where) {
    if (binding.current == null) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111, where, "'" + binding.sourceName + "' is read before it is assigned");
    }
    return binding.current;
  }

  /**
   * Gives {@code binding} a new IR variable holding {@code value} (a binding pinned by a loop keeps
   * its one variable). Where {@code value} is the temporary the previous node just made, that node
   * defines the variable directly, so generated code reads {@code double y = t1 + b;}, not {@code y
   * = t2;}.
   */
  static void assign(
      Scope.Binding binding, Value value, boolean castAllowed, Tree where, Frame frame) {
    checkAssignable(binding, value, where);
    boolean isPinned = frame.control().isPinned(binding) && binding.current != null;
    Value.Var target =
        isPinned
            ? binding.current
            : new Value.Var(
                frame.state().names.forSourceVariable(binding.sourceName), binding.type);
    if (isPinned && value.equals(target)) {
      return; // x = x
    }
    FunctionState state = frame.state();
    Origin origin = frame.origin(where);
    Optional<Node> last = frame.block().last();
    if (value.type() == binding.type
        && value instanceof Value.Var v
        && state.isTemporary(v)
        && last.flatMap(Node::target).filter(v::equals).isPresent()
        && !(isPinned && ActivityAnalysis.operands(last.get()).contains(target))) {
      frame.block().replaceLast(retarget(last.get(), target));
      state.forget(v);
    } else if (value.type() == binding.type) {
      frame.emit(new Node.Copy(target, value, origin));
    } else {
      // widening (JLS 5.2) or, for compound assignment, the implicit narrowing cast
      frame.emit(new Node.Convert(target, value, origin));
    }
    if (binding.type.isArray() && value instanceof Value.Var source && state.isInput(source)) {
      state.markInput(target); // an alias of an input is an input
      state.markAlias(target, source);
    }
    if (binding.type.isArray() && value instanceof Value.Const field) {
      state.markField(target, ArrayAccess.fieldName(field)); // the field's data: not to be written
    } else if (binding.type.isArray()
        && value instanceof Value.Var source
        && state.isField(source)) {
      state.markField(target, state.describe(source));
    }
    binding.current = target;
    if (!castAllowed) {
      Typing.requireFits(
          binding.type, value, binding.type.javaName() + " '" + binding.sourceName + "'", where);
    }
  }

  /**
   * An array variable may be reassigned (buffers swapped in a loop, {@code double[] t = cur; cur =
   * nxt; nxt = t;}) when neither its value nor the new one is an input's or a field's array: else a
   * swap would hand the caller's data to a variable the method writes (ADJ112).
   */
  static void requireOwnArrays(Scope.Binding binding, Value value, Tree where, Frame frame) {
    FunctionState state = frame.state();
    for (Value held : Arrays.asList(binding.current, value)) {
      boolean caller =
          held instanceof Value.Const
              || held instanceof Value.Var v && (state.isInput(v) || state.isField(v));
      if (caller) {
        String what =
            held instanceof Value.Var v
                ? state.callerArray(v)
                : ArrayAccess.fieldName((Value.Const) held);
        throw new DiagnosticException(
            DiagnosticId.ADJ112,
            where,
            "array variable '"
                + binding.sourceName
                + "' is reassigned, and "
                + (held == value ? "the new value" : "its value")
                + " holds '"
                + what
                + "', an input's or a field's array, which @Differentiable methods must not"
                + " write: hold a copy instead, "
                + what
                + ".clone()");
      }
    }
  }

  private static void checkAssignable(Scope.Binding binding, Value value, Tree where) {
    if (binding.type == IrType.OBJECT || value.type() == IrType.OBJECT) {
      throw Typing.unsupported(
          where,
          "assigning a record or object parameter ('" + binding.sourceName + "')",
          "read the values you need from the parameters themselves");
    }
    boolean fits;
    if (binding.type.isArray() || binding.type == IrType.TENSOR || value.type() == IrType.TENSOR) {
      fits = value.type() == binding.type;
    } else if (binding.type == IrType.BOOLEAN) {
      fits = value.type() == IrType.BOOLEAN;
    } else {
      fits = value.type().isNumeric();
    }
    if (!fits) {
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
  }

  /**
   * A variable the lowering adds (a jump flag, a loop counter), declared in the frame's scope under
   * {@code name}, which the supply keeps from temporaries.
   */
  static Scope.Binding synthetic(String name, IrType type, Frame frame) {
    Scope.Binding binding = new Scope.Binding(name, type, null);
    frame.state().names.reserve(name);
    frame.scope().declare(binding);
    return binding;
  }

  /** Java's default of {@code type} where no value was assigned on a path (definite assignment). */
  static Value orDefault(Value.Var var, IrType type) {
    if (var != null) {
      return var;
    }
    // a tensor not yet assigned (the result of a method that returns from inside a loop, before
    // it returns) is null, not the number 0
    String none =
        type == IrType.BOOLEAN ? "false" : type.isArray() || type == IrType.TENSOR ? "null" : "0";
    return new Value.Const(none, type);
  }

  static Node copyOrConvert(Value.Var target, Value value, Origin origin) {
    return value.type() == target.type()
        ? new Node.Copy(target, value, origin)
        : new Node.Convert(target, value, origin);
  }

  /** {@code node}, defining {@code target} instead of its own variable. */
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
              target,
              c.result(),
              c.callee(),
              c.onReceiver(),
              c.args(),
              c.argumentSources(),
              c.origin());
      case Node.CallWithDerivative c ->
          new Node.CallWithDerivative(
              target, c.callee(), c.args(), c.argumentSources(), c.origin());
      case Node.NewArray n -> new Node.NewArray(target, n.length(), n.origin());
      case Node.ArrayLength n -> new Node.ArrayLength(target, n.array(), n.origin());
      case Node.ArrayLoad n -> new Node.ArrayLoad(target, n.array(), n.index(), n.origin());
      case Node.ElementRead n ->
          new Node.ElementRead(target, n.read(), n.index(), n.leaf(), n.origin());
      case Node.If i -> throw new IllegalStateException("an if defines no variable");
      case Node.While w -> throw new IllegalStateException("a loop defines no variable");
      case Node.ArrayStore a -> throw new IllegalStateException("a store defines no variable");
      case Node.Return r -> throw new IllegalStateException("a return defines no variable");
      case Node.Throw t -> throw new IllegalStateException("a throw defines no variable");
    };
  }
}
