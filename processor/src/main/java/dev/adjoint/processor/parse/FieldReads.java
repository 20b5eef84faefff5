package dev.adjoint.processor.parse;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Value;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Names and fields: what an identifier or {@code a.b} denotes (a local, a field of the receiver, a
 * static field of a class, a static import), resolved from the compilation unit, since bodies are
 * not attributed during annotation processing. A field read is a constant for differentiation; a
 * tensor field is a leaf, differentiated like a parameter.
 */
final class FieldReads {
  private final Trees trees;
  private final Elements elements;
  private final Reachability reachability;

  private final ObjectParameters objects;

  FieldReads(Trees trees, Elements elements, Reachability reachability) {
    this.trees = trees;
    this.elements = elements;
    this.reachability = reachability;
    this.objects = new ObjectParameters(trees, elements, reachability);
  }

  /** Reads through parameters that are records or objects of final classes. */
  ObjectParameters objects() {
    return objects;
  }

  Value name(IdentifierTree id, Frame frame) {
    String name = id.getName().toString();
    Optional<Scope.Binding> local = frame.scope().lookup(name);
    if (local.isPresent()) {
      return Assignments.read(local.get(), id);
    }
    Optional<VariableElement> field = find(frame.source().owner(), name);
    if (field.isPresent()) {
      return value(field.get(), id, true, frame);
    }
    for (TypeElement imported : frame.source().resolver().staticImportsOf(name)) {
      Optional<VariableElement> f = find(imported, name);
      if (f.isPresent()) {
        return value(f.get(), id, false, frame);
      }
    }
    throw new DiagnosticException(DiagnosticId.ADJ111, id, "cannot resolve '" + name + "'");
  }

  /** {@code this.field} or {@code Type.field}. */
  Value memberSelect(MemberSelectTree select, Frame frame) {
    String member = select.getIdentifier().toString();
    ExpressionTree qualifier = select.getExpression();
    if (isThis(qualifier)) {
      VariableElement field =
          find(frame.source().owner(), member)
              .orElseThrow(
                  () ->
                      new DiagnosticException(
                          DiagnosticId.ADJ111, select, "no field '" + member + "' in this class"));
      return value(field, select, true, frame);
    }
    if (qualifier instanceof IdentifierTree id) {
      Optional<Scope.Binding> local = frame.scope().lookup(id.getName().toString());
      if (local.isPresent() && local.get().type == IrType.OBJECT) {
        return objects.field(select, local.get(), frame);
      }
    }
    Optional<TypeElement> type = typeNamed(qualifier, frame);
    if (type.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          select,
          "cannot resolve '"
              + select
              + "': only static fields of"
              + " classes and fields of this are supported");
    }
    VariableElement field =
        find(type.get(), member)
            .orElseThrow(
                () ->
                    new DiagnosticException(
                        DiagnosticId.ADJ111,
                        select,
                        "no field '" + member + "' in " + type.get().getQualifiedName()));
    return value(field, select, false, frame);
  }

  /**
   * {@code field != null} or {@code field == null} for an object held in an instance field of the
   * receiver (an optional sub-model or layer, such as a residual block's {@code downsample}): a
   * boolean no differentiated input changes, read where the code runs (through the sub-model a
   * method is written at); empty for any other comparison.
   */
  Optional<Value> presence(BinaryTree test, Frame frame) {
    if (test.getKind() != Tree.Kind.EQUAL_TO && test.getKind() != Tree.Kind.NOT_EQUAL_TO) {
      return Optional.empty();
    }
    ExpressionTree other;
    if (test.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL) {
      other = test.getLeftOperand();
    } else if (test.getLeftOperand().getKind() == Tree.Kind.NULL_LITERAL) {
      other = test.getRightOperand();
    } else {
      return Optional.empty();
    }
    String name;
    if (other instanceof IdentifierTree id
        && frame.scope().lookup(id.getName().toString()).isEmpty()) {
      name = id.getName().toString();
    } else if (other instanceof MemberSelectTree select && isThis(select.getExpression())) {
      name = select.getIdentifier().toString();
    } else {
      return Optional.empty();
    }
    Optional<VariableElement> field = find(frame.source().owner(), name);
    if (field.isEmpty() || field.get().asType().getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    if (field.get().getModifiers().contains(Modifier.PRIVATE)) {
      throw privateField(field.get(), test);
    }
    requireInstance(field.get(), test, frame);
    reachability.require(field.get(), test, frame);
    Value present = Value.Const.of(FieldRef.ofReceiver(name).presenceTest(), IrType.BOOLEAN);
    return Optional.of(
        test.getKind() == Tree.Kind.NOT_EQUAL_TO
            ? present
            : Operators.not(present, frame.origin(test), frame));
  }

  /** The class a name denotes, unless its first part is a local variable, which obscures it. */
  static Optional<TypeElement> typeNamed(Tree name, Frame frame) {
    Optional<List<String>> parts = TypeResolver.parts(name);
    if (parts.isEmpty() || frame.scope().lookup(parts.get().get(0)).isPresent()) {
      return Optional.empty();
    }
    return frame.source().resolver().resolve(parts.get());
  }

  static boolean isThis(Tree tree) {
    return tree instanceof IdentifierTree id && id.getName().contentEquals("this");
  }

  /** The field {@code name} of {@code type}, declared or inherited. */
  Optional<VariableElement> find(TypeElement type, String name) {
    return ElementFilter.fieldsIn(elements.getAllMembers(type)).stream()
        .filter(f -> f.getSimpleName().contentEquals(name))
        .findFirst();
  }

  /**
   * A field read: a constant for differentiation. Compile-time constants that the generated class
   * cannot reach are inlined; other fields are read through the class or the receiver.
   */
  Value value(VariableElement field, Tree where, boolean unqualified, Frame frame) {
    if (isTensor(field)) {
      return tensor(field, where, frame);
    }
    IrType type =
        Types2Ir.of(field.asType())
            .orElseThrow(
                () ->
                    new DiagnosticException(
                        DiagnosticId.ADJ106,
                        where,
                        "field '"
                            + field.getSimpleName()
                            + "' has type "
                            + field.asType()
                            + "; @Differentiable methods read double, float, int, long and"
                            + " boolean fields"));
    boolean isStatic = field.getModifiers().contains(Modifier.STATIC);
    boolean reachable = !field.getModifiers().contains(Modifier.PRIVATE);
    Object constant = field.getConstantValue();
    if (constant != null && (!reachable || isStatic && unqualified)) {
      return new Value.Const(JavaLiterals.of(constant), type);
    }
    String name = field.getSimpleName().toString();
    if (!reachable) {
      // a record's component: its field is private, its accessor returns it
      Optional<ExecutableElement> accessor = recordAccessor(field);
      if (accessor.isEmpty()) {
        throw privateField(field, where);
      }
      if (trees.getTree(accessor.get()) != null) {
        // javac has a tree only for an accessor the record declares: it may compute otherwise
        throw new DiagnosticException(
            DiagnosticId.ADJ110,
            where,
            "record component '"
                + name
                + "' is a private field, and its accessor "
                + name
                + "() is declared in the record, so it may return something else; read it through"
                + " a method of the record that returns it, double "
                + name
                + "Component() { return "
                + name
                + "; }, called as "
                + name
                + "Component()");
      }
      requireInstance(field, where, frame);
      return accessorValue(accessor.get(), type);
    }
    reachability.require(field, where, frame);
    if (isStatic) {
      TypeElement declaring = (TypeElement) field.getEnclosingElement();
      return Value.Const.of(
          FieldRef.ofStatic(reachability.sourceName(declaring, frame), name), type);
    }
    requireInstance(field, where, frame);
    return Value.Const.of(FieldRef.ofReceiver(name), type);
  }

  /** The accessor of {@code field}, if it is a record's component. */
  private Optional<ExecutableElement> recordAccessor(VariableElement field) {
    if (!(field.getEnclosingElement() instanceof TypeElement record)
        || record.getKind() != ElementKind.RECORD
        || field.getModifiers().contains(Modifier.STATIC)) {
      return Optional.empty();
    }
    return record.getRecordComponents().stream()
        .filter(c -> c.getSimpleName().equals(field.getSimpleName()))
        .map(RecordComponentElement::getAccessor)
        .findFirst();
  }

  /**
   * {@code this.method()}, a method of the receiver without arguments that is not
   * {@code @Differentiable} (a record's accessor, a getter): it reads only the receiver, so, like a
   * field, it is a constant for the gradient.
   */
  static Value accessorValue(ExecutableElement method, IrType type) {
    return Value.Const.of(FieldRef.ofReceiverCall(method.getSimpleName().toString()), type);
  }

  /**
   * A call {@code method()} on the receiver, to a method without parameters that is not {@code
   * Differentiable}: an accessor, a constant like a field (see {@link #accessorValue}); empty for
   * one returning a tensor, which is not an accessor of data.
   */
  Optional<Value> receiverCall(ExecutableElement method, Tree where, Frame frame) {
    Optional<IrType> type = Types2Ir.of(method.getReturnType());
    if (type.isEmpty() || type.get() == IrType.TENSOR) {
      return Optional.empty();
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          where,
          method.getSimpleName()
              + " is private; the generated class cannot call it: make it"
              + " package-private");
    }
    reachability.require(method, where, frame);
    return Optional.of(accessorValue(method, type.get()));
  }

  /** A read of tensor field {@code field}, the receiver's or the class's: a leaf. */
  Value.Var tensor(VariableElement field, Tree where, Frame frame) {
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      throw privateField(field, where);
    }
    reachability.require(field, where, frame);
    String name = field.getSimpleName().toString();
    if (field.getModifiers().contains(Modifier.STATIC)) {
      // a tensor held by the class: a leaf like the receiver's, so that one that requires grad
      // gets its gradient as on the tape; data, which does not, costs one flag test
      TypeElement declaring = (TypeElement) field.getEnclosingElement();
      return frame
          .state()
          .leaves
          .leaf(FieldRef.ofStatic(reachability.sourceName(declaring, frame), name));
    }
    requireInstance(field, where, frame);
    return frame.state().leaves.leaf(FieldRef.ofReceiver(name));
  }

  /** Whether the field holds a tensor. */
  static boolean isTensor(VariableElement field) {
    return isOfClass(field, IrType.TENSOR_CLASS);
  }

  private static boolean isOfClass(VariableElement field, String qualifiedName) {
    return field.asType().getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) field.asType()).asElement())
            .getQualifiedName()
            .contentEquals(qualifiedName);
  }

  static void requireInstance(VariableElement field, Tree where, Frame frame) {
    if (!frame.source().isInstance()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          where,
          "instance field '" + field.getSimpleName() + "' read from a static method");
    }
  }

  private static DiagnosticException privateField(VariableElement field, Tree where) {
    return new DiagnosticException(
        DiagnosticId.ADJ110,
        where,
        "field '"
            + field.getSimpleName()
            + "' is private; the generated class cannot read it: make it package-private");
  }
}
