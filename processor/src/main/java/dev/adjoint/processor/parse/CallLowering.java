package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.adjoint.annotations.Differentiable;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.RegisteredCallee;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Names, fields and calls: resolves what a name or a call denotes from the compilation unit (bodies
 * are not attributed during annotation processing), and lowers calls to {@code Math}, to other
 * {@code @Differentiable} methods and to methods with registered derivatives.
 */
abstract class CallLowering extends TensorLowering {
  CallLowering(
      Trees trees,
      Elements elements,
      DerivativeRegistry registry,
      DifferentiableDeclaration declaration,
      CompilationUnitTree unit) {
    super(trees, elements, registry, declaration, unit);
  }

  static final String ADJOINT_MARKERS = "dev.adjoint.Adjoint";

  // ---------------------------------------------------------------- names

  Value lowerName(IdentifierTree id) {
    String name = id.getName().toString();
    Optional<Scope.Binding> local = scope.lookup(name);
    if (local.isPresent()) {
      return currentValue(local.get(), id);
    }
    Optional<VariableElement> field = findField(owner, name);
    if (field.isPresent()) {
      return fieldValue(field.get(), id, true);
    }
    for (TypeElement imported : resolver.staticImportsOf(name)) {
      Optional<VariableElement> f = findField(imported, name);
      if (f.isPresent()) {
        return fieldValue(f.get(), id, false);
      }
    }
    throw new DiagnosticException(DiagnosticId.ADJ111, id, "cannot resolve '" + name + "'");
  }

  Value lowerMemberSelect(MemberSelectTree select) {
    String member = select.getIdentifier().toString();
    ExpressionTree qualifier = select.getExpression();
    if (member.equals("length")
        && qualifier instanceof IdentifierTree arrayName
        && scope.lookup(arrayName.getName().toString()).filter(b -> b.type.isArray()).isPresent()) {
      Value.Var array = (Value.Var) lowerName(arrayName);
      Value.Var length = temporary(IrType.INT);
      emit(new Node.ArrayLength(length, array, origin(select)));
      return length;
    }
    if (member.equals("length") && qualifier instanceof ArrayAccessTree) {
      // m[i].length: the length of a row
      Value row = lowerExpression(qualifier);
      if (row instanceof Value.Var array && array.type().isArray()) {
        Value.Var length = temporary(IrType.INT);
        emit(new Node.ArrayLength(length, array, origin(select)));
        return length;
      }
    }
    if (qualifier instanceof IdentifierTree id && id.getName().contentEquals("this")) {
      VariableElement field =
          findField(owner, member)
              .orElseThrow(
                  () ->
                      new DiagnosticException(
                          DiagnosticId.ADJ111, select, "no field '" + member + "' in this class"));
      return fieldValue(field, select, true);
    }
    Optional<TypeElement> type =
        TypeResolver.nameOf(qualifier)
            .filter(q -> scope.lookup(q).isEmpty())
            .flatMap(resolver::resolveType);
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
        findField(type.get(), member)
            .orElseThrow(
                () ->
                    new DiagnosticException(
                        DiagnosticId.ADJ111,
                        select,
                        "no field '" + member + "' in " + type.get().getQualifiedName()));
    return fieldValue(field, select, false);
  }

  Optional<VariableElement> findField(TypeElement type, String name) {
    return ElementFilter.fieldsIn(elements.getAllMembers(type)).stream()
        .filter(f -> f.getSimpleName().contentEquals(name))
        .findFirst();
  }

  /**
   * A field read: a constant for differentiation. Compile-time constants that the generated class
   * cannot reach are inlined; other fields are read through the class or the receiver.
   */
  Value fieldValue(VariableElement field, Tree where, boolean unqualified) {
    if (isTensorType(field)) {
      TypeElement declaring = (TypeElement) field.getEnclosingElement();
      return tensorField(field, where, sourceName(declaring) + "." + field.getSimpleName());
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
    if (!reachable) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          where,
          "field '"
              + field.getSimpleName()
              + "' is private; the generated class cannot read it:"
              + " make it package-private");
    }
    requireReachable(field, where);
    TypeElement declaring = (TypeElement) field.getEnclosingElement();
    if (isStatic) {
      return new Value.Const(sourceName(declaring) + "." + field.getSimpleName(), type);
    }
    if (!isInstanceMethod) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          where,
          "instance field '" + field.getSimpleName() + "' read from a static method");
    }
    return new Value.Const(receiverExpression + "." + field.getSimpleName(), type);
  }

  /** How generated code, in the same package as the source, names {@code type}. */
  String sourceName(TypeElement type) {
    // the generated class's package: the method's, also while another package's body is lowered
    javax.lang.model.element.PackageElement home = elements.getPackageOf(declaration.method());
    String pkg = home.isUnnamed() ? "" : home.getQualifiedName() + ".";
    String qualified = type.getQualifiedName().toString();
    if (qualified.startsWith("java.lang.") && qualified.indexOf('.', 10) < 0) {
      return type.getSimpleName().toString();
    }
    return !pkg.isEmpty() && qualified.startsWith(pkg)
        ? qualified.substring(pkg.length())
        : qualified;
  }

  // ---------------------------------------------------------------- calls

  Value lowerCall(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    String name;
    Optional<TypeElement> ownerType;
    boolean onReceiver;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
      onReceiver = true;
      ownerType =
          hasMethod(owner, name)
              ? Optional.of(owner)
              : resolver.staticImportsOf(name).stream().filter(t -> hasMethod(t, name)).findFirst();
    } else if (select instanceof MemberSelectTree member) {
      name = member.getIdentifier().toString();
      ExpressionTree qualifier = member.getExpression();
      Optional<Value> tensorCall = lowerCallOnTensor(call, qualifier, name);
      if (tensorCall.isPresent()) {
        return tensorCall.get();
      }
      if (TypeResolver.nameOf(qualifier).isEmpty()) {
        Value value = lowerExpression(qualifier); // reports what is wrong with it ('new', ...)
        if (value.type() == IrType.TENSOR) {
          return lowerTensorMethod(call, value, name);
        }
        throw unsupported(
            call,
            "a call on the value of an expression",
            "call static methods" + " through their class, or methods of this class");
      }
      onReceiver = qualifier instanceof IdentifierTree q && q.getName().contentEquals("this");
      ownerType =
          onReceiver
              ? Optional.of(owner)
              : TypeResolver.nameOf(qualifier)
                  .filter(q -> scope.lookup(q).isEmpty())
                  .flatMap(resolver::resolveType);
    } else {
      throw unsupported(call, "this call", "call a static method or a method of this class");
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
    if (qualifiedOwner.equals(IrType.TENSOR_CLASS) || qualifiedOwner.equals(LOSSES)) {
      return lowerTensorStatic(call, qualifiedOwner, name);
    }
    List<Value> args = new ArrayList<>();
    for (ExpressionTree arg : call.getArguments()) {
      args.add(lowerExpression(arg));
    }
    if (qualifiedOwner.equals("java.lang.Math") || qualifiedOwner.equals("java.lang.StrictMath")) {
      return lowerMathCall(call, type.getSimpleName().toString(), name, args);
    }
    if (qualifiedOwner.equals(ADJOINT_MARKERS) && name.equals("noDerivative") && args.size() == 1) {
      Value.Var target = temporary(numeric(args.get(0), call).type());
      emit(new Node.Detach(target, args.get(0), origin(call)));
      return target;
    }
    ExecutableElement callee = chooseOverload(type, name, args, call);
    if (!callee.getModifiers().contains(Modifier.STATIC)) {
      if (!onReceiver || !isInstanceMethod) {
        throw unsupported(
            call,
            "a call to instance method " + name + " on another object",
            "call instance methods of this class, or static methods");
      }
    } else {
      onReceiver = false;
    }
    if (callee.getAnnotation(Differentiable.class) != null) {
      return lowerDifferentiableCall(call, callee, onReceiver, args);
    }
    return lowerRegisteredCall(call, callee, args);
  }

  /**
   * A call on a tensor held in a local or a field ({@code x.matmul(w)}, {@code this.w.t()}), or on
   * a layer held in a field ({@code hidden.forward(x)}); empty when the qualifier is neither.
   */
  private Optional<Value> lowerCallOnTensor(
      MethodInvocationTree call, ExpressionTree qualifier, String name) {
    Optional<VariableElement> field = Optional.empty();
    if (qualifier instanceof IdentifierTree id) {
      Optional<Scope.Binding> local = scope.lookup(id.getName().toString());
      if (local.isPresent()) {
        return local.get().type == IrType.TENSOR
            ? Optional.of(lowerTensorMethod(call, currentValue(local.get(), id), name))
            : Optional.empty();
      }
      field = findField(owner, id.getName().toString());
    } else if (qualifier instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree self
        && self.getName().contentEquals("this")) {
      field = findField(owner, select.getIdentifier().toString());
    }
    if (field.isPresent() && isTensorType(field.get())) {
      return Optional.of(lowerTensorMethod(call, fieldValue(field.get(), qualifier, true), name));
    }
    if (field.isPresent() && isLayerType(field.get())) {
      return Optional.of(lowerLayerCall(call, field.get(), name));
    }
    if (field.isPresent() && isSubModelCall(field.get(), name)) {
      return Optional.of(lowerSubModelCall(call, field.get(), name));
    }
    return Optional.empty();
  }

  /**
   * Whether {@code field.name(...)} calls a {@code @Differentiable} instance method of a model held
   * in an instance field of the receiver (a sub-model, such as an encoder).
   */
  private boolean isSubModelCall(VariableElement field, String name) {
    if (field.getModifiers().contains(Modifier.STATIC)
        || !(field.asType() instanceof DeclaredType declared)) {
      return false;
    }
    return ElementFilter.methodsIn(elements.getAllMembers((TypeElement) declared.asElement()))
        .stream()
        .anyMatch(
            m ->
                m.getSimpleName().contentEquals(name)
                    && !m.getModifiers().contains(Modifier.STATIC)
                    && m.getAnnotation(Differentiable.class) != null);
  }

  /**
   * {@code field.name(args)} on a sub-model: the callee's body written at the call with the
   * sub-model as its receiver, so that its tensors and layers are leaves read through {@code
   * self.field}, as the tape reaches them through the object graph.
   */
  private Value lowerSubModelCall(MethodInvocationTree call, VariableElement field, String name) {
    String fieldName = field.getSimpleName().toString();
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          call,
          "field '"
              + fieldName
              + "' is private; the generated class cannot read the sub-model's parameters through"
              + " it: make it package-private");
    }
    if (!isInstanceMethod) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          call,
          "instance field '" + fieldName + "' read from a static method");
    }
    requireReachable(field, call);
    TypeElement model = (TypeElement) ((DeclaredType) field.asType()).asElement();
    List<Value> args = new ArrayList<>();
    for (ExpressionTree arg : call.getArguments()) {
      args.add(lowerExpression(arg));
    }
    ExecutableElement callee = chooseOverload(model, name, args, call);
    if (callee.getAnnotation(Differentiable.class) == null
        || callee.getModifiers().contains(Modifier.STATIC)) {
      throw unsupported(
          call,
          "a call to instance method " + name + " on another object",
          "call @Differentiable methods of a sub-model, instance methods of this class, or static"
              + " methods");
    }
    DifferentiableDeclaration declared = calleeDeclaration(call, callee);
    if (declared.returnType() != IrType.TENSOR
        && !declared.parameterTypes().contains(IrType.TENSOR)) {
      throw unsupported(
          call,
          "a call to the scalar @Differentiable method " + name + " of a sub-model",
          "make it static, or move it into this class");
    }
    return inlineTensorMethod(call, callee, declared, args, receiverExpression + "." + fieldName);
  }

  Value lowerMathCall(MethodInvocationTree call, String mathClass, String name, List<Value> args) {
    Optional<ElementwiseOp> op = ElementwiseOp.ofMathMethod(name, args.size());
    if (op.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          call,
          mathClass
              + "."
              + name
              + " has no derivative rule; wrap"
              + " the call in Adjoint.noDerivative(...) if no gradient should flow through it,"
              + " or compute it in a method with a @Derivative");
    }
    IrType type = IrType.DOUBLE;
    for (Value arg : args) {
      numeric(arg, call);
    }
    if (op.get().preservesFloat()) {
      type = args.stream().map(Value::type).reduce(IrType.INT, IrType::promote);
      if (op.get() == ElementwiseOp.SIGNUM && !type.isFloating()) {
        type = IrType.FLOAT; // Math.signum(int) resolves to signum(float)
      }
    }
    return apply(op.get(), type, args, mathClass, call);
  }

  ExecutableElement chooseOverload(TypeElement type, String name, List<Value> args, Tree where) {
    List<ExecutableElement> candidates =
        ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
            .filter(m -> m.getSimpleName().contentEquals(name))
            .filter(m -> m.getParameters().size() == args.size())
            .toList();
    List<ExecutableElement> applicable = candidates.stream().filter(m -> accepts(m, args)).toList();
    if (applicable.size() > 1) {
      // prefer the one taking exactly the argument types
      List<ExecutableElement> exact =
          applicable.stream().filter(m -> acceptsExactly(m, args)).toList();
      if (exact.size() == 1) {
        return exact.get(0);
      }
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          where,
          "cannot tell which overload of "
              + name
              + " is called;"
              + " cast the arguments to the parameter types");
    }
    if (applicable.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          where,
          "no method "
              + name
              + " taking "
              + args.size()
              + " primitive argument(s) in "
              + type.getQualifiedName());
    }
    return applicable.get(0);
  }

  static boolean accepts(ExecutableElement m, List<Value> args) {
    for (int i = 0; i < args.size(); i++) {
      Optional<IrType> p = Types2Ir.of(m.getParameters().get(i).asType());
      if (p.isEmpty() || !p.get().acceptsWithoutCast(args.get(i).type())) {
        return false;
      }
    }
    return true;
  }

  static boolean acceptsExactly(ExecutableElement m, List<Value> args) {
    for (int i = 0; i < args.size(); i++) {
      if (Types2Ir.of(m.getParameters().get(i).asType()).orElse(null) != args.get(i).type()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A call to a {@code @Differentiable} tensor method of this package, differentiated as if its
   * body were written at the call.
   */
  abstract Value inlineTensorMethod(
      MethodInvocationTree call,
      ExecutableElement callee,
      DifferentiableDeclaration declared,
      List<Value> args,
      String subModel);

  /** The callee's declaration; an error in it is reported where it is declared, ADJ109 here. */
  private static DifferentiableDeclaration calleeDeclaration(
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

  Value lowerDifferentiableCall(
      MethodInvocationTree call, ExecutableElement callee, boolean onReceiver, List<Value> args) {
    DifferentiableDeclaration declared = calleeDeclaration(call, callee);
    List<DifferentiableCallee.Parameter> parameters = new ArrayList<>();
    List<String> paramNames = declared.parameterNames();
    for (int i = 0; i < paramNames.size(); i++) {
      parameters.add(
          new DifferentiableCallee.Parameter(
              paramNames.get(i),
              declared.parameterTypes().get(i),
              declared.differentiated().get(i)));
    }
    if (declared.returnType() == IrType.TENSOR
        || declared.parameterTypes().contains(IrType.TENSOR)) {
      // its generated method adds into .grad() of leaves and returns no partials to chain through:
      // it is differentiated as if its body were written here (what the body reads must be
      // reachable from this package: see requireReachable)
      return inlineTensorMethod(call, callee, declared, args, null);
    }
    if (declared.parameterTypes().stream().anyMatch(IrType::isMatrix)) {
      throw unsupported(
          call,
          "passing a two-dimensional array to a @Differentiable method",
          "pass its rows (m[i]), or inline the callee's loops here");
    }
    if (declared.returnType().isArray()) {
      throw unsupported(
          call,
          "a call to a @Differentiable method returning an array",
          "return a scalar from " + callee.getSimpleName() + ", or inline its loop here");
    }
    TypeElement calleeOwner = (TypeElement) callee.getEnclosingElement();
    DifferentiableCallee target =
        new DifferentiableCallee(
            GeneratedNames.qualifiedGradientClass(calleeOwner),
            callee.getSimpleName().toString(),
            GeneratedNames.resultRecord(callee),
            parameters,
            declared.returnType());
    if (onReceiver && !receiverExpression.equals("self")) {
      // the generated call passes the method's receiver; this one is a sub-model's
      throw unsupported(
          call,
          "a call to the scalar @Differentiable instance method "
              + callee.getSimpleName()
              + " from a sub-model's method",
          "make " + callee.getSimpleName() + " static");
    }
    requireReachable(callee, call);
    Value.Var value = temporary(declared.returnType());
    Value.Var result =
        new Value.Var(names.fresh(callee.getSimpleName() + "Result"), declared.returnType());
    emit(new Node.CallDifferentiable(value, result, target, onReceiver, args, origin(call)));
    return value;
  }

  Value lowerRegisteredCall(MethodInvocationTree call, ExecutableElement callee, List<Value> args) {
    Map<Integer, RegisteredCallee.MethodRef> partials = registry.derivativesOf(callee);
    String name = callee.getSimpleName().toString();
    if (partials.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          call,
          "call to "
              + name
              + ", which has no derivative: mark it @Differentiable, or register"
              + " its partials with @Derivative(of = \""
              + name
              + "\", wrt = ...)");
    }
    if (callee.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          call,
          name + " is private; the generated class cannot call it:" + " make it package-private");
    }
    requireReachable(callee, call);
    for (RegisteredCallee.MethodRef partial : partials.values()) {
      // the generated code calls each partial too
      TypeElement partialOwner = elements.getTypeElement(partial.owner());
      if (partialOwner != null) {
        ElementFilter.methodsIn(partialOwner.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().contentEquals(partial.method()))
            .forEach(m -> requireReachable(m, call));
      }
    }
    IrType returnType =
        Types2Ir.of(callee.getReturnType()).orElseThrow(); // checked at registration
    List<RegisteredCallee.Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < callee.getParameters().size(); i++) {
      VariableElement p = callee.getParameters().get(i);
      parameters.add(
          new RegisteredCallee.Parameter(
              p.getSimpleName().toString(),
              Types2Ir.of(p.asType()).orElseThrow(),
              Optional.ofNullable(partials.get(i))));
    }
    TypeElement calleeOwner = (TypeElement) callee.getEnclosingElement();
    RegisteredCallee target =
        new RegisteredCallee(sourceName(calleeOwner), name, returnType, parameters);
    Value.Var value = temporary(returnType);
    emit(new Node.CallWithDerivative(value, target, args, origin(call)));
    return value;
  }

  boolean hasMethod(TypeElement type, String name) {
    return ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
        .anyMatch(m -> m.getSimpleName().contentEquals(name));
  }
}
