package dev.adjoint.processor.parse;

import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.ObjectRead;
import dev.adjoint.processor.ir.Value;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Parameters that are records or objects of final classes ({@code energy(Point p, double k)}):
 * constants for the gradient. No partial is taken with respect to them (the generated record has no
 * component for them); what the body reads through them, a field ({@code p.x}) or a method without
 * arguments ({@code p.x()}, a getter), is a constant read where the generated code runs. Such a
 * read cannot depend on a differentiated value, since nothing differentiated is passed in.
 */
final class ObjectParameters {
  private final Trees trees;
  private final Elements elements;
  private final Reachability reachability;

  ObjectParameters(Trees trees, Elements elements, Reachability reachability) {
    this.trees = trees;
    this.elements = elements;
    this.reachability = reachability;
  }

  /**
   * The class of a parameter type read as constants: a record, or a final class, of the user's (not
   * {@code java.*}, whose final classes include the boxed numbers, which would then silently get no
   * derivative), not generic; empty for any other type.
   */
  static Optional<TypeElement> constantClass(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED
        || !((DeclaredType) type).getTypeArguments().isEmpty()) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    String name = element.getQualifiedName().toString();
    boolean kind =
        element.getKind() == ElementKind.RECORD
            || element.getKind() == ElementKind.CLASS
                && element.getModifiers().contains(Modifier.FINAL);
    if (!kind
        || name.equals(IrType.TENSOR_CLASS)
        || name.startsWith("java.")
        || name.startsWith("javax.")) {
      return Optional.empty();
    }
    return Optional.of(element);
  }

  /** {@code p.name}: a field of the object, read as a constant. */
  Value field(MemberSelectTree select, Scope.Binding parameter, Frame frame) {
    TypeElement type = classOf(parameter, select, frame);
    String name = select.getIdentifier().toString();
    VariableElement field =
        ElementFilter.fieldsIn(elements.getAllMembers(type)).stream()
            .filter(f -> f.getSimpleName().contentEquals(name))
            .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
            .findFirst()
            .orElseThrow(
                () ->
                    new DiagnosticException(
                        DiagnosticId.ADJ111,
                        select,
                        "no instance field '" + name + "' in " + type.getQualifiedName()));
    IrType valueType = scalar(field.asType(), select, "field " + name);
    if (!field.getModifiers().contains(Modifier.PRIVATE)) {
      reachability.require(field, select, frame);
      return read(parameter, name, valueType);
    }
    // a record's component: its field is private, its implicit accessor returns it
    Optional<ExecutableElement> accessor =
        type.getKind() != ElementKind.RECORD
            ? Optional.empty()
            : type.getRecordComponents().stream()
                .filter(c -> c.getSimpleName().contentEquals(name))
                .map(RecordComponentElement::getAccessor)
                .findFirst()
                .filter(a -> trees.getTree(a) == null); // one the record declares may differ
    if (accessor.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          select,
          "field '"
              + name
              + "' of "
              + type.getSimpleName()
              + " is private; the generated class cannot read it: make it package-private, or"
              + " call a method of "
              + type.getSimpleName()
              + " that returns it");
    }
    reachability.require(accessor.get(), select, frame);
    return read(parameter, name + "()", valueType);
  }

  /** {@code p.name()}: a method of the object without arguments (a getter), a constant. */
  Value call(MethodInvocationTree call, Scope.Binding parameter, String name, Frame frame) {
    TypeElement type = classOf(parameter, call, frame);
    if (!call.getArguments().isEmpty()) {
      throw Typing.unsupported(
          call,
          "a call with arguments on parameter '" + parameter.sourceName + "'",
          "call methods without arguments on it (its getters), or pass the value as a double");
    }
    ExecutableElement method =
        ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
            .filter(m -> m.getSimpleName().contentEquals(name) && m.getParameters().isEmpty())
            .filter(m -> !m.getModifiers().contains(Modifier.STATIC))
            .findFirst()
            .orElseThrow(
                () ->
                    new DiagnosticException(
                        DiagnosticId.ADJ111,
                        call,
                        "no method " + name + "() in " + type.getQualifiedName()));
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          call,
          name + " is private; the generated class cannot call it: make it package-private");
    }
    IrType valueType = scalar(method.getReturnType(), call, name + "()");
    reachability.require(method, call, frame);
    return read(parameter, name + "()", valueType);
  }

  /** The class of the object parameter {@code parameter} holds; it must still hold its argument. */
  private static TypeElement classOf(Scope.Binding parameter, Tree where, Frame frame) {
    TypeElement type =
        parameter.current == null ? null : frame.state().objectClass(parameter.current);
    if (type == null) {
      throw Typing.unsupported(
          where,
          "a read through '" + parameter.sourceName + "' after assigning it",
          "read the parameter itself, or copy the values you need into locals");
    }
    return type;
  }

  private static IrType scalar(TypeMirror type, Tree where, String what) {
    Optional<IrType> irType = Types2Ir.of(type);
    if (irType.isEmpty() || irType.get().isArray() || irType.get() == IrType.TENSOR) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          where,
          what
              + " has type "
              + type
              + "; through a record or object parameter, @Differentiable methods read double,"
              + " float, int, long and boolean values");
    }
    return irType.get();
  }

  private static Value read(Scope.Binding parameter, String member, IrType type) {
    return Value.Const.of(new ObjectRead(parameter.current, member), type);
  }
}
