package dev.adjoint.processor.parse;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The JDK's array copies and fills, {@code x.clone()}, {@code Arrays.copyOf(x, n)}, {@code
 * System.arraycopy(src, sp, dst, dp, n)}, {@code Arrays.fill(a, v)} and {@code Arrays.fill(a, from,
 * to, v)}, lowered to the loops they stand for, so that the gradient flows element by element as
 * through the loops a user would write.
 */
final class ArrayCopies {
  /** The value of a call to a {@code void} method: a statement's, which nothing reads. */
  static final Value NO_VALUE = new Value.Const("0", IrType.INT);

  private static final Value ZERO = new Value.Const("0", IrType.INT);
  private static final Value ONE = new Value.Const("1", IrType.INT);

  private final ArrayAccess arrays;

  ArrayCopies(ArrayAccess arrays) {
    this.arrays = arrays;
  }

  /** Whether {@code owner.name} with {@code arity} arguments is a copy or fill lowered here. */
  static boolean handles(String owner, String name, int arity) {
    return switch (owner) {
      case "java.util.Arrays" ->
          name.equals("copyOf") && arity == 2 || name.equals("fill") && (arity == 2 || arity == 4);
      case "java.lang.System" -> name.equals("arraycopy") && arity == 5;
      default -> false;
    };
  }

  /** A call {@link #handles} accepts, its arguments lowered. */
  Value staticCall(MethodInvocationTree call, String name, List<Value> args, Frame frame) {
    return switch (name) {
      case "copyOf" -> copyOf(args.get(0), index(args.get(1), call), call, frame);
      case "arraycopy" -> {
        arraycopy(
            args.get(0),
            index(args.get(1), call),
            args.get(2),
            index(args.get(3), call),
            index(args.get(4), call),
            call,
            frame);
        yield NO_VALUE;
      }
      default -> {
        Value.Var array = array(args.get(0), call, frame);
        if (args.size() == 2) {
          Value.Var length = frame.temporary(IrType.INT);
          frame.emit(new Node.ArrayLength(length, array, frame.origin(call)));
          fill(array, ZERO, length, args.get(1), call, frame);
        } else {
          fill(array, index(args.get(1), call), index(args.get(2), call), args.get(3), call, frame);
        }
        yield NO_VALUE;
      }
    };
  }

  /** {@code array.clone()}: a new array of the same length with the same elements. */
  Value.Var cloneOf(Value array, Tree where, Frame frame) {
    Value.Var source = array(array, where, frame);
    Value.Var length = frame.temporary(IrType.INT);
    frame.emit(new Node.ArrayLength(length, source, frame.origin(where)));
    Value.Var copy = frame.temporary(source.type());
    frame.emit(new Node.NewArray(copy, length, frame.origin(where)));
    copyElements(source, ZERO, copy, ZERO, length, false, where, frame);
    return copy;
  }

  /** {@code Arrays.copyOf(array, n)}: the first n elements, padded with zeros. */
  private Value.Var copyOf(Value array, Value length, Tree where, Frame frame) {
    Value.Var source = array(array, where, frame);
    Value.Var copy = frame.temporary(source.type());
    frame.emit(new Node.NewArray(copy, length, frame.origin(where)));
    Value.Var available = frame.temporary(IrType.INT);
    frame.emit(new Node.ArrayLength(available, source, frame.origin(where)));
    Value count =
        Operators.apply(
            ElementwiseOp.MIN, IrType.INT, List.of(length, available), "Math", where, frame);
    copyElements(source, ZERO, copy, ZERO, count, false, where, frame);
    return copy;
  }

  /**
   * {@code System.arraycopy}, which copies as if through a temporary array: where the two ranges
   * may overlap in one array, a copy to a higher position runs from the last element down.
   */
  private void arraycopy(
      Value src, Value srcPos, Value dst, Value dstPos, Value count, Tree where, Frame frame) {
    Value.Var source = array(src, where, frame);
    Value.Var target = array(dst, where, frame);
    if (source.type() != target.type()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          where,
          "System.arraycopy from a "
              + source.type().javaName()
              + " to a "
              + target.type().javaName()
              + ": the arrays must have the same element type");
    }
    Optional<Integer> from = literal(srcPos);
    Optional<Integer> to = literal(dstPos);
    if (from.isPresent() && to.isPresent()) {
      // positions written as numbers: the direction is known here
      copyElements(source, srcPos, target, dstPos, count, to.get() > from.get(), where, frame);
      return;
    }
    Origin origin = frame.origin(where);
    Value upward =
        Operators.operate(JavaOperator.GREATER, IrType.BOOLEAN, dstPos, srcPos, where, frame);
    Frame down = frame.nested();
    copyElements(source, srcPos, target, dstPos, count, true, where, down);
    Frame up = frame.nested();
    copyElements(source, srcPos, target, dstPos, count, false, where, up);
    frame.emit(new Node.If(upward, down.block().nodes(), up.block().nodes(), origin));
  }

  /** {@code array[from..to) = value}. */
  private void fill(Value.Var array, Value from, Value to, Value value, Tree where, Frame frame) {
    Value count = Operators.binary(Tree.Kind.MINUS, to, from, where, frame);
    times(
        count,
        where,
        frame,
        (k, body) ->
            arrays.store(
                new ArrayAccess.ElementRef(array, offset(from, k, where, body)),
                value,
                false,
                where,
                body));
  }

  /** {@code target[dp + i] = source[sp + i]} for i below count, in order or last first. */
  private void copyElements(
      Value.Var source,
      Value srcPos,
      Value.Var target,
      Value dstPos,
      Value count,
      boolean lastFirst,
      Tree where,
      Frame frame) {
    Value last = lastFirst ? Operators.binary(Tree.Kind.MINUS, count, ONE, where, frame) : null;
    times(
        count,
        where,
        frame,
        (k, body) -> {
          Value i = lastFirst ? Operators.binary(Tree.Kind.MINUS, last, k, where, body) : k;
          Value.Var element = body.temporary(source.type().elementType());
          body.emit(
              new Node.ArrayLoad(
                  element, source, offset(srcPos, i, where, body), body.origin(where)));
          arrays.store(
              new ArrayAccess.ElementRef(target, offset(dstPos, i, where, body)),
              element,
              false,
              where,
              body);
        });
  }

  /** {@code for (int k = 0; k < count; k++) body(k)}. */
  private static void times(
      Value count, Tree where, Frame frame, BiConsumer<Value.Var, Frame> body) {
    Origin origin = frame.origin(where);
    Value.Var k = new Value.Var(frame.state().names.fresh("k"), IrType.INT);
    frame.emit(new Node.Copy(k, ZERO, origin));
    Block condition = new Block();
    Value test =
        Operators.operate(
            JavaOperator.LESS, IrType.BOOLEAN, k, count, where, frame.into(condition));
    Frame inBody = frame.nested();
    body.accept(k, inBody);
    inBody.emit(new Node.Copy(k, Operators.binary(Tree.Kind.PLUS, k, ONE, where, inBody), origin));
    frame.emit(new Node.While(condition.nodes(), test, inBody.block().nodes(), origin));
  }

  private static Optional<Integer> literal(Value value) {
    if (value instanceof Value.Const c && c.field().isEmpty()) {
      try {
        return Optional.of(Integer.parseInt(c.javaExpression()));
      } catch (NumberFormatException e) {
        return Optional.empty(); // a constant expression other than a literal
      }
    }
    return Optional.empty();
  }

  private static Value offset(Value base, Value i, Tree where, Frame frame) {
    return base.equals(ZERO) ? i : Operators.binary(Tree.Kind.PLUS, base, i, where, frame);
  }

  private static Value.Var array(Value value, Tree where, Frame frame) {
    if (ArrayAccess.local(value, where, frame) instanceof Value.Var array
        && array.type().isArray()) {
      return array;
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ106, where, "expected an array, not a " + value.type().javaName());
  }

  private static Value index(Value value, Tree where) {
    if (value.type() != IrType.INT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, where, "an array position or length must be an int");
    }
    return value;
  }
}
