package dev.adjoint.processor.parse;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.RegisteredCallee;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Calls whose partials come from elsewhere: a scalar {@code @Differentiable} method, whose
 * generated gradient the forward sweep calls once ({@link Node.CallDifferentiable}), and any other
 * method, with the {@code @Derivative} partials registered for it, if any ({@link
 * Node.CallWithDerivative}).
 */
final class ScalarCallees {
  private final Elements elements;
  private final DerivativeRegistry registry;
  private final Reachability reachability;

  ScalarCallees(Elements elements, DerivativeRegistry registry, Reachability reachability) {
    this.elements = elements;
    this.registry = registry;
    this.reachability = reachability;
  }

  /** The callee's declaration; an error in it is reported where it is declared, ADJ109 here. */
  static DifferentiableDeclaration declarationOf(
      MethodInvocationTree call, ExecutableElement callee) {
    try {
      return DifferentiableDeclaration.read(callee);
    } catch (DiagnosticException e) {
      throw new DiagnosticException(
          DiagnosticId.ADJ109,
          call,
          callee.getSimpleName()
              + " is @Differentiable but its declaration has an error; fix it first");
    }
  }

  /** Whether a callee computes with tensors: it is written at its calls, not called. */
  static boolean onTensors(DifferentiableDeclaration declared) {
    return declared.returnType() == IrType.TENSOR
        || declared.parameterTypes().contains(IrType.TENSOR);
  }

  Value differentiable(
      MethodInvocationTree call,
      ExecutableElement callee,
      DifferentiableDeclaration declared,
      boolean onReceiver,
      List<Value> args,
      Frame frame) {
    if (declared.parameterTypes().stream().anyMatch(IrType::isMatrix)) {
      throw Typing.unsupported(
          call,
          "passing a two-dimensional array to a @Differentiable method",
          "pass its rows (m[i]), or inline the callee's loops here");
    }
    if (declared.returnType().isArray()) {
      throw Typing.unsupported(
          call,
          "a call to a @Differentiable method returning an array",
          "return a scalar from " + callee.getSimpleName() + ", or inline its loop here");
    }
    List<DifferentiableCallee.Parameter> parameters = new ArrayList<>();
    List<String> paramNames = declared.parameterNames();
    for (int i = 0; i < paramNames.size(); i++) {
      parameters.add(
          new DifferentiableCallee.Parameter(
              paramNames.get(i),
              declared.parameterTypes().get(i),
              declared.differentiated().get(i)));
    }
    TypeElement calleeOwner = (TypeElement) callee.getEnclosingElement();
    DifferentiableCallee target =
        new DifferentiableCallee(
            GeneratedNames.gradientClassName(calleeOwner),
            callee.getSimpleName().toString(),
            GeneratedNames.resultRecord(callee),
            parameters,
            declared.returnType());
    reachability.require(callee, call, frame);
    Value.Var value = frame.temporary(declared.returnType());
    Value.Var result =
        new Value.Var(
            frame.state().names.fresh(callee.getSimpleName() + "Result"), declared.returnType());
    frame.emit(
        new Node.CallDifferentiable(
            value, result, target, onReceiver, args, sources(call), frame.origin(call)));
    return value;
  }

  /** The call's arguments as the source wrote them: diagnostics name them so. */
  private static List<String> sources(MethodInvocationTree call) {
    return call.getArguments().stream().map(Object::toString).toList();
  }

  /**
   * A call to a method that is not {@code @Differentiable}: its registered {@code @Derivative}
   * partials, if any, carry the gradient; a method with none (a JDK method, a helper) is a constant
   * for the gradient, which the activity analysis checks (ADJ103) once it knows whether a
   * differentiated value reaches the result through the call.
   */
  Value registered(
      MethodInvocationTree call, ExecutableElement callee, List<Value> args, Frame frame) {
    return withPartials(call, callee, registry.derivativesOf(callee), args, frame);
  }

  /** A call to {@code callee} whose partials, by parameter index, are {@code partials}. */
  Value withPartials(
      MethodInvocationTree call,
      ExecutableElement callee,
      Map<Integer, RegisteredCallee.MethodRef> partials,
      List<Value> args,
      Frame frame) {
    String name = callee.getSimpleName().toString();
    Optional<IrType> returned = Types2Ir.of(callee.getReturnType());
    if (returned.isEmpty() || returned.get() == IrType.TENSOR) {
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          call,
          "call to "
              + name
              + ", which returns "
              + callee.getReturnType()
              + ": @Differentiable code calls methods returning Java numbers, booleans or arrays"
              + " of them; compute the value before the call and pass it in");
    }
    if (callee.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          call,
          name + " is private; the generated class cannot call it:" + " make it package-private");
    }
    reachability.require(callee, call, frame);
    for (RegisteredCallee.MethodRef partial : partials.values()) {
      // the generated code calls each partial too
      TypeElement partialOwner = elements.getTypeElement(partial.owner().canonicalName());
      if (partialOwner != null) {
        ElementFilter.methodsIn(partialOwner.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().contentEquals(partial.method()))
            .forEach(m -> reachability.require(m, call, frame));
      }
    }
    IrType returnType = returned.get();
    List<RegisteredCallee.Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < callee.getParameters().size(); i++) {
      VariableElement p = callee.getParameters().get(i);
      parameters.add(
          new RegisteredCallee.Parameter(
              p.getSimpleName().toString(),
              Types2Ir.of(p.asType())
                  .or(() -> ObjectParameters.constantClass(p.asType()).map(c -> IrType.OBJECT))
                  .orElseThrow(),
              Optional.ofNullable(partials.get(i))));
    }
    TypeElement calleeOwner = (TypeElement) callee.getEnclosingElement();
    RegisteredCallee target =
        new RegisteredCallee(ClassName.get(calleeOwner), name, returnType, parameters);
    Value.Var value = frame.temporary(returnType);
    frame.emit(new Node.CallWithDerivative(value, target, args, sources(call), frame.origin(call)));
    return value;
  }
}
