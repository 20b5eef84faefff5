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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The diff pass: writes the body of a reverse-mode adjoint from the IR.
 *
 * <p>The forward sweep computes the primal, one three-address statement per IR node. The reverse
 * sweep walks the IR backwards and, for each node whose result is active, adds its contribution to
 * each active operand's adjoint, using the rule from {@link ElementwiseRules} written out as
 * source. Each statement carries a comment with the source line it differentiates.
 *
 * <p>Straight-line code never overwrites a value, so the reverse sweep reads the forward sweep's
 * variables directly. Inside a loop a variable is overwritten on every pass; where the reverse
 * sweep reads it, the forward sweep pushes the old value on the {@code Tape} before each overwrite
 * and the reverse sweep pops it back after undoing that statement. So, when the reverse sweep
 * undoes a statement, every variable holds the value it had just after the statement ran forward. A
 * loop pushes its trip count; the reverse sweep runs the body backwards that many times. A branch
 * inside a loop replays its arm from its condition, restored the same way.
 */
public final class ReverseMode {
  private final IrFunction function;
  private final Activity activity;
  private final Names names;
  private final String ownGradientClass;
  private final SourceAlgebra adjointAlgebra = SourceAlgebra.forAdjoint();
  private final Map<Value.Var, String> adjointNames = new LinkedHashMap<>();
  private final Set<Value.Var> declaredAdjoints = new HashSet<>();
  private final List<String> pendingDeclarations = new ArrayList<>();
  private final Set<String> floatAdjoints = new HashSet<>();
  private final Set<Value.Var> needed = new HashSet<>();
  private final Set<Value.Var> definedInLoops = new HashSet<>();
  private final Map<Node.While, String> tripCounts = new LinkedHashMap<>();
  private final Set<String> declaredPrimals = new HashSet<>();
  private String tape;

  /**
   * The generated body.
   *
   * @param prologue statements before the forward sweep (the tape)
   * @param forward statements computing the primal
   * @param reverse statements computing the adjoints, starting from the seed
   * @param value the expression holding the primal result
   * @param partials for each differentiated scalar parameter, the expression holding its partial
   *     (the literal 0 for an inactive one); array parameters' partials are accumulated in place
   */
  public record Adjoint(
      CodeBlock prologue,
      CodeBlock forward,
      CodeBlock reverse,
      String value,
      Map<String, String> partials) {}

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
   * @param arrayAdjoints for each differentiated array parameter, the name of the array its
   *     partials are added into
   */
  public static Adjoint write(
      IrFunction function,
      Activity activity,
      Names names,
      String ownGradientClass,
      String seedName,
      Map<String, String> arrayAdjoints) {
    ReverseMode mode = new ReverseMode(function, activity, names, ownGradientClass);
    for (IrFunction.Parameter p : function.parameters()) {
      String adjoint = arrayAdjoints.get(p.name());
      if (adjoint != null) {
        mode.adjointNames.put(p.variable(), adjoint);
        mode.declaredAdjoints.add(p.variable());
      }
    }
    return mode.run(seedName);
  }

  private Adjoint run(String seedName) {
    function.body().forEach(n -> countDefinitions(n, definitionsInMethod));
    collectLoopFacts(function.body(), false);
    planRecomputation(function.body());
    planLoops(function.body());
    findInvertibleSteps(function.body());
    CodeBlock.Builder forward = CodeBlock.builder();
    for (Node node : function.body()) {
      for (String declaration : newDeclarationsInside(node)) {
        forward.add("$L // $L: set in the block below\n", declaration, node.origin());
      }
      forwardStatement(node, forward, 0, false);
    }

    Node.Return ret = findReturn(function.body());
    String value = primal(ret.value()).code();
    if (ret.value() instanceof Value.Var v && definedInLoops.contains(v)) {
      // the reverse sweep restores loop variables to earlier values: keep the result
      value = names.fresh("value");
      forward.add("$L $L = $L; // $L\n", v.type().javaName(), value, v.name(), ret.origin());
    }
    CodeBlock.Builder reverse = CodeBlock.builder();
    String seedFits = null;
    if (ret.value() instanceof Value.Var result && result.type().isArray()) {
      // a vector result: its adjoint starts as the seed, which must match it. On a mismatch the
      // reverse sweep still runs (with no seed) to take its values off the tape, then throws.
      seedFits = names.fresh("seedFits");
      reverse.add(
          "boolean $L = $L.length == $L.length; // $L\n",
          seedFits,
          seedName,
          result.name(),
          ret.origin());
      if (activity.isActive(result)) {
        String k = names.fresh("k");
        reverse.add(
            "for (int $L = 0; $L < $L.length && $L; $L++) { // $L\n",
            k,
            k,
            seedName,
            seedFits,
            k,
            ret.origin());
        reverse.indent().add("$L[$L] += $L[$L];\n", adjoint(result), k, seedName, k);
        reverse.unindent().add("}\n");
      }
    } else if (activity.isActive(ret.value())) {
      Value.Var result = (Value.Var) ret.value();
      declaredAdjoints.add(result);
      reverse.add(
          "$L $L = $L; // $L\n", result.type().javaName(), adjoint(result), seedName, ret.origin());
    }
    List<Node> body = function.body();
    for (int i = body.size() - 1; i >= 0; i--) {
      CodeBlock.Builder statement = CodeBlock.builder();
      reverseStatement(body.get(i), statement, 0, false);
      for (String declaration : pendingDeclarations) {
        reverse.add("$L", declaration);
      }
      pendingDeclarations.clear();
      reverse.add(statement.build());
    }

    if (seedFits != null) {
      Value.Var result = (Value.Var) ret.value();
      reverse.add("if (!$L) {\n", seedFits).indent();
      reverse.addStatement(
          "throw new $T(\"the seed has length \" + $L.length + \" but $L returns \" + $L.length"
              + " + \" values\")",
          IllegalArgumentException.class,
          seedName,
          function.name(),
          result.name());
      reverse.unindent().add("}\n");
    }
    Map<String, String> partials = new LinkedHashMap<>();
    for (IrFunction.Parameter p : function.parameters()) {
      if (p.differentiated() && !p.variable().type().isArray()) {
        partials.put(
            p.name(),
            declaredAdjoints.contains(p.variable())
                ? adjoint(p.variable())
                : defaultValue(p.variable().type()));
      }
    }
    CodeBlock prologue =
        tape == null
            ? CodeBlock.of("")
            : CodeBlock.of(
                "$T $L = $T.current(); // keeps loop values for the reverse sweep\n",
                TAPE,
                tape,
                TAPE);
    return new Adjoint(prologue, forward.build(), reverse.build(), value, partials);
  }

  private static final com.palantir.javapoet.ClassName TAPE =
      com.palantir.javapoet.ClassName.get("dev.adjoint.runtime.tape", "Tape");

  // ---------------------------------------------------------------- what loops need

  /**
   * Finds the variables defined inside loops, and the variables the reverse sweep reads: operands
   * of active rules, indices of active array accesses, conditions of branches with active code.
   */
  private void collectLoopFacts(List<Node> nodes, boolean inLoop) {
    for (Node node : nodes) {
      if (inLoop) {
        node.target().ifPresent(definedInLoops::add);
        if (node instanceof Node.CallDifferentiable call) {
          definedInLoops.add(call.result());
        }
      }
      switch (node) {
        case Node.Apply apply -> {
          if (activity.isActive(apply.targetVar())) {
            needed.addAll(readByContributions(apply));
          }
        }
        case Node.ArrayLoad load -> {
          if (activity.isActive(load.targetVar())) {
            markNeeded(load.index());
          }
        }
        case Node.ArrayStore store -> {
          if (activity.isActive(store.array())) {
            markNeeded(store.index());
          }
        }
        case Node.CallDifferentiable call -> {
          if (activity.isActive(call.targetVar())) {
            markNeeded(call.result());
          }
        }
        case Node.CallWithDerivative call -> {
          if (activity.isActive(call.targetVar())) {
            call.args().forEach(this::markNeeded);
          }
        }
        case Node.If branch -> {
          // inside a loop the reverse sweep also restores values in the arm taken, so it needs
          // to know the arm even when nothing in it is active
          if (inLoop || hasActive(branch.thenBranch()) || hasActive(branch.elseBranch())) {
            markNeeded(branch.condition());
          }
          collectLoopFacts(branch.thenBranch(), inLoop);
          collectLoopFacts(branch.elseBranch(), inLoop);
        }
        case Node.While loop -> {
          collectLoopFacts(loop.condition(), true);
          collectLoopFacts(loop.body(), true);
        }
        default -> {}
      }
    }
  }

  /**
   * The variables the rule's contributions read, found by writing them: {@code x + y} reads neither
   * operand, {@code x * y} each the other, {@code exp x} its result.
   */
  private Set<Value.Var> readByContributions(Node.Apply apply) {
    Set<Value.Var> reads = new HashSet<>();
    List<JavaExpr> args = primals(apply.args());
    JavaExpr y = JavaExpr.atom(apply.targetVar().name());
    JavaExpr g = JavaExpr.atom("\u0000"); // a name no variable has
    List<Value.Var> candidates = new ArrayList<>();
    apply
        .args()
        .forEach(
            a -> {
              if (a instanceof Value.Var v) {
                candidates.add(v);
              }
            });
    candidates.add(apply.targetVar());
    for (int i = 0; i < apply.args().size(); i++) {
      if (activity.isActive(apply.args().get(i))) {
        String code = ElementwiseRules.partial(apply.op(), adjointAlgebra, args, y, g, i).code();
        for (Value.Var v : candidates) {
          if (java.util.regex.Pattern.compile(
                  "\\b" + java.util.regex.Pattern.quote(v.name()) + "\\b")
              .matcher(code)
              .find()) {
            reads.add(v);
          }
        }
      }
    }
    return reads;
  }

  private void markNeeded(Value value) {
    if (value instanceof Value.Var var) {
      needed.add(var);
    }
  }

  private boolean hasActive(List<Node> nodes) {
    for (Node node : nodes) {
      boolean active =
          switch (node) {
            case Node.If branch -> hasActive(branch.thenBranch()) || hasActive(branch.elseBranch());
            case Node.While loop -> hasActive(loop.body());
            case Node.ArrayStore store -> activity.isActive(store.array());
            default -> node.target().map(activity::isActive).orElse(false);
          };
      if (active) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the forward sweep pushes anything on the tape while running {@code nodes} in a loop. A
   * loop that does is run backwards even with nothing active inside, to pop what it pushed and
   * restore the values it overwrote (an index an enclosing loop's active code reads, say).
   */
  private boolean overwritesSaved(List<Node> nodes) {
    for (Node node : nodes) {
      boolean pushes =
          switch (node) {
            case Node.If branch ->
                overwritesSaved(branch.thenBranch()) || overwritesSaved(branch.elseBranch());
            case Node.While loop -> overwritesSaved(loop.body());
            case Node.CallDifferentiable call ->
                saved(call.result()) || node.target().map(this::saved).orElse(false);
            default -> node.target().map(this::saved).orElse(false) || keepsAdjointArray(node);
          };
      if (pushes) {
        return true;
      }
    }
    return false;
  }

  /** An array copy (an alias) whose adjoint is an alias too. */
  private boolean isActiveArray(Node.Copy copy) {
    return copy.targetVar().type().isArray() && activity.isActive(copy.targetVar());
  }

  /**
   * Whether {@code node} sets an active array's adjoint inside a loop: the forward sweep pushes the
   * adjoint array it replaces, the reverse sweep pops it back.
   */
  private boolean keepsAdjointArray(Node node) {
    boolean setsAdjoint =
        switch (node) {
          case Node.NewArray array -> activity.isActive(array.targetVar());
          case Node.Copy copy -> isActiveArray(copy);
          default -> false;
        };
    return setsAdjoint && definedInLoops.contains(node.target().orElseThrow());
  }

  /** Whether the forward sweep must push {@code v}'s old value before redefining it. */
  private boolean saved(Value.Var v) {
    return definedInLoops.contains(v) && needed.contains(v) && !recomputed.contains(v);
  }

  private final Map<Node.While, Recomputation.Plan> plans = new LinkedHashMap<>();
  private final Set<Value.Var> recomputed = new HashSet<>();
  private final Set<Value.Var> writtenArrays = new HashSet<>();

  /**
   * Integer steps {@code i = i + c} (two nodes: {@code t = i + c; i = t}) inside loops, undone by
   * {@code i = i - c} instead of a push and a pop.
   */
  private final Map<Node, String> inverses = new HashMap<>();

  /** For each invertible step, its signed step as source ({@code 1}, {@code -2}). */
  private final Map<Node, String> steps = new HashMap<>();

  /** Restores of loop counters written as a linear function of the reverse loop's own counter. */
  private final Map<Node, String> linearRestores = new HashMap<>();

  private void findInvertibleSteps(List<Node> nodes) {
    for (int j = 0; j < nodes.size(); j++) {
      Node node = nodes.get(j);
      switch (node) {
        case Node.If branch -> {
          findInvertibleSteps(branch.thenBranch());
          findInvertibleSteps(branch.elseBranch());
        }
        case Node.While loop -> findInvertibleSteps(loop.body());
        case Node.Copy copy -> {
          if (j > 0
              && (copy.targetVar().type() == IrType.INT || copy.targetVar().type() == IrType.LONG)
              && nodes.get(j - 1) instanceof Node.Apply step
              && step.targetVar().equals(copy.source())
              && (step.op() == dev.adjoint.runtime.rules.ElementwiseOp.ADD
                  || step.op() == dev.adjoint.runtime.rules.ElementwiseOp.SUBTRACT)
              && step.args().get(0).equals(copy.targetVar())
              && step.args().get(1) instanceof Value.Const c
              && step.targetVar().type() == copy.targetVar().type()) {
            String inverse = step.op() == dev.adjoint.runtime.rules.ElementwiseOp.ADD ? "-" : "+";
            inverses.put(copy, copy.targetVar().name() + " " + inverse + " " + c.javaExpression());
            steps.put(copy, (inverse.equals("-") ? "" : "-") + c.javaExpression());
          }
        }
        default -> {}
      }
    }
  }

  /** Plans, for every loop with active code, what its reverse passes recompute. */
  private void planRecomputation(List<Node> nodes) {
    for (Node node : nodes) {
      switch (node) {
        case Node.ArrayStore store -> writtenArrays.add(store.array());
        case Node.If branch -> {
          planRecomputation(branch.thenBranch());
          planRecomputation(branch.elseBranch());
        }
        case Node.While loop -> planRecomputation(loop.body());
        default -> {}
      }
    }
  }

  private void planLoops(List<Node> nodes) {
    for (Node node : nodes) {
      switch (node) {
        case Node.If branch -> {
          planLoops(branch.thenBranch());
          planLoops(branch.elseBranch());
        }
        case Node.While loop -> {
          Recomputation.Plan plan =
              Recomputation.plan(loop, needed, writtenArrays, definitionsInMethod);
          plans.put(loop, plan);
          recomputed.addAll(plan.recomputed());
          // recomputing reads what the recomputed values are computed from: the loop counter
          for (Node n : plan.block()) {
            for (Value operand : dev.adjoint.processor.analysis.ActivityAnalysis.operands(n)) {
              if (operand instanceof Value.Var var && !plan.recomputed().contains(var)) {
                needed.add(var);
              }
            }
          }
          planLoops(loop.body());
        }
        default -> {}
      }
    }
  }

  private String tape() {
    if (tape == null) {
      tape = names.fresh("tape");
    }
    return tape;
  }

  // ---------------------------------------------------------------- forward sweep

  private void forwardStatement(Node node, CodeBlock.Builder out, int depth, boolean inLoop) {
    if (inLoop) {
      saveBeforeOverwrite(node, out);
    }
    switch (node) {
      case Node.Apply apply -> {
        SourceAlgebra algebra = SourceAlgebra.forPrimal(apply.mathClass());
        JavaExpr value = ElementwiseRules.value(apply.op(), algebra, primals(apply.args()));
        define(out, apply.targetVar(), value.code(), apply.origin(), depth, null);
      }
      case Node.Copy copy -> {
        define(out, copy.targetVar(), primal(copy.source()).code(), copy.origin(), depth, null);
        if (isActiveArray(copy)) {
          // an array copy is an alias: so is its adjoint, and the reverse sweep has nothing to do
          String adjoint = adjoint(copy.targetVar());
          declaredAdjoints.add(copy.targetVar());
          out.add(
              "$L$L = $L; // $L: its adjoint\n",
              depth == 0 && declaredPrimals.add(adjoint)
                  ? copy.targetVar().type().javaName() + " "
                  : "",
              adjoint,
              adjoint((Value.Var) copy.source()),
              copy.origin());
        }
      }
      case Node.Convert convert -> {
        JavaExpr source = primal(convert.source());
        String code =
            convert.targetVar().type().acceptsWithoutCast(convert.source().type())
                ? source.code()
                : "(" + convert.targetVar().type().javaName() + ") " + source.at(JavaExpr.UNARY);
        define(out, convert.targetVar(), code, convert.origin(), depth, null);
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
        define(out, operate.targetVar(), code, operate.origin(), depth, null);
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
            relative(call.callee().owner())
                + "."
                + call.callee().method()
                + "("
                + arguments(call.args())
                + ")";
        define(out, call.targetVar(), code, call.origin(), depth, null);
      }
      case Node.NewArray array -> {
        String type = array.targetVar().type().elementType().javaName();
        String length = primal(array.length()).code();
        define(
            out,
            array.targetVar(),
            "new " + type + "[" + length + "]",
            array.origin(),
            depth,
            null);
        if (activity.isActive(array.targetVar())) {
          String adjoint = adjoint(array.targetVar());
          declaredAdjoints.add(array.targetVar());
          out.add(
              "$L$L = new $L[$L]; // $L: its adjoint\n",
              depth == 0 && declaredPrimals.add(adjoint)
                  ? array.targetVar().type().javaName() + " "
                  : "",
              adjoint,
              type,
              length,
              array.origin());
        }
      }
      case Node.ArrayLength length ->
          define(
              out,
              length.targetVar(),
              length.array().name() + ".length",
              length.origin(),
              depth,
              null);
      case Node.ArrayLoad load ->
          define(
              out,
              load.targetVar(),
              load.array().name() + "[" + primal(load.index()).code() + "]",
              load.origin(),
              depth,
              null);
      case Node.ArrayStore store ->
          out.add(
              "$L[$L] = $L; // $L\n",
              store.array().name(),
              primal(store.index()).code(),
              primal(store.value()).code(),
              store.origin());
      case Node.If branch -> {
        out.add("if ($L) { // $L\n", primal(branch.condition()).code(), branch.origin());
        out.indent();
        branch.thenBranch().forEach(n -> forwardStatement(n, out, depth + 1, inLoop));
        out.unindent();
        if (!branch.elseBranch().isEmpty()) {
          out.add("} else {\n").indent();
          branch.elseBranch().forEach(n -> forwardStatement(n, out, depth + 1, inLoop));
          out.unindent();
        }
        out.add("}\n");
      }
      case Node.While loop -> forwardLoop(loop, out, depth, inLoop);
      case Node.Return ret -> {} // the value is returned with the partials
    }
  }

  /**
   * {@code while (test) body}, counting its passes. The condition's nodes run before the first pass
   * and again after each one; they compute only the test, which the reverse sweep never needs.
   */
  private void forwardLoop(Node.While loop, CodeBlock.Builder out, int depth, boolean inLoop) {
    String count = null;
    if (hasActive(loop.body()) || overwritesSaved(loop.body())) {
      count = names.fresh("passes");
      tripCounts.put(loop, count);
      out.add("int $L = 0; // $L: passes of the loop below\n", count, loop.origin());
    }
    loop.condition().forEach(n -> forwardStatement(n, out, depth + 1, false));
    out.add("while ($L) { // $L\n", primal(loop.test()).code(), loop.origin()).indent();
    if (count != null) {
      out.add("$L++;\n", count);
    }
    loop.body().forEach(n -> forwardStatement(n, out, depth + 1, true));
    loop.condition().forEach(n -> forwardStatement(n, out, depth + 1, false));
    out.unindent().add("}\n");
    if (count != null && depth > 0) {
      // inside a block, the count would go out of scope: the reverse sweep pops it
      out.add("$L.pushInt($L); // $L: for the reverse sweep\n", tape(), count, loop.origin());
    }
  }

  private void saveBeforeOverwrite(Node node, CodeBlock.Builder out) {
    List<Value.Var> overwritten = new ArrayList<>();
    node.target()
        .filter(this::saved)
        .filter(v -> !inverses.containsKey(node))
        .ifPresent(overwritten::add);
    if (node instanceof Node.CallDifferentiable call && saved(call.result())) {
      overwritten.add(call.result());
    }
    for (Value.Var v : overwritten) {
      out.add(
          "$L.$L($L); // $L: the reverse sweep needs the value it overwrites\n",
          tape(),
          pushMethod(v.type(), v == resultOf(node)),
          v.name(),
          node.origin());
    }
    if (keepsAdjointArray(node)) {
      out.add(
          "$L.pushObject($L); // $L\n",
          tape(),
          adjoint(node.target().orElseThrow()),
          node.origin());
    }
  }

  private static Value.Var resultOf(Node node) {
    return node instanceof Node.CallDifferentiable call ? call.result() : null;
  }

  private static String pushMethod(IrType type, boolean object) {
    if (object || type.isArray()) {
      return "pushObject";
    }
    return switch (type) {
      case DOUBLE -> "pushDouble";
      case FLOAT -> "pushFloat";
      case LONG -> "pushLong";
      case INT -> "pushInt";
      case BOOLEAN -> "pushBoolean";
      default -> "pushObject";
    };
  }

  private static String popMethod(IrType type, boolean object) {
    return pushMethod(type, object).replace("push", "pop");
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
          depth,
          null);
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
        depth,
        null);
  }

  private void define(
      CodeBlock.Builder out, Value.Var target, String code, Origin origin, int depth, String note) {
    String type =
        depth == 0 && declaredPrimals.add(target.name()) ? target.type().javaName() + " " : "";
    String comment = note == null ? origin.toString() : origin + ": " + note;
    out.add("$L$L = $L; // $L\n", type, target.name(), code, comment);
  }

  // ---------------------------------------------------------------- reverse sweep

  private void reverseStatement(Node node, CodeBlock.Builder out, int depth, boolean inLoop) {
    switch (node) {
      case Node.If branch -> reverseBranch(branch, out, depth, inLoop);
      case Node.While loop -> reverseLoop(loop, out, depth);
      case Node.ArrayStore store -> {
        if (activity.isActive(store.array())) {
          ensureDeclared(store.array(), store.origin());
          String element = adjoint(store.array()) + "[" + primal(store.index()).code() + "]";
          if (activity.isActive(store.value())) {
            accumulate(
                out, (Value.Var) store.value(), JavaExpr.atom(element), store.origin(), depth);
          }
          // the element's earlier value reaches nothing after this store
          out.add("$L = 0; // $L\n", element, store.origin());
        }
      }
      case Node.Return ret -> {} // seeded in run
      default -> {
        Value.Var target = node.target().orElseThrow();
        if (activity.isActive(target)) {
          ensureDeclared(target, node.origin());
          contributions(node, out, depth);
          Pass pass = passes.peek();
          // a pass that sets the adjoint with its first contribution needs no clearing
          boolean setEachPass = pass != null && pass.assigned.contains(target);
          if (inLoop && !target.type().isArray() && !setEachPass) {
            // the variable's earlier value, defined on an earlier pass, starts from zero
            out.add(
                "$L = $L; // $L\n", adjoint(target), defaultValue(target.type()), node.origin());
          }
        }
        if (inLoop) {
          restoreAfterUndo(node, out);
        }
      }
    }
  }

  private void contributions(Node node, CodeBlock.Builder out, int depth) {
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
      case Node.Copy copy -> {
        if (!copy.targetVar().type().isArray()) { // an array copy's adjoint is an alias
          passThrough(out, copy.targetVar(), copy.source(), copy.origin(), depth);
        }
      }
      case Node.Convert convert ->
          passThrough(out, convert.targetVar(), convert.source(), convert.origin(), depth);
      case Node.ArrayLoad load -> {
        if (activity.isActive(load.array())) {
          String element = adjoint(load.array()) + "[" + primal(load.index()).code() + "]";
          out.add("$L += $L; // $L\n", element, adjoint(load.targetVar()), load.origin());
        }
      }
      case Node.CallDifferentiable call -> {
        List<DifferentiableCallee.Parameter> params = call.callee().parameters();
        JavaExpr g = JavaExpr.atom(adjoint(call.targetVar()));
        for (int i = 0; i < params.size(); i++) {
          if (activity.isActive(call.args().get(i)) && params.get(i).type().isArray()) {
            // an array argument: the callee's partials form an array too
            Value.Var array = (Value.Var) call.args().get(i);
            String k = names.fresh("k");
            out.add(
                "for (int $L = 0; $L < $L.length; $L++) { // $L\n",
                k,
                k,
                array.name(),
                k,
                call.origin());
            out.indent()
                .add(
                    "$L[$L] += $L;\n",
                    adjoint(array),
                    k,
                    adjointAlgebra
                        .multiply(
                            g,
                            JavaExpr.atom(
                                call.result().name()
                                    + "."
                                    + params.get(i).name()
                                    + "()["
                                    + k
                                    + "]"))
                        .code());
            out.unindent().add("}\n");
          } else if (activity.isActive(call.args().get(i))) {
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
      // never active: the analysis rejects operators without rules on a gradient path, and
      // detached values, array creations and lengths carry no derivative
      case Node.Operate operate -> {}
      case Node.Detach detach -> {}
      case Node.NewArray array -> {}
      case Node.ArrayLength length -> {}
      case Node.ArrayStore store -> {}
      case Node.If branch -> {}
      case Node.While loop -> {}
      case Node.Return ret -> {}
    }
  }

  private void restoreAfterUndo(Node node, CodeBlock.Builder out) {
    if (keepsAdjointArray(node)) {
      out.add(
          "$L = $L.popObject(); // $L\n",
          adjoint(node.target().orElseThrow()),
          tape(),
          node.origin());
    }
    if (node instanceof Node.CallDifferentiable call && saved(call.result())) {
      out.add("$L = $L.popObject(); // $L\n", call.result().name(), tape(), node.origin());
    }
    Value.Var target = node.target().orElseThrow();
    if (saved(target) && linearRestores.containsKey(node)) {
      out.add(
          "$L = $L; // $L: the value during this pass, nothing stored\n",
          target.name(),
          linearRestores.get(node),
          node.origin());
    } else if (saved(target) && inverses.containsKey(node)) {
      out.add(
          "$L = $L; // $L: undoes the step, nothing stored\n",
          target.name(),
          inverses.get(node),
          node.origin());
    } else if (saved(target)) {
      out.add(
          "$L = $L.$L(); // $L: the value before this statement\n",
          target.name(),
          tape(),
          popMethod(target.type(), false),
          node.origin());
    }
  }

  private void reverseBranch(Node.If branch, CodeBlock.Builder out, int depth, boolean inLoop) {
    CodeBlock.Builder thenCode = CodeBlock.builder();
    CodeBlock.Builder elseCode = CodeBlock.builder();
    reverseBlock(branch.thenBranch(), thenCode, depth + 1, inLoop);
    reverseBlock(branch.elseBranch(), elseCode, depth + 1, inLoop);
    CodeBlock thenBlock = thenCode.build();
    CodeBlock elseBlock = elseCode.build();
    if (thenBlock.isEmpty() && elseBlock.isEmpty()) {
      return;
    }
    String condition = primal(branch.condition()).code();
    if (thenBlock.isEmpty()) {
      out.add(
          "if (!$L) { // $L: the arm the forward sweep took\n",
          primal(branch.condition()).at(JavaExpr.UNARY),
          branch.origin());
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

  private void reverseLoop(Node.While loop, CodeBlock.Builder out, int depth) {
    String count = tripCounts.get(loop);
    if (count == null) {
      return; // nothing active inside, nothing on the tape
    }
    Recomputation.Plan plan = plans.get(loop);
    List<Node> nodes = loop.body();
    int split = plan == null ? 0 : plan.suffixStart();
    String k = names.fresh("pass");
    String passCount = count;
    if (depth > 0) {
      passCount = names.fresh("passesHere");
      out.add("int $L = $L.popInt(); // $L\n", passCount, tape(), loop.origin());
    }
    // a counter stepped once a pass (i += c) is, during pass k, final - c·(passes + 1 - k): a
    // linear function of k, which the JIT's range-check elimination understands
    for (Node node : nodes.subList(split, nodes.size())) {
      String step = steps.get(node);
      Value.Var counter = node.target().orElseThrow();
      if (step != null && definedOnceIn(loop, counter) && saved(counter)) {
        String base = names.fresh(counter.name() + "Base");
        boolean unit = step.equals("1") || step.equals("-1");
        String scaled = unit ? "" : "(" + step + ") * ";
        String sign = step.startsWith("-") && unit ? "+" : "-";
        out.add(
            "$L $L = $L $L $L($L + 1); // $L: $L before the first pass\n",
            counter.type().javaName(),
            base,
            counter.name(),
            unit ? sign : "-",
            scaled,
            passCount,
            node.origin(),
            counter.name());
        linearRestores.put(
            node, base + (unit ? (sign.equals("-") ? " + " : " - ") : " + " + scaled) + k);
      }
    }
    CodeBlock.Builder body = CodeBlock.builder();
    passes.push(new Pass(depth + 1, passLocalCandidates(nodes)));
    reverseBlock(nodes.subList(split, nodes.size()), body, depth + 1, true);
    if (plan != null && !plan.block().isEmpty()) {
      body.add("// recomputed rather than stored: the values of this pass\n");
      plan.block().forEach(n -> forwardStatement(n, body, depth + 1, false));
    }
    reverseBlock(nodes.subList(0, split), body, depth + 1, true);
    passes.pop();
    out.add(
        "for (int $L = $L; $L > 0; $L--) { // $L: the loop's passes, last first\n",
        k,
        passCount,
        k,
        k,
        loop.origin());
    out.indent().add(body.build()).unindent().add("}\n");
  }

  private static boolean definedOnceIn(Node.While loop, Value.Var var) {
    Map<Value.Var, Integer> counts = new HashMap<>();
    loop.condition().forEach(n -> countDefinitions(n, counts));
    loop.body().forEach(n -> countDefinitions(n, counts));
    return counts.getOrDefault(var, 0) == 1;
  }

  private void reverseBlock(List<Node> nodes, CodeBlock.Builder out, int depth, boolean inLoop) {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      reverseStatement(nodes.get(i), out, depth, inLoop);
    }
  }

  private void passThrough(
      CodeBlock.Builder out, Value.Var target, Value source, Origin origin, int depth) {
    if (activity.isActive(source)) {
      accumulate(out, (Value.Var) source, JavaExpr.atom(adjoint(target)), origin, depth);
    }
  }

  /** Declares {@code v}'s adjoint, as 0, before the current outermost statement if need be. */
  private void ensureDeclared(Value.Var v, Origin origin) {
    if (declaredAdjoints.add(v)) {
      pendingDeclarations.add(
          v.type().javaName()
              + " "
              + adjoint(v)
              + " = "
              + defaultValue(v.type())
              + "; // "
              + origin
              + ": accumulated in the block below\n");
    }
  }

  /**
   * {@code dV += contribution}. The first contribution at the top level declares the adjoint; one
   * inside a branch or loop declares it, as 0, before the outermost statement.
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
              + ": accumulated in the block below\n");
    }
    Pass pass = passes.peek();
    if (pass != null && depth == pass.depth && pass.candidates.contains(v) && !pass.touched(v)) {
      // the first contribution of this pass, unconditional: it sets the adjoint, so no earlier
      // pass's value needs clearing (and no 0 + x the JIT may not fold)
      pass.assigned.add(v);
      out.add("$L = $L; // $L\n", name, narrowed(v, contribution), origin);
      return;
    }
    if (pass != null) {
      pass.accumulated.add(v);
    }
    out.add("$L += $L; // $L\n", name, contribution.code(), origin);
  }

  /**
   * One reverse pass of a loop body being written. Variables the body defines at its top level
   * before any read are the pass's own; when their first contribution in the pass is unconditional
   * it assigns the adjoint, and their definition need not clear it.
   */
  private static final class Pass {
    final int depth;
    final Set<Value.Var> candidates;
    final Set<Value.Var> assigned = new HashSet<>();
    final Set<Value.Var> accumulated = new HashSet<>();

    Pass(int depth, Set<Value.Var> candidates) {
      this.depth = depth;
      this.candidates = candidates;
    }

    boolean touched(Value.Var v) {
      return assigned.contains(v) || accumulated.contains(v);
    }
  }

  private final java.util.Deque<Pass> passes = new java.util.ArrayDeque<>();

  /** How often each variable is defined in the whole method. */
  private final Map<Value.Var, Integer> definitionsInMethod = new HashMap<>();

  /**
   * Variables defined once in the whole method, at the top level of this body, before any read of
   * them in it: only this pass contributes to their adjoints. A variable the loop carries out (a
   * source variable assigned in the loop, also defined before it) gets contributions from after the
   * loop too, so it is not one.
   */
  private Set<Value.Var> passLocalCandidates(List<Node> body) {
    Set<Value.Var> candidates = passLocalCandidatesIn(body);
    candidates.removeIf(v -> definitionsInMethod.getOrDefault(v, 0) != 1);
    return candidates;
  }

  private static Set<Value.Var> passLocalCandidatesIn(List<Node> body) {
    Set<Value.Var> candidates = new HashSet<>();
    Set<Value.Var> read = new HashSet<>();
    Map<Value.Var, Integer> definitions = new HashMap<>();
    for (Node node : body) {
      collectReads(node, read);
      Map<Value.Var, Integer> counts = new HashMap<>();
      countDefinitions(node, counts);
      counts.forEach((v, c) -> definitions.merge(v, c, Integer::sum));
      node.target().filter(v -> !read.contains(v)).ifPresent(candidates::add);
    }
    candidates.removeIf(v -> definitions.getOrDefault(v, 0) != 1);
    return candidates;
  }

  private static void collectReads(Node node, Set<Value.Var> read) {
    for (Value v : dev.adjoint.processor.analysis.ActivityAnalysis.operands(node)) {
      if (v instanceof Value.Var var) {
        read.add(var);
      }
    }
    switch (node) {
      case Node.If branch -> {
        branch.thenBranch().forEach(n -> collectReads(n, read));
        branch.elseBranch().forEach(n -> collectReads(n, read));
      }
      case Node.While loop -> {
        loop.condition().forEach(n -> collectReads(n, read));
        loop.body().forEach(n -> collectReads(n, read));
      }
      default -> {}
    }
  }

  private static void countDefinitions(Node node, Map<Value.Var, Integer> counts) {
    node.target().ifPresent(v -> counts.merge(v, 1, Integer::sum));
    switch (node) {
      case Node.If branch -> {
        branch.thenBranch().forEach(n -> countDefinitions(n, counts));
        branch.elseBranch().forEach(n -> countDefinitions(n, counts));
      }
      case Node.While loop -> {
        loop.condition().forEach(n -> countDefinitions(n, counts));
        loop.body().forEach(n -> countDefinitions(n, counts));
      }
      default -> {}
    }
  }

  // a float adjoint's first contribution may be a double expression (Math.cos returns double);
  // later ones are added with +=, which narrows implicitly
  private String narrowed(Value.Var v, JavaExpr contribution) {
    if (v.type() != IrType.FLOAT || floatAdjoints.contains(contribution.code())) {
      return contribution.code();
    }
    return "(float) " + contribution.at(JavaExpr.UNARY);
  }

  private String adjoint(Value.Var v) {
    String name =
        adjointNames.computeIfAbsent(
            v,
            k ->
                names.fresh(
                    "d" + Character.toUpperCase(k.name().charAt(0)) + k.name().substring(1)));
    if (v.type() == IrType.FLOAT) {
      floatAdjoints.add(name);
      floatAdjoints.add("-" + name);
    }
    return name;
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
      default -> "null";
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
   * Declarations of the variables assigned inside {@code node}'s blocks, written before it so that
   * later statements and the reverse sweep, outside those blocks, can read them.
   */
  private List<String> declarationsInside(Node node) {
    List<String> declarations = new ArrayList<>();
    switch (node) {
      case Node.If branch -> {
        collectDeclarations(branch.thenBranch(), declarations);
        collectDeclarations(branch.elseBranch(), declarations);
      }
      case Node.While loop -> {
        collectDeclarations(loop.condition(), declarations);
        collectDeclarations(loop.body(), declarations);
      }
      default -> {}
    }
    return declarations.stream().distinct().toList();
  }

  private List<String> newDeclarationsInside(Node node) {
    List<String> fresh = new ArrayList<>();
    for (String declaration : declarationsInside(node)) {
      // "type name = default;": declare each variable once, whichever block sets it first
      String name = declaration.split(" ")[1];
      if (declaredPrimals.add(name)) {
        fresh.add(declaration);
      }
    }
    return fresh;
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
      if (node instanceof Node.NewArray array && activity.isActive(array.targetVar())) {
        declarations.add(
            array.targetVar().type().javaName() + " " + adjoint(array.targetVar()) + " = null;");
      }
      if (node instanceof Node.Copy copy && isActiveArray(copy)) {
        declarations.add(
            copy.targetVar().type().javaName() + " " + adjoint(copy.targetVar()) + " = null;");
      }
      declarations.addAll(declarationsInside(node));
    }
  }
}
