package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.Trees;
import dev.adjoint.annotations.Differentiable;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Calls to {@code @Differentiable} tensor methods (of this class, another class or package, or a
 * sub-model held in a field): each callee is lowered once ({@link CalleeLowerings}) and written at
 * the call by the {@link Inliner}, so the reverse sweep runs through its operations as through the
 * caller's and their comments name the callee's lines. What goes wrong in a callee of another file
 * is reported at the call, naming the callee's file and line.
 */
final class TensorCallees {
  /** How to write a loop over sub-models' lists inside a loop over a list (ADJ102). */
  static final String NESTED_LISTS_FIX =
      "hold the outer sub-models in fields of their own and call each in turn (x ="
          + " first.forward(x); x = second.forward(x);), each looping over its own list in its"
          + " @Differentiable method";

  private final Expressions expressions;
  private final Trees trees;
  private final Elements elements;
  private final Overloads overloads;
  private final Reachability reachability;
  private final CalleeLowerings callees;

  TensorCallees(
      Expressions expressions,
      Trees trees,
      Elements elements,
      Overloads overloads,
      Reachability reachability,
      CalleeLowerings callees) {
    this.expressions = expressions;
    this.trees = trees;
    this.elements = elements;
    this.overloads = overloads;
    this.reachability = reachability;
    this.callees = callees;
  }

  /**
   * Whether {@code field.name(...)} calls a {@code @Differentiable} instance method of a model held
   * in an instance field of the receiver (a sub-model, such as an encoder).
   */
  boolean isSubModelCall(VariableElement field, String name) {
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
   * {@code field.name(args)} on a sub-model: the callee written at the call with the sub-model as
   * its receiver, so that its tensors and layers are leaves read through {@code self.field}, as the
   * tape reaches them through the object graph.
   */
  Value onSubModel(MethodInvocationTree call, VariableElement field, String name, Frame frame) {
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
    FieldReads.requireInstance(field, call, frame);
    reachability.require(field, call, frame);
    TypeElement model = (TypeElement) ((DeclaredType) field.asType()).asElement();
    List<Value> args = expressions.lowerAll(call.getArguments(), frame);
    ExecutableElement callee = overloads.choose(model, name, args, call);
    if (callee.getAnnotation(Differentiable.class) == null
        || callee.getModifiers().contains(Modifier.STATIC)) {
      throw Typing.unsupported(
          call,
          "a call to instance method " + name + " on another object",
          "call @Differentiable methods of a sub-model, instance methods of this class, or static"
              + " methods");
    }
    DifferentiableDeclaration declared = ScalarCallees.declarationOf(call, callee);
    if (!ScalarCallees.onTensors(declared)) {
      throw Typing.unsupported(
          call,
          "a call to the scalar @Differentiable method " + name + " of a sub-model",
          "make it static, or move it into this class");
    }
    return inline(call, callee, declared, List.of(fieldName), args, frame);
  }

  /**
   * {@code callee(args)}, a tensor method, written at the call; {@code receiverPath} leads from the
   * caller's receiver to the callee's.
   */
  Value inline(
      MethodInvocationTree call,
      ExecutableElement callee,
      DifferentiableDeclaration declared,
      List<String> receiverPath,
      List<Value> args,
      Frame frame) {
    return inline(call, callee, declared, receiverPath, Optional.empty(), args, frame);
  }

  /**
   * {@code element.name(args)} on the variable of a for-each over a list of sub-models: the callee
   * written at the call with the pass's element as its receiver, its tensors the pass's leaves.
   */
  Value onElement(MethodInvocationTree call, SubModelElement element, String name, Frame frame) {
    List<Value> args = expressions.lowerAll(call.getArguments(), frame);
    ExecutableElement callee = overloads.choose(element.model(), name, args, call);
    if (callee.getAnnotation(Differentiable.class) == null
        || callee.getModifiers().contains(Modifier.STATIC)) {
      throw Typing.unsupported(
          call,
          "a call to " + name + ", not a @Differentiable instance method, on a list's element",
          "mark " + element.model().getSimpleName() + "." + name + " @Differentiable");
    }
    DifferentiableDeclaration declared = ScalarCallees.declarationOf(call, callee);
    if (!ScalarCallees.onTensors(declared)) {
      throw Typing.unsupported(
          call,
          "a call to the scalar @Differentiable method " + name + " of a list's element",
          "make it static, or move it into this class");
    }
    return inline(
        call,
        callee,
        declared,
        List.of(element.segment()),
        Optional.of(element.index()),
        args,
        frame);
  }

  private Value inline(
      MethodInvocationTree call,
      ExecutableElement callee,
      DifferentiableDeclaration declared,
      List<String> receiverPath,
      Optional<Value.Var> passIndex,
      List<Value> args,
      Frame frame) {
    String name = callee.getSimpleName().toString();
    MethodTree tree = trees.getTree(callee);
    if (tree == null || tree.getBody() == null) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "a call to @Differentiable tensor method "
              + name
              + " is not differentiated: its source is not in this compilation; inline its body"
              + " here, or run both methods on the dynamic tape");
    }
    if (callees.isBeingLowered(callee)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "a call to @Differentiable tensor method "
              + name
              + " is recursive: tensor methods are differentiated by writing the callee's body at"
              + " the call, which a recursion would never finish; write it as a loop");
    }
    CompilationUnitTree unit = trees.getPath(callee).getCompilationUnit();
    CalleeLowerings.LoweredBody body;
    try {
      body = callees.lower(declared, frame.source().home());
    } catch (DiagnosticException e) {
      if (unit == frame.source().unit() || e.tree() == null) {
        throw e;
      }
      long position = trees.getSourcePositions().getStartPosition(unit, e.tree());
      throw atCall(
          e, SourceContext.fileName(unit), unit.getLineMap().getLineNumber(position), callee, call);
    }
    MethodLowering.Lowered lowered = body.lowered();
    if (passIndex.isPresent() && Inliner.readsListElements(lowered.function().body())) {
      // its reads would name two counters, this pass's and its own loop's, where the IR has one
      throw Typing.unsupported(
          call,
          "a call on a list's element to "
              + callee.getEnclosingElement().getSimpleName()
              + "."
              + name
              + ", which runs a for-each over a list of sub-models itself,",
          NESTED_LISTS_FIX);
    }
    if (!receiverPath.isEmpty()) {
      Optional<Node.CallDifferentiable> onReceiver =
          Inliner.firstCallOnReceiver(lowered.function().body());
      if (onReceiver.isPresent()) {
        // the generated call passes the method's receiver; this one is a sub-model's
        String scalar = onReceiver.get().callee().method();
        Origin where = onReceiver.get().origin();
        boolean here = unit == frame.source().unit() && where.file().equals(frame.source().file());
        DiagnosticException problem =
            Typing.unsupported(
                here ? lowered.sourceMap().get(where.position()) : call,
                "a call to the scalar @Differentiable instance method "
                    + scalar
                    + " from a sub-model's method",
                "make " + scalar + " static");
        throw here ? problem : atCall(problem, where.file(), where.line(), callee, call);
      }
    }
    Inliner.Spliced spliced =
        Inliner.inline(
            lowered.function(),
            lowered.names().allocations(),
            new Inliner.Call(args, receiverPath, passIndex, frame.origin(call)),
            frame.state().names,
            frame.state().leaves);
    FunctionState state = frame.state();
    for (Value arg : args) {
      if (arg instanceof Value.Var var) {
        state.forget(var); // the callee may read it more than once: nothing may take it over
      }
    }
    spliced.nodes().forEach(frame::emit);
    if (unit == frame.source().unit()) {
      state.addSourceTrees(lowered.sourceMap());
    }
    if (spliced.value() instanceof Value.Var result && body.resultTemporary()) {
      state.markTemporary(result);
      if (body.resultOverwritable()) {
        state.markOverwritable(result);
      }
    }
    return spliced.value();
  }

  /**
   * {@code problem}, found in a callee at {@code file:line}, as reported at the call: a tree of the
   * callee's file cannot be pointed at from the caller's, so the message says where it is.
   */
  private static DiagnosticException atCall(
      DiagnosticException problem,
      String file,
      long line,
      ExecutableElement callee,
      MethodInvocationTree call) {
    return new DiagnosticException(
        problem.id(),
        call,
        "in "
            + callee.getEnclosingElement().getSimpleName()
            + "."
            + callee.getSimpleName()
            + " ("
            + file
            + ":"
            + line
            + "), written at this call: "
            + problem.detail());
  }
}
