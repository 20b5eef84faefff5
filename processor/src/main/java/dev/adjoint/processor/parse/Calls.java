package dev.adjoint.processor.parse;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.annotations.Differentiable;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.RegisteredCallee;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.MathPartials;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Calls: resolves what a call calls (bodies are not attributed during annotation processing) and
 * hands it to the collaborator that lowers it: {@code Math} and {@code StrictMath} functions and
 * {@code Adjoint.noDerivative} here; tensor operations to {@link TensorCalls}; {@code
 * Differentiable} tensor methods, of this class, another or a sub-model, to {@link TensorCallees};
 * scalar ones and methods with registered derivatives to {@link ScalarCallees}; a custom function
 * held in a field ({@code SWISH.apply(x)}) to {@link CustomFunctionCalls}.
 */
final class Calls {
  static final String ADJOINT_MARKERS = "dev.adjoint.Adjoint";

  /**
   * The {@code Math} functions with partials in {@link MathPartials} (by name, then by parameter
   * index): {@code fma(a, b, c)}, a·b + c rounded once: b, a and 1; {@code copySign(m, s)}: ±1 and
   * 0; {@code clamp(v, lo, hi)}: 1 for the one the result is. Their floating-point overloads only.
   */
  private static final Map<String, Map<Integer, RegisteredCallee.MethodRef>> MATH_PARTIALS =
      Map.of(
          "fma", partials("fmaDa", "fmaDb", "fmaDc"),
          "copySign", partials("copySignDmagnitude", "copySignDsign"),
          "clamp", partials("clampDvalue", "clampDmin", "clampDmax"));

  /** The methods of {@link MathPartials} named {@code names}, by parameter index. */
  private static Map<Integer, RegisteredCallee.MethodRef> partials(String... names) {
    Map<Integer, RegisteredCallee.MethodRef> partials = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      partials.put(i, new RegisteredCallee.MethodRef(ClassName.get(MathPartials.class), names[i]));
    }
    return Map.copyOf(partials);
  }

  private final Expressions expressions;
  private final FieldReads fields;
  private final Overloads overloads;
  private final TensorCalls tensors;
  private final TensorCallees tensorCallees;
  private final ScalarCallees scalarCallees;
  private final ArrayCopies copies;
  private final CustomFunctionCalls customFunctions;

  Calls(
      Expressions expressions,
      FieldReads fields,
      Overloads overloads,
      TensorCalls tensors,
      TensorCallees tensorCallees,
      ScalarCallees scalarCallees,
      CustomFunctionCalls customFunctions) {
    this.expressions = expressions;
    this.fields = fields;
    this.overloads = overloads;
    this.tensors = tensors;
    this.tensorCallees = tensorCallees;
    this.scalarCallees = scalarCallees;
    this.copies = new ArrayCopies(expressions.arrays());
    this.customFunctions = customFunctions;
  }

  Value call(MethodInvocationTree call, Frame frame) {
    ExpressionTree select = call.getMethodSelect();
    TypeElement owner = frame.source().owner();
    String name;
    Optional<TypeElement> ownerType;
    boolean onReceiver;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
      onReceiver = true;
      ownerType =
          overloads.hasMethod(owner, name)
              ? Optional.of(owner)
              : frame.source().resolver().staticImportsOf(name).stream()
                  .filter(t -> overloads.hasMethod(t, name))
                  .findFirst();
    } else if (select instanceof MemberSelectTree member) {
      name = member.getIdentifier().toString();
      ExpressionTree qualifier = member.getExpression();
      Optional<Value> onField =
          customFunctions
              .call(call, qualifier, name, frame)
              .or(() -> callOnTensorOrModel(call, qualifier, name, frame));
      if (onField.isPresent()) {
        return onField.get();
      }
      if (name.equals("clone")
          && call.getArguments().isEmpty()
          && FieldReads.typeNamed(qualifier, frame).isEmpty()) {
        Value value = expressions.lower(qualifier, frame);
        if (value.type().isArray()) {
          return copies.cloneOf(value, call, frame);
        }
        if (value.type() == IrType.TENSOR) {
          return tensors.method(call, value, name, frame);
        }
        throw Typing.unsupported(call, "clone() of a " + value.type().javaName(), "copy the value");
      }
      if (TypeResolver.parts(qualifier).isEmpty()) {
        Value value = expressions.lower(qualifier, frame); // reports what is wrong ('new', ...)
        if (value.type() == IrType.TENSOR) {
          return tensors.method(call, value, name, frame);
        }
        throw Typing.unsupported(
            call,
            "a call on the value of an expression",
            "call static methods" + " through their class, or methods of this class");
      }
      onReceiver = FieldReads.isThis(qualifier);
      ownerType = onReceiver ? Optional.of(owner) : FieldReads.typeNamed(qualifier, frame);
    } else {
      throw Typing.unsupported(call, "this call", "call a static method or a method of this class");
    }
    if (ownerType.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          call,
          "cannot resolve the method in '"
              + select
              + "': @Differentiable methods call static methods through their class and"
              + " methods of this class, and do no I/O");
    }
    TypeElement type = ownerType.get();
    String qualifiedOwner = type.getQualifiedName().toString();
    if (qualifiedOwner.equals(IrType.TENSOR_CLASS) || qualifiedOwner.equals(TensorCalls.LOSSES)) {
      return tensors.staticCall(call, qualifiedOwner, name, frame);
    }
    List<Value> args = expressions.lowerAll(call.getArguments(), frame);
    if (qualifiedOwner.equals("java.lang.Math") || qualifiedOwner.equals("java.lang.StrictMath")) {
      return math(call, type, name, args, frame);
    }
    if (ArrayCopies.handles(qualifiedOwner, name, args.size())) {
      return copies.staticCall(call, name, args, frame);
    }
    if (qualifiedOwner.equals(ADJOINT_MARKERS) && name.equals("noDerivative") && args.size() == 1) {
      Value.Var target = frame.temporary(Typing.numeric(args.get(0), call).type());
      frame.emit(new Node.Detach(target, args.get(0), frame.origin(call)));
      return target;
    }
    ExecutableElement callee = overloads.choose(type, name, args, call);
    if (Overloads.isVarargsCall(callee, args)) {
      args = copies.packVarargs(callee, args, call, frame);
    }
    if (!callee.getModifiers().contains(Modifier.STATIC)) {
      if (!onReceiver || !frame.source().isInstance()) {
        throw Typing.unsupported(
            call,
            "a call to instance method " + name + " on another object",
            "call instance methods of this class, or static methods");
      }
    } else {
      onReceiver = false;
    }
    if (callee.getAnnotation(Differentiable.class) == null) {
      if (onReceiver && callee.getParameters().isEmpty()) {
        Optional<Value> accessor = fields.receiverCall(callee, call, frame);
        if (accessor.isPresent()) {
          return accessor.get(); // a record's accessor, a getter: a constant like a field
        }
      }
      return scalarCallees.registered(call, callee, args, frame);
    }
    DifferentiableDeclaration declared = ScalarCallees.declarationOf(call, callee);
    if (ScalarCallees.onTensors(declared)) {
      // its generated method adds into .grad() of leaves and returns no partials to chain
      // through: it is differentiated as if its body were written here
      return tensorCallees.inline(call, callee, declared, List.of(), args, frame);
    }
    return scalarCallees.differentiable(call, callee, declared, onReceiver, args, frame);
  }

  /**
   * A call on a tensor held in a local or a field ({@code x.matmul(w)}, {@code this.w.t()}), on a
   * layer held in a field ({@code hidden.forward(x)}), or a {@code @Differentiable} method of a
   * sub-model held in a field ({@code encoder.encode(x)}); empty when the qualifier is none.
   */
  private Optional<Value> callOnTensorOrModel(
      MethodInvocationTree call, ExpressionTree qualifier, String name, Frame frame) {
    TypeElement owner = frame.source().owner();
    Optional<VariableElement> field = Optional.empty();
    if (qualifier instanceof IdentifierTree id) {
      SubModelElement element = frame.state().elements.get(id.getName().toString());
      if (element != null) {
        return Optional.of(
            ModuleCalls.runtimeClass(element.model()).isPresent()
                ? tensors.moduleOnElement(call, element, name, frame)
                : tensorCallees.onElement(call, element, name, frame));
      }
      Optional<Scope.Binding> local = frame.scope().lookup(id.getName().toString());
      if (local.isPresent()) {
        return switch (local.get().type) {
          case TENSOR ->
              Optional.of(tensors.method(call, Assignments.read(local.get(), id), name, frame));
          case OBJECT -> Optional.of(fields.objects().call(call, local.get(), name, frame));
          default -> Optional.empty();
        };
      }
      field = fields.find(owner, id.getName().toString());
    } else if (qualifier instanceof MemberSelectTree select
        && FieldReads.isThis(select.getExpression())) {
      field = fields.find(owner, select.getIdentifier().toString());
    }
    if (field.isEmpty()) {
      return Optional.empty();
    }
    if (FieldReads.isTensor(field.get())) {
      Value receiver = fields.value(field.get(), qualifier, true, frame);
      return Optional.of(tensors.method(call, receiver, name, frame));
    }
    if (ModuleCalls.moduleOf(field.get()).isPresent()) {
      return Optional.of(tensors.module(call, field.get(), name, frame));
    }
    if (tensorCallees.isSubModelCall(field.get(), name)) {
      return Optional.of(tensorCallees.onSubModel(call, field.get(), name, frame));
    }
    return Optional.empty();
  }

  /**
   * A {@code Math} or {@code StrictMath} function: one with a rule in {@link ElementwiseOp}; {@code
   * toRadians} and {@code toDegrees}, which the JDK computes as a product with a constant and so
   * are differentiated as that product; {@code fma}, {@code copySign} and {@code clamp}, with
   * partials in {@link MathPartials}; any other is a call without a derivative, a constant for the
   * gradient ({@code random}, {@code floorMod} on indices) unless a differentiated value reaches
   * the result through it (ADJ103).
   */
  private Value math(
      MethodInvocationTree call, TypeElement mathType, String name, List<Value> args, Frame frame) {
    String mathClass = mathType.getSimpleName().toString();
    Optional<ElementwiseOp> op = ElementwiseOp.ofMathMethod(name, args.size());
    Optional<String> factor = angleConversionFactor(name, args.size());
    if (factor.isPresent()) {
      Value angle = Typing.numeric(args.get(0), call);
      List<Value> product = List.of(angle, new Value.Const(factor.get(), IrType.DOUBLE));
      return Operators.apply(
          ElementwiseOp.MULTIPLY, IrType.DOUBLE, product, mathClass, call, frame);
    }
    if (op.isEmpty()) {
      ExecutableElement callee = overloads.choose(mathType, name, args, call);
      Map<Integer, RegisteredCallee.MethodRef> partials = MATH_PARTIALS.get(name);
      if (partials != null
          && partials.size() == args.size()
          && Types2Ir.of(callee.getReturnType()).filter(IrType::isFloating).isPresent()) {
        return scalarCallees.withPartials(call, callee, partials, args, frame);
      }
      return scalarCallees.registered(call, callee, args, frame);
    }
    IrType type = IrType.DOUBLE;
    for (Value arg : args) {
      Typing.numeric(arg, call);
    }
    if (op.get().preservesFloat()) {
      type = args.stream().map(Value::type).reduce(IrType.INT, IrType::promote);
      if (op.get() == ElementwiseOp.SIGNUM && !type.isFloating()) {
        type = IrType.FLOAT; // Math.signum(int) resolves to signum(float)
      }
    }
    return Operators.apply(op.get(), type, args, mathClass, call, frame);
  }

  /**
   * The constant by which {@code Math.toRadians} or {@code toDegrees} multiplies: the JDK (9 and
   * later) computes {@code angdeg * DEGREES_TO_RADIANS} and {@code angrad * RADIANS_TO_DEGREES}
   * with these values, so the product is bit for bit what the call returns.
   */
  private static Optional<String> angleConversionFactor(String name, int arity) {
    if (arity != 1) {
      return Optional.empty();
    }
    return switch (name) {
      case "toRadians" -> Optional.of("0.017453292519943295");
      case "toDegrees" -> Optional.of("57.29577951308232");
      default -> Optional.empty();
    };
  }
}
