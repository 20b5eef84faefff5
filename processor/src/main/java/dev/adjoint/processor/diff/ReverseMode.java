package dev.adjoint.processor.diff;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.RegisteredCallee;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The diff pass: writes the body of a reverse-mode adjoint from the IR.
 *
 * <p>The forward sweep computes the primal, one three-address statement per IR node, and keeps
 * every intermediate (straight-line code never overwrites one). The reverse sweep walks the IR
 * backwards and, for each node whose result is active, adds its contribution to each active
 * operand's adjoint, using the rule from {@link ElementwiseRules} written out as source. A branch
 * replays the arm the forward sweep took. Each statement carries a comment with the source line it
 * differentiates.
 */
public final class ReverseMode {
  private final IrFunction function;
  private final Activity activity;
  private final Names names;
  private final SourceAlgebra adjointAlgebra = SourceAlgebra.forAdjoint();
  private final Map<Value.Var, String> adjointNames = new LinkedHashMap<>();
  private final Set<Value.Var> declaredAdjoints = new HashSet<>();
  private final List<String> pendingDeclarations = new ArrayList<>();

  /**
   * The generated body.
   *
   * @param forward statements computing the primal
   * @param reverse statements computing the adjoints, starting from {@code seed}
   * @param value the expression holding the primal result
   * @param partials for each parameter, the expression holding its partial (adjoints of inactive
   *     parameters are the literal {@code 0})
   */
  public record Adjoint(
      CodeBlock forward, CodeBlock reverse, String value, Map<String, String> partials) {}

  private final String ownGradientClass;

  private ReverseMode(
      IrFunction function, Activity activity, Names names, String ownGradientClass) {
    this.function = function;
    this.activity = activity;
    this.names = names;
    this.ownGradientClass = ownGradientClass;
  }

  /**
   * Writes the adjoint of {@code function}.
   *
   * @param ownGradientClass qualified name of the class the adjoint goes into
   * @param seedName the seed parameter's name
   */
  public static Adjoint write(
      IrFunction function,
      Activity activity,
      Names names,
      String ownGradientClass,
      String seedName) {
    return new ReverseMode(function, activity, names, ownGradientClass).run(seedName);
  }

  private Adjoint run(String seedName) {
    CodeBlock.Builder forward = CodeBlock.builder();
    for (Node node : function.body()) {
      if (node instanceof Node.If branch) {
        for (String declaration : declarationsInside(branch)) {
          forward.add("$L // $L: set in the branch below\n", declaration, branch.origin());
        }
      }
      forwardStatement(node, forward, 0);
    }

    Node.Return ret = findReturn(function.body());
    CodeBlock.Builder reverse = CodeBlock.builder();
    if (activity.isActive(ret.value())) {
      Value.Var result = (Value.Var) ret.value();
      declaredAdjoints.add(result);
      reverse.add(
          "$L $L = $L; // $L\n", result.type().javaName(), adjoint(result), seedName, ret.origin());
    }
    List<Node> body = function.body();
    for (int i = body.size() - 1; i >= 0; i--) {
      CodeBlock.Builder statement = CodeBlock.builder();
      reverseStatement(body.get(i), statement, 0);
      for (String declaration : pendingDeclarations) {
        reverse.add("$L", declaration);
      }
      pendingDeclarations.clear();
      reverse.add(statement.build());
    }

    Map<String, String> partials = new LinkedHashMap<>();
    for (IrFunction.Parameter p : function.parameters()) {
      if (p.differentiated()) {
        partials.put(
            p.name(),
            declaredAdjoints.contains(p.variable())
                ? adjoint(p.variable())
                : defaultValue(p.variable().type()));
      }
    }
    return new Adjoint(forward.build(), reverse.build(), primal(ret.value()).code(), partials);
  }

  // ---------------------------------------------------------------- forward sweep

  private void forwardStatement(Node node, CodeBlock.Builder out, int depth) {
    switch (node) {
      case Node.Apply apply -> {
        SourceAlgebra algebra = SourceAlgebra.forPrimal(apply.mathClass());
        JavaExpr value = ElementwiseRules.value(apply.op(), algebra, primals(apply.args()));
        define(out, apply.targetVar(), value.code(), apply.origin(), depth);
      }
      case Node.Copy copy ->
          define(out, copy.targetVar(), primal(copy.source()).code(), copy.origin(), depth);
      case Node.Convert convert -> {
        JavaExpr source = primal(convert.source());
        String code =
            convert.targetVar().type().acceptsWithoutCast(convert.source().type())
                ? source.code()
                : "(" + convert.targetVar().type().javaName() + ") " + source.at(JavaExpr.UNARY);
        define(out, convert.targetVar(), code, convert.origin(), depth);
      }
      case Node.Operate operate -> {
        String code;
        if (operate.args().size() == 1) {
          code = operate.operator().symbol() + primal(operate.args().get(0)).at(JavaExpr.UNARY);
        } else {
          code =
              primal(operate.args().get(0)).at(JavaExpr.EQUALITY + 1)
                  + " "
                  + operate.operator().symbol()
                  + " "
                  + primal(operate.args().get(1)).at(JavaExpr.EQUALITY + 2);
        }
        define(out, operate.targetVar(), code, operate.origin(), depth);
      }
      case Node.Detach detach ->
          define(
              out,
              detach.targetVar(),
              primal(detach.source()).code(),
              detach.origin(),
              depth,
              "no derivative flows through Adjoint.noDerivative");
      case Node.CallDifferentiable call -> forwardCall(call, out, depth);
      case Node.CallWithDerivative call -> {
        String code =
            call.callee().owner()
                + "."
                + call.callee().method()
                + "("
                + arguments(call.args())
                + ")";
        define(out, call.targetVar(), code, call.origin(), depth);
      }
      case Node.If branch -> {
        out.add("if ($L) { // $L\n", primal(branch.condition()).code(), branch.origin());
        out.indent();
        branch.thenBranch().forEach(n -> forwardStatement(n, out, depth + 1));
        out.unindent();
        if (!branch.elseBranch().isEmpty()) {
          out.add("} else {\n").indent();
          branch.elseBranch().forEach(n -> forwardStatement(n, out, depth + 1));
          out.unindent();
        }
        out.add("}\n");
      }
      case Node.Return ret -> {} // the value is returned with the partials
    }
  }

  private void forwardCall(Node.CallDifferentiable call, CodeBlock.Builder out, int depth) {
    DifferentiableCallee callee = call.callee();
    String receiver = call.onReceiver() ? "self" + (call.args().isEmpty() ? "" : ", ") : "";
    if (!activity.isActive(call.targetVar())) {
      define(
          out,
          call.targetVar(),
          qualifier(callee)
              + callee.method()
              + "("
              + receiver
              + arguments(call.args())
              + ")."
              + valueComponent(callee)
              + "()",
          call.origin(),
          depth);
      return;
    }
    String declaration = depth == 0 ? recordType(callee) + " " : "";

    out.add(
        "$L$L = $L$L($L$L); // $L\n",
        declaration,
        call.result().name(),
        qualifier(callee),
        callee.method(),
        receiver,
        arguments(call.args()),
        call.origin());
    define(
        out,
        call.targetVar(),
        call.result().name() + "." + valueComponent(callee) + "()",
        call.origin(),
        depth);
  }

  private void define(
      CodeBlock.Builder out, Value.Var target, String code, Origin origin, int depth) {
    define(out, target, code, origin, depth, null);
  }

  private void define(
      CodeBlock.Builder out, Value.Var target, String code, Origin origin, int depth, String note) {
    String type = depth == 0 ? target.type().javaName() + " " : "";
    String comment = note == null ? origin.toString() : origin + ": " + note;
    out.add("$L$L = $L; // $L\n", type, target.name(), code, comment);
  }

  // ---------------------------------------------------------------- reverse sweep

  private void reverseStatement(Node node, CodeBlock.Builder out, int depth) {
    Optional<Value.Var> target = node.target();
    if (target.isPresent() && !activity.isActive(target.get())) {
      return;
    }
    switch (node) {
      case Node.Apply apply -> {
        List<JavaExpr> args = primals(apply.args());
        JavaExpr y = JavaExpr.atom(apply.targetVar().name());
        JavaExpr g = JavaExpr.atom(adjoint(apply.targetVar()));
        for (int i = 0; i < apply.args().size(); i++) {
          if (activity.isActive(apply.args().get(i))) {
            JavaExpr contribution =
                ElementwiseRules.partial(apply.op(), adjointAlgebra, args, y, g, i);
            accumulate(out, (Value.Var) apply.args().get(i), contribution, apply.origin(), depth);
          }
        }
      }
      case Node.Copy copy ->
          passThrough(out, copy.targetVar(), copy.source(), copy.origin(), depth);
      case Node.Convert convert ->
          passThrough(out, convert.targetVar(), convert.source(), convert.origin(), depth);
      case Node.Operate operate -> {} // never active: the analysis rejects it on a gradient path
      case Node.Detach detach -> {}
      case Node.CallDifferentiable call -> {
        List<DifferentiableCallee.Parameter> params = call.callee().parameters();
        JavaExpr g = JavaExpr.atom(adjoint(call.targetVar()));
        for (int i = 0; i < params.size(); i++) {
          if (activity.isActive(call.args().get(i))) {
            JavaExpr partial =
                JavaExpr.atom(call.result().name() + "." + params.get(i).name() + "()");
            accumulate(
                out,
                (Value.Var) call.args().get(i),
                adjointAlgebra.multiply(g, partial),
                call.origin(),
                depth);
          }
        }
      }
      case Node.CallWithDerivative call -> {
        List<RegisteredCallee.Parameter> params = call.callee().parameters();
        JavaExpr g = JavaExpr.atom(adjoint(call.targetVar()));
        for (int i = 0; i < params.size(); i++) {
          if (activity.isActive(call.args().get(i))) {
            RegisteredCallee.MethodRef d = params.get(i).derivative().orElseThrow();
            JavaExpr partial =
                JavaExpr.atom(
                    relative(d.owner()) + "." + d.method() + "(" + arguments(call.args()) + ")");
            accumulate(
                out,
                (Value.Var) call.args().get(i),
                adjointAlgebra.multiply(g, partial),
                call.origin(),
                depth);
          }
        }
      }
      case Node.If branch -> {
        CodeBlock.Builder thenCode = CodeBlock.builder();
        CodeBlock.Builder elseCode = CodeBlock.builder();
        reverseBlock(branch.thenBranch(), thenCode, depth + 1);
        reverseBlock(branch.elseBranch(), elseCode, depth + 1);
        CodeBlock thenBlock = thenCode.build();
        CodeBlock elseBlock = elseCode.build();
        if (thenBlock.isEmpty() && elseBlock.isEmpty()) {
          return;
        }
        String condition = primal(branch.condition()).code();
        if (thenBlock.isEmpty()) {
          out.add(
              "if (!($L)) { // $L: the arm the forward sweep took\n", condition, branch.origin());
          out.indent().add(elseBlock).unindent().add("}\n");
          return;
        }
        out.add("if ($L) { // $L: the arm the forward sweep took\n", condition, branch.origin());
        out.indent().add(thenBlock).unindent();
        if (!elseBlock.isEmpty()) {
          out.add("} else {\n").indent().add(elseBlock).unindent();
        }
        out.add("}\n");
      }
      case Node.Return ret -> {} // seeded in run
    }
  }

  private void reverseBlock(List<Node> nodes, CodeBlock.Builder out, int depth) {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      reverseStatement(nodes.get(i), out, depth);
    }
  }

  private void passThrough(
      CodeBlock.Builder out, Value.Var target, Value source, Origin origin, int depth) {
    if (activity.isActive(source)) {
      accumulate(out, (Value.Var) source, JavaExpr.atom(adjoint(target)), origin, depth);
    }
  }

  /**
   * {@code dV += contribution}. The first contribution at the top level declares the adjoint; one
   * inside a branch declares it, as 0, before the branch.
   */
  private void accumulate(
      CodeBlock.Builder out, Value.Var v, JavaExpr contribution, Origin origin, int depth) {
    String name = adjoint(v);
    if (declaredAdjoints.add(v)) {
      if (depth == 0) {
        out.add(
            "$L $L = $L; // $L\n", v.type().javaName(), name, narrowed(v, contribution), origin);
        return;
      }
      pendingDeclarations.add(
          v.type().javaName()
              + " "
              + name
              + " = "
              + defaultValue(v.type())
              + "; // "
              + origin
              + ": accumulated in the branch below\n");
    }
    out.add("$L += $L; // $L\n", name, contribution.code(), origin);
  }

  // a float adjoint's first contribution may be a double expression (Math.cos returns double);
  // later ones are added with +=, which narrows implicitly
  private String narrowed(Value.Var v, JavaExpr contribution) {
    if (v.type() != IrType.FLOAT || floatAdjoints.contains(contribution.code())) {
      return contribution.code();
    }
    return "(float) " + contribution.at(JavaExpr.UNARY);
  }

  private final Set<String> floatAdjoints = new HashSet<>();

  private String adjoint(Value.Var v) {
    String name = adjointName(v);
    if (v.type() == IrType.FLOAT) {
      floatAdjoints.add(name);
      floatAdjoints.add("-" + name);
    }
    return name;
  }

  private String adjointName(Value.Var v) {
    return adjointNames.computeIfAbsent(
        v,
        k -> names.fresh("d" + Character.toUpperCase(k.name().charAt(0)) + k.name().substring(1)));
  }

  // ---------------------------------------------------------------- helpers

  private static JavaExpr primal(Value value) {
    return switch (value) {
      case Value.Var var -> JavaExpr.atom(var.name());
      case Value.Const c -> JavaExpr.literal(c.javaExpression());
    };
  }

  private static List<JavaExpr> primals(List<Value> values) {
    return values.stream().map(ReverseMode::primal).toList();
  }

  private static String arguments(List<Value> values) {
    return String.join(", ", values.stream().map(v -> primal(v).code()).toList());
  }

  private static String valueComponent(DifferentiableCallee callee) {
    return callee.parameters().stream().anyMatch(p -> p.name().equals("value"))
        ? "primal"
        : "value";
  }

  private static String defaultValue(IrType type) {
    return switch (type) {
      case DOUBLE -> "0.0";
      case FLOAT -> "0.0f";
      case LONG -> "0L";
      case INT -> "0";
      case BOOLEAN -> "false";
    };
  }

  private static Node.Return findReturn(List<Node> body) {
    for (Node node : body) {
      if (node instanceof Node.Return ret) {
        return ret;
      }
    }
    throw new IllegalStateException("the parse pass guarantees a return");
  }

  private String recordType(DifferentiableCallee callee) {
    return qualifier(callee) + callee.resultRecord();
  }

  /** How the generated class refers to the callee's generated class: not at all if it is itself. */
  private String qualifier(DifferentiableCallee callee) {
    return callee.gradientClass().equals(ownGradientClass)
        ? ""
        : relative(callee.gradientClass()) + ".";
  }

  /** A class's name as the generated class, in its package, can write it. */
  private String relative(String qualifiedClass) {
    int ownDot = ownGradientClass.lastIndexOf('.');
    String ownPackage = ownDot < 0 ? "" : ownGradientClass.substring(0, ownDot + 1);
    boolean samePackage =
        qualifiedClass.startsWith(ownPackage)
            && qualifiedClass.indexOf('.', ownPackage.length()) < 0;
    return samePackage ? qualifiedClass.substring(ownPackage.length()) : qualifiedClass;
  }

  /**
   * Declarations of the variables assigned inside {@code branch}, written before it so that the
   * reverse sweep, outside the branch, can read them.
   */
  private List<String> declarationsInside(Node.If branch) {
    List<String> declarations = new ArrayList<>();
    collectDeclarations(branch.thenBranch(), declarations);
    collectDeclarations(branch.elseBranch(), declarations);
    return declarations.stream().distinct().toList();
  }

  private void collectDeclarations(List<Node> nodes, List<String> declarations) {
    for (Node node : nodes) {
      node.target()
          .ifPresent(
              v ->
                  declarations.add(
                      v.type().javaName() + " " + v.name() + " = " + defaultValue(v.type()) + ";"));
      if (node instanceof Node.CallDifferentiable call) {
        declarations.add(recordType(call.callee()) + " " + call.result().name() + " = null;");
      }
      if (node instanceof Node.If inner) {
        collectDeclarations(inner.thenBranch(), declarations);
        collectDeclarations(inner.elseBranch(), declarations);
      }
    }
  }
}
