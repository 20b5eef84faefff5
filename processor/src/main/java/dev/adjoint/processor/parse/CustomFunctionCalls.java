package dev.adjoint.processor.parse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.CustomFunctionRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.TensorPrimitive;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.autograd.CustomFunctionSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Calls of a user's {@code CustomFunction} held in a static final field ({@code
 * Swish.SWISH.apply(x)}, {@code SWISH.apply(x)}): its {@code forward} and {@code backward} are
 * checked by the runtime's {@link CustomFunctionSignature} rules (ADJ114 with the declaration to
 * write), the arguments against forward's parameters, and the call becomes one {@link
 * Node.TensorApply} whose forward is the function's {@code forward} and whose rule is its {@code
 * backward}.
 */
final class CustomFunctionCalls {
  static final String CUSTOM_FUNCTION = "dev.adjoint.runtime.autograd.CustomFunction";

  private final Expressions expressions;
  private final Elements elements;
  private final FieldReads fields;
  private final Reachability reachability;

  CustomFunctionCalls(
      Expressions expressions, Elements elements, FieldReads fields, Reachability reachability) {
    this.expressions = expressions;
    this.elements = elements;
    this.fields = fields;
    this.reachability = reachability;
  }

  /** The call lowered, if {@code qualifier} names a field holding a custom function. */
  Optional<Value> call(
      MethodInvocationTree call, ExpressionTree qualifier, String name, Frame frame) {
    Optional<VariableElement> field = field(qualifier, frame);
    if (field.isEmpty() || !isCustomFunction(field.get().asType())) {
      return Optional.empty();
    }
    VariableElement holder = field.get();
    TypeElement function = (TypeElement) ((DeclaredType) holder.asType()).asElement();
    String className = function.getSimpleName().toString();
    if (!name.equals("apply")) {
      throw new DiagnosticException(
          DiagnosticId.ADJ114,
          call,
          className + " is a custom function: call it as " + qualifier + ".apply(...)");
    }
    if (!holder.getModifiers().containsAll(List.of(Modifier.STATIC, Modifier.FINAL))) {
      throw new DiagnosticException(
          DiagnosticId.ADJ114,
          call,
          "custom function '"
              + holder.getSimpleName()
              + "' must be held in a static final field, so that the generated adjoint calls"
              + " the same function: declare it 'static final'");
    }
    reachability.require(holder, call, frame);
    ExecutableElement forward =
        single(function, "forward", "public Tensor forward(Tensor x)", call);
    reachability.require(forward, call, frame);
    List<String> types = typeNames(forward);
    List<String> names =
        forward.getParameters().stream().map(p -> p.getSimpleName().toString()).toList();
    check(
        CustomFunctionSignature.checkForward(
            className, types, names, forward.getReturnType().toString()),
        call);
    ExecutableElement backward =
        single(
            function,
            "backward",
            CustomFunctionSignature.expectedBackward(types, names, false),
            call);
    check(
        CustomFunctionSignature.checkBackward(
            className, types, names, typeNames(backward), backward.getReturnType().toString()),
        call);
    List<Value> args = expressions.lowerAll(call.getArguments(), frame);
    checkArguments(call, className, types, names, args);
    String instance =
        reachability.sourceName((TypeElement) holder.getEnclosingElement(), frame)
            + "."
            + holder.getSimpleName();
    List<Boolean> tensors = types.stream().map(CustomFunctionSignature::isTensor).toList();
    boolean takesResult =
        CustomFunctionSignature.takesResult(types.size(), backward.getParameters().size());
    CustomFunctionRef ref = new CustomFunctionRef(instance, className, tensors, takesResult);
    StringJoiner forwardCall = new StringJoiner(", ", instance + ".forward(", ")");
    for (int i = 0; i < args.size(); i++) {
      forwardCall.add("{" + i + "}");
    }
    Value.Var target = frame.temporary(IrType.TENSOR);
    frame.emit(
        new Node.TensorApply(
            target,
            TensorPrimitive.custom(className + ".apply(...)", ref, forwardCall.toString()),
            args,
            List.of(),
            frame.origin(call)));
    return Optional.of(target);
  }

  /** The field {@code qualifier} names: one of this class, a static import, or {@code Type.F}. */
  private Optional<VariableElement> field(ExpressionTree qualifier, Frame frame) {
    if (qualifier instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (frame.scope().lookup(name).isPresent()) {
        return Optional.empty();
      }
      Optional<VariableElement> own = fields.find(frame.source().owner(), name);
      if (own.isPresent()) {
        return own;
      }
      return frame.source().resolver().staticImportsOf(name).stream()
          .flatMap(t -> fields.find(t, name).stream())
          .findFirst();
    }
    if (qualifier instanceof MemberSelectTree select) {
      return FieldReads.typeNamed(select.getExpression(), frame)
          .flatMap(t -> fields.find(t, select.getIdentifier().toString()));
    }
    return Optional.empty();
  }

  private static boolean isCustomFunction(TypeMirror type) {
    while (type.getKind() == TypeKind.DECLARED) {
      TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
      if (element.getQualifiedName().contentEquals(CUSTOM_FUNCTION)) {
        return true;
      }
      type = element.getSuperclass();
    }
    return false;
  }

  private ExecutableElement single(
      TypeElement function, String name, String example, MethodInvocationTree call) {
    List<ExecutableElement> found =
        ElementFilter.methodsIn(elements.getAllMembers(function)).stream()
            .filter(m -> m.getSimpleName().contentEquals(name))
            .filter(m -> m.getModifiers().contains(Modifier.PUBLIC))
            .filter(m -> !m.getModifiers().contains(Modifier.STATIC))
            .toList();
    if (found.size() != 1) {
      throw new DiagnosticException(
          DiagnosticId.ADJ114,
          call,
          CustomFunctionSignature.missing(
              function.getSimpleName().toString(), name, found.size(), example));
    }
    return found.get(0);
  }

  private static List<String> typeNames(ExecutableElement method) {
    List<String> out = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      out.add(p.asType().toString());
    }
    return out;
  }

  private static void check(Optional<String> problem, MethodInvocationTree call) {
    if (problem.isPresent()) {
      throw new DiagnosticException(DiagnosticId.ADJ114, call, problem.get());
    }
  }

  private static void checkArguments(
      MethodInvocationTree call,
      String className,
      List<String> types,
      List<String> names,
      List<Value> args) {
    boolean fits = args.size() == types.size();
    for (int i = 0; fits && i < args.size(); i++) {
      IrType t = args.get(i).type();
      fits = CustomFunctionSignature.isTensor(types.get(i)) ? t == IrType.TENSOR : t.isNumeric();
    }
    if (!fits) {
      StringJoiner expected = new StringJoiner(", ", "(", ")");
      for (int i = 0; i < types.size(); i++) {
        String type = types.get(i);
        expected.add(type.substring(type.lastIndexOf('.') + 1) + " " + names.get(i));
      }
      StringJoiner given = new StringJoiner(", ", "(", ")");
      args.forEach(a -> given.add(a.type().javaName()));
      throw new DiagnosticException(
          DiagnosticId.ADJ114,
          call,
          className + ".apply takes forward's arguments " + expected + ", not " + given);
    }
  }
}
