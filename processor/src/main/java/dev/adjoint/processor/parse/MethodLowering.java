package dev.adjoint.processor.parse;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.adjoint.annotations.Owned;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The parse pass: lowers the javac tree of a {@code @Differentiable} method body to the IR.
 *
 * <p>Bodies are parsed but not attributed while annotation processors run, so the pass types every
 * expression itself, from declared types, the compilation unit's imports, and the return types of
 * the calls it knows. Whatever lies outside the supported subset is a diagnostic that points at the
 * exact tree, never a guess.
 *
 * <p>The pass is composed of collaborators, each lowering one kind of tree ({@link Expressions} and
 * {@link Statements} at the top); what they share is passed down as an immutable {@link Frame}. One
 * instance serves a processor run: each body, the methods being differentiated and the tensor
 * methods written at their calls alike, is lowered once ({@link CalleeLowerings}).
 */
public final class MethodLowering {
  /** Generated code's own names, which no IR variable takes. */
  private static final List<String> GENERATED =
      List.of(FieldRef.RECEIVER, "tensors", "noGrad", "reverseStart");

  private final Trees trees;
  private final Elements elements;
  private final CalleeLowerings bodies;
  private final Statements statements;

  /** The result of the pass: the IR, the names it used, and the way back to source trees. */
  public record Lowered(IrFunction function, Names names, Map<Long, Tree> sourceMap) {}

  public MethodLowering(Trees trees, Elements elements, DerivativeRegistry registry) {
    this.trees = trees;
    this.elements = elements;
    this.bodies = new CalleeLowerings(this::lowerBody);
    this.statements = new Statements(new Expressions(trees, elements, registry, bodies));
  }

  /**
   * Lowers {@code declaration}'s body; throws {@link DiagnosticException} on unsupported code. The
   * names are the caller's to extend: later passes name their own variables from them.
   */
  public Lowered lower(DifferentiableDeclaration declaration) {
    ExecutableElement method = declaration.method();
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      boolean owned = params.get(i).getAnnotation(Owned.class) != null;
      if (owned && !declaration.parameterTypes().get(i).isArray()) {
        throw DiagnosticException.atDeclaration(
            DiagnosticId.ADJ107,
            "@Owned on parameter '"
                + params.get(i).getSimpleName()
                + "' of "
                + declaration.signature()
                + ": only an array parameter can be owned (overwritten) by the method");
      }
    }
    Lowered lowered = bodies.lower(declaration, elements.getPackageOf(method)).lowered();
    IrFunction function = lowered.function();
    if (function.usesTensors()
        && function.fieldLeaves().isEmpty()
        && !Inliner.readsListElementLeaves(function.body())
        && function.parameters().stream()
            .noneMatch(p -> p.differentiated() && p.variable().type() == IrType.TENSOR)) {
      throw DiagnosticException.atDeclaration(
          DiagnosticId.ADJ107,
          "@Differentiable method "
              + function.name()
              + " reads no tensor to differentiate with respect to: it needs a Tensor parameter"
              + " not marked @NoDerivative, or must read tensors (or Linear layers) from fields of"
              + " its model or of the sub-models in its lists");
    }
    return new Lowered(function, lowered.names().copy(), lowered.sourceMap());
  }

  /**
   * The top-level classes {@code declaration}'s lowering read (its own, its tensor callees', those
   * of the fields and methods they name): what its generated code is derived from. Empty before
   * {@link #lower}.
   */
  public Set<TypeElement> classesRead(DifferentiableDeclaration declaration) {
    ExecutableElement method = declaration.method();
    return bodies.classesRead(method, elements.getPackageOf(method));
  }

  /** Lowers the body of {@code declaration}'s method for generated code in {@code home}. */
  private CalleeLowerings.LoweredBody lowerBody(
      DifferentiableDeclaration declaration, PackageElement home) {
    ExecutableElement method = declaration.method();
    MethodTree tree = trees.getTree(method);
    CompilationUnitTree unit = trees.getPath(method).getCompilationUnit();
    SourceContext source = SourceContext.of(declaration, unit, elements, home);
    FunctionState state = new FunctionState(trees.getSourcePositions(), unit, source.file());
    reserveSourceNames(tree, state.names);
    GENERATED.forEach(state.names::fix);
    Frame frame = Frame.ofFunction(source, state);
    List<IrFunction.Parameter> parameters = new ArrayList<>();
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      String sourceName = params.get(i).getSimpleName().toString();
      String name = state.names.forSourceVariable(sourceName);
      Value.Var var = new Value.Var(name, declaration.parameterTypes().get(i));
      frame.scope().declare(new Scope.Binding(sourceName, var.type(), var));
      boolean owned = params.get(i).getAnnotation(Owned.class) != null && var.type().isArray();
      if (var.type().isArray() && !owned) {
        state.markInput(var);
      }
      Optional<ClassName> objectClass = Optional.empty();
      if (var.type() == IrType.OBJECT) {
        TypeElement type = ObjectParameters.constantClass(params.get(i).asType()).orElseThrow();
        state.markObject(var, type);
        objectClass = Optional.of(ClassName.get(type));
      }
      parameters.add(
          new IrFunction.Parameter(
              var, declaration.differentiated().get(i), owned, sourceName, objectClass));
    }
    body(tree, frame);
    TypeElement owner = source.owner();
    Optional<String> receiver =
        source.isInstance() ? Optional.of(owner.getQualifiedName().toString()) : Optional.empty();
    List<Node> nodes = frame.block().nodes();
    IrFunction function =
        new IrFunction(
            method.getSimpleName().toString(),
            GeneratedNames.resultRecord(method),
            parameters,
            declaration.returnType(),
            receiver,
            nodes,
            state.leaves.all());
    Value result = ((Node.Return) nodes.get(nodes.size() - 1)).value();
    return new CalleeLowerings.LoweredBody(
        new Lowered(function, state.names, state.sourceMap()),
        unit,
        state.isTemporary(result),
        state.isOverwritable(result));
  }

  /**
   * The body's statements. A body whose only return is its last statement is lowered straight; one
   * that returns from inside branches or loops sets {@code result} and {@code returned} there, and
   * returns {@code result} at its end (javac has checked that every path returns).
   */
  private void body(MethodTree tree, Frame frame) {
    List<? extends StatementTree> body = tree.getBody().getStatements();
    if (!body.isEmpty() && Failures.alwaysThrows(body.get(body.size() - 1))) {
      throw new DiagnosticException(
          DiagnosticId.ADJ101,
          body.get(body.size() - 1),
          "this @Differentiable method always throws, so it has no value to differentiate: throw"
              + " only under a check (if (x < 0) throw ...;) and return a value otherwise");
    }
    if (JumpScanner.endsInItsOnlyReturn(body)) {
      statements.statements(body, frame);
      return;
    }
    IrType returnType = frame.source().declaration().returnType();
    Scope.Binding returned = Assignments.synthetic("returned", IrType.BOOLEAN, frame);
    Assignments.assign(returned, Jumps.FALSE, false, tree, frame);
    Scope.Binding result = Assignments.synthetic("result", returnType, frame);
    Frame inBody =
        frame.withControl(frame.control().withReturns(new Control.ReturnFlags(result, returned)));
    statements.statements(body, inBody);
    frame.emit(
        new Node.Return(Assignments.orDefault(result.current, returnType), frame.origin(tree)));
  }

  /**
   * Reserves every identifier of the body, so that no temporary or flag takes a name the source
   * uses. (This is also why a field leaf read by its own name gets a suffix, {@code scale_1}; once
   * the renderer allocates the generated code's names itself, the IR needs only to avoid its own
   * collisions, and this may go.)
   */
  private static void reserveSourceNames(MethodTree tree, Names names) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        names.reserve(node.getName().toString());
        return null;
      }

      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        names.reserve(node.getName().toString());
        return super.visitVariable(node, unused);
      }
    }.scan(tree, null);
  }
}
