package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.List;
import java.util.Optional;

/**
 * Arrays: element reads and writes, lengths, and new arrays. A row of a two-dimensional array is
 * the same data as the array, so a row of an input is an input; an input array is the caller's
 * data, which a {@code @Differentiable} method must not write.
 */
final class ArrayAccess {
  private final Expressions expressions;

  ArrayAccess(Expressions expressions) {
    this.expressions = expressions;
  }

  /** An array element being read or written: the array variable and the index value. */
  record ElementRef(Value.Var array, Value index) {}

  ElementRef element(ArrayAccessTree access, Frame frame) {
    Value array = local(expressions.lower(access.getExpression(), frame), access, frame);
    if (!(array instanceof Value.Var arrayVar) || !array.type().isArray()) {
      throw Typing.unsupported(
          access, "indexing anything but an array variable", "index a parameter or a local array");
    }
    Value index = expressions.lower(access.getIndex(), frame);
    if (index.type() != IrType.INT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, access.getIndex(), "an array index must be an int");
    }
    return new ElementRef(arrayVar, index);
  }

  Value load(ElementRef ref, Tree where, Frame frame) {
    Value.Var element = frame.temporary(ref.array().type().elementType());
    frame.emit(new Node.ArrayLoad(element, ref.array(), ref.index(), frame.origin(where)));
    if (element.type().isArray()) {
      // a row of a two-dimensional array: the same data, so a row of an input is an input
      frame.state().markRow(element, where);
      if (frame.state().isInput(ref.array())) {
        frame.state().markInput(element);
      }
    }
    return element;
  }

  void store(ElementRef ref, Value value, boolean castAllowed, Tree where, Frame frame) {
    if (frame.state().isField(ref.array())) {
      throw new DiagnosticException(
          DiagnosticId.ADJ105,
          where,
          "'"
              + frame.state().describe(ref.array())
              + "' is a field's array, and @Differentiable methods must not write fields; write"
              + " a copy, double[] c = "
              + frame.state().describe(ref.array())
              + ".clone()");
    }
    if (frame.state().isInput(ref.array())) {
      throw new DiagnosticException(
          DiagnosticId.ADJ112,
          where,
          "'"
              + frame.state().describe(ref.array())
              + "' is an input array, and @Differentiable methods must not"
              + " write their inputs (the caller's data); write a copy, double[] c = "
              + frame.state().describe(ref.array())
              + ".clone(), or, if the method may overwrite the caller's array, annotate the"
              + " parameter @Owned");
    }
    IrType elementType = ref.array().type().elementType();
    if (!castAllowed) {
      Typing.requireFits(elementType, value, "a " + elementType.javaName() + " element", where);
    }
    Value stored = value;
    if (value.type() != elementType) {
      Value.Var converted = frame.temporary(elementType);
      frame.emit(new Node.Convert(converted, value, frame.origin(where)));
      stored = converted;
    }
    frame.emit(new Node.ArrayStore(ref.array(), ref.index(), stored, frame.origin(where)));
  }

  /** {@code array.length} of a local array or of a row ({@code m[i].length}); else empty. */
  Optional<Value> length(MemberSelectTree select, Frame frame) {
    if (!select.getIdentifier().contentEquals("length")) {
      return Optional.empty();
    }
    ExpressionTree qualifier = select.getExpression();
    Value array = null;
    if (qualifier instanceof IdentifierTree name
        && frame
            .scope()
            .lookup(name.getName().toString())
            .filter(b -> b.type.isArray())
            .isPresent()) {
      array = expressions.lower(name, frame);
    } else if (qualifier instanceof ArrayAccessTree) {
      array = expressions.lower(qualifier, frame); // m[i].length: the length of a row
    } else if ((qualifier instanceof IdentifierTree || qualifier instanceof MemberSelectTree)
        && FieldReads.typeNamed(qualifier, frame).isEmpty()) {
      // a field's array (COEF.length, this.weights.length); reading a field emits nothing
      array = local(expressions.lower(qualifier, frame), select, frame);
    }
    if (!(array instanceof Value.Var var) || !var.type().isArray()) {
      return Optional.empty();
    }
    Value.Var length = frame.temporary(IrType.INT);
    frame.emit(new Node.ArrayLength(length, var, frame.origin(select)));
    return Optional.of(length);
  }

  /**
   * An array field's value (a coefficient table, {@code static final double[] COEF}, or an array
   * field of the receiver) in a local variable, which generated code indexes; the array is the
   * field's data, which must not be written (ADJ105). Other values are returned as they are.
   */
  static Value local(Value value, Tree where, Frame frame) {
    if (!(value instanceof Value.Const field) || !value.type().isArray()) {
      return value;
    }
    String name = field.field().map(f -> f.fields().getLast()).orElse("array");
    Value.Var local = new Value.Var(frame.state().names.fresh(name), value.type());
    frame.emit(new Node.Copy(local, value, frame.origin(where)));
    frame.state().markField(local, fieldName(field));
    return local;
  }

  /**
   * A field read as the user writes it: {@code weights} for the receiver's, {@code Tables.COEF}.
   */
  static String fieldName(Value.Const field) {
    return field.field().filter(FieldRef::throughReceiver).isPresent()
        ? String.join(".", field.field().get().fields())
        : field.javaExpression();
  }

  /**
   * {@code new T[n]}, {@code new T[] {…}}, or the shorthand {@code {…}}, whose element type {@code
   * shorthandElementType} comes from the declaration it initializes.
   */
  Value newArray(NewArrayTree tree, IrType shorthandElementType, Frame frame) {
    if (tree.getType() == null && tree.getInitializers() == null) {
      throw Typing.unsupported(tree, "this array creation", "write new double[n]");
    }
    if (tree.getDimensions().size() > 1 || tree.getType() instanceof ArrayTypeTree) {
      throw Typing.unsupported(
          tree,
          "multi-dimensional arrays",
          "use a one-dimensional array and index" + " it as row * columns + column");
    }
    IrType elementType =
        tree.getType() == null ? shorthandElementType : Typing.of(tree.getType(), tree);
    Value.Var array = frame.temporary(elementType.arrayType());
    Origin origin = frame.origin(tree);
    if (tree.getInitializers() != null) {
      List<? extends ExpressionTree> items = tree.getInitializers();
      frame.emit(
          new Node.NewArray(
              array, new Value.Const(Integer.toString(items.size()), IrType.INT), origin));
      for (int i = 0; i < items.size(); i++) {
        Value item = expressions.lower(items.get(i), frame);
        store(
            new ElementRef(array, new Value.Const(Integer.toString(i), IrType.INT)),
            item,
            false,
            items.get(i),
            frame);
      }
      return array;
    }
    Value length = expressions.lower(tree.getDimensions().get(0), frame);
    if (length.type() != IrType.INT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, tree.getDimensions().get(0), "an array length must be an int");
    }
    frame.emit(new Node.NewArray(array, length, origin));
    return array;
  }
}
