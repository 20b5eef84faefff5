package dev.adjoint.processor.analysis;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.RegisteredCallee;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which values get adjoints: those that are <em>varied</em> (depend on a differentiated
 * input) and <em>useful</em> (reach the result). Nothing else costs work in the reverse sweep.
 *
 * <p>It also finds the places where a derivative would silently vanish or is unknown, and reports
 * them: a piecewise-constant function or a cast to an integral type on a gradient path (ADJ104), an
 * operator without a rule on one (ADJ102), a differentiated value passed to a callee parameter
 * without a derivative (ADJ109).
 *
 * <p>The IR is in single-assignment form, so one forward and one backward walk suffice.
 */
public final class ActivityAnalysis {
  private final Set<Value.Var> varied = new HashSet<>();
  private final Set<Value.Var> useful = new HashSet<>();

  /**
   * For each array variable, the variables that hold the same array ({@code double[] b = a;}): a
   * store through one is a store into all, so they are varied and useful together.
   */
  private final Map<Value.Var, Set<Value.Var>> aliases = new HashMap<>();

  private ActivityAnalysis() {}

  /** Runs the analysis; throws {@link DiagnosticException} where a gradient path breaks. */
  public static Activity analyze(IrFunction function) {
    ActivityAnalysis analysis = new ActivityAnalysis();
    analysis.collectAliases(function.body());
    for (IrFunction.Parameter p : function.parameters()) {
      if (p.differentiated()) {
        analysis.varied.add(p.variable());
      }
    }
    for (IrFunction.FieldLeaf leaf : function.fieldLeaves()) {
      analysis.varied.add(leaf.variable());
    }
    analysis.forward(function.body());
    analysis.backward(function.body());
    Set<Value.Var> active = new HashSet<>();
    for (Value.Var v : analysis.varied) {
      if (analysis.useful.contains(v) && v.type().carriesDerivative()) {
        active.add(v);
      }
    }
    analysis.check(function.body());
    return new Activity(active);
  }

  private void collectAliases(List<Node> nodes) {
    for (Node node : nodes) {
      switch (node) {
        case Node.If branch -> {
          collectAliases(branch.thenBranch());
          collectAliases(branch.elseBranch());
        }
        case Node.While loop -> {
          collectAliases(loop.condition());
          collectAliases(loop.body());
        }
        case Node.Copy copy -> {
          if (copy.targetVar().type().isArray() && copy.source() instanceof Value.Var source) {
            Set<Value.Var> merged = new HashSet<>(aliasesOf(copy.targetVar()));
            merged.addAll(aliasesOf(source));
            merged.forEach(v -> aliases.put(v, merged));
          }
        }
        default -> {}
      }
    }
  }

  private Set<Value.Var> aliasesOf(Value.Var v) {
    return aliases.getOrDefault(v, Set.of(v));
  }

  private void addVaried(Value.Var v) {
    varied.addAll(aliasesOf(v));
  }

  private void forward(List<Node> nodes) {
    for (Node node : nodes) {
      switch (node) {
        case Node.If branch -> {
          forward(branch.thenBranch());
          forward(branch.elseBranch());
        }
        case Node.While loop -> {
          // values flow around the back edge: repeat until nothing new is varied
          int before;
          do {
            before = varied.size();
            forward(loop.condition());
            forward(loop.body());
          } while (varied.size() != before);
        }
        case Node.Detach detach -> {} // the derivative stops here, by request
        case Node.Operate operate -> {
          // comparisons yield booleans: which branch runs is a constant for differentiation
          if (!operate.operator().yieldsBoolean() && anyVaried(operate.args())) {
            varied.add(operate.targetVar());
          }
        }
        case Node.ArrayLoad load -> {
          if (isVaried(load.array())) {
            varied.add(load.targetVar());
          }
        }
        case Node.ArrayStore store -> {
          if (isVaried(store.value())) {
            addVaried(store.array());
          }
        }
        case Node.NewArray array -> {}
        case Node.ArrayLength length -> {}
        case Node.Return ret -> {}
        case Node.Throw failure -> {} // what it reads reaches no result
        case Node.ElementRead read -> {
          // a sub-model's tensor, read in its pass: a leaf, like the receiver's own tensors
          if (read.leaf()) {
            varied.add(read.targetVar());
          }
        }
        default -> {
          if (node instanceof Node.Copy copy
              && copy.targetVar().type().isArray()
              && isVaried(copy.targetVar())
              && copy.source() instanceof Value.Var source) {
            varied.add(source);
          }
          if (anyVaried(operands(node))) {
            addVaried(node.target().orElseThrow());
          }
        }
      }
    }
  }

  private void backward(List<Node> nodes) {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node node = nodes.get(i);
      switch (node) {
        case Node.Return ret -> markUseful(ret.value());
        case Node.If branch -> {
          backward(branch.thenBranch());
          backward(branch.elseBranch());
        }
        case Node.While loop -> {
          int before;
          do {
            before = useful.size();
            backward(loop.body());
            backward(loop.condition());
          } while (useful.size() != before);
        }
        case Node.Detach detach -> {}
        case Node.ArrayLoad load -> {
          if (useful.contains(load.targetVar())) {
            markUseful(load.array());
          }
        }
        case Node.ArrayStore store -> {
          if (useful.contains(store.array())) {
            markUseful(store.value());
          }
        }
        case Node.NewArray array -> {}
        case Node.ArrayLength length -> {}
        case Node.Throw failure -> {}
        default -> {
          if (useful.contains(node.target().orElseThrow())) {
            operands(node).forEach(this::markUseful);
          }
          if (node instanceof Node.Copy copy
              && copy.targetVar().type().isArray()
              && copy.source() instanceof Value.Var source
              && useful.contains(source)) {
            useful.add(copy.targetVar()); // the alias's stores reach the original's readers
          }
        }
      }
    }
  }

  private void check(List<Node> nodes) {
    for (Node node : nodes) {
      if (node instanceof Node.If branch) {
        check(branch.thenBranch());
        check(branch.elseBranch());
        continue;
      }
      if (node instanceof Node.While loop) {
        check(loop.condition());
        check(loop.body());
        continue;
      }
      Value.Var target = node.target().orElse(null);
      if (target == null || !varied.contains(target) || !useful.contains(target)) {
        continue;
      }
      switch (node) {
        case Node.Apply apply -> {
          // signum's derivative, 0, is the one users expect (sign(v)·c, a friction's direction);
          // floor, ceil and rint usually stand for a smooth function meant otherwise
          if (apply.op().isPiecewiseConstant() && apply.op() != ElementwiseOp.SIGNUM) {
            String name = apply.mathClass() + "." + apply.op().mathMethod().orElseThrow();
            throw new DiagnosticException(
                DiagnosticId.ADJ104,
                apply.origin(),
                name
                    + " is piecewise constant: its derivative is 0 almost everywhere, so no"
                    + " gradient flows through it; if that is intended, wrap it in"
                    + " Adjoint.noDerivative(...), else use a smooth function");
          }
        }
        case Node.TensorApply apply -> checkTensorOperands(apply);
        case Node.Convert convert -> {
          if (!target.type().isFloating() && convert.source().type().isFloating()) {
            throw new DiagnosticException(
                DiagnosticId.ADJ104,
                convert.origin(),
                "the cast to "
                    + target.type().javaName()
                    + " truncates a differentiated value,"
                    + " so no gradient flows through it; if that is intended, wrap the value in"
                    + " Adjoint.noDerivative(...) before the cast");
          }
        }
        case Node.Operate operate ->
            throw new DiagnosticException(
                DiagnosticId.ADJ102,
                operate.origin(),
                "operator "
                    + operate.operator().symbol()
                    + " has no derivative rule, and a"
                    + " differentiated value flows through it; wrap the operand in"
                    + " Adjoint.noDerivative(...) if no gradient should flow");
        case Node.CallDifferentiable call -> checkCall(call);
        case Node.CallWithDerivative call -> checkCall(call);
        default -> {}
      }
    }
  }

  // a Java number that carries a derivative into a tensor operation would need its adjoint summed
  // out of a tensor: not supported, and never silently dropped
  private void checkTensorOperands(Node.TensorApply apply) {
    for (Value v : apply.args()) {
      if (v.type() != IrType.TENSOR && isVaried(v)) {
        throw new DiagnosticException(
            DiagnosticId.ADJ113,
            apply.origin(),
            "'"
                + v
                + "' depends on a differentiated input and is a Java number operand of "
                + apply.primitive().name()
                + "; gradients reach tensors, not Java numbers, in tensor code: make it a"
                + " tensor (Tensor.scalar(...)) or wrap it in Adjoint.noDerivative(...)");
      }
    }
  }

  private void checkCall(Node.CallDifferentiable call) {
    List<DifferentiableCallee.Parameter> params = call.callee().parameters();
    for (int i = 0; i < params.size(); i++) {
      if (isVaried(call.args().get(i)) && !params.get(i).differentiated()) {
        throw new DiagnosticException(
            DiagnosticId.ADJ109,
            call.origin(),
            "argument '"
                + call.argumentSource(i)
                + "' depends on a differentiated input, but "
                + call.callee().method()
                + " is not differentiable with respect to its parameter '"
                + params.get(i).name()
                + "'; include it in @Differentiable(wrt = ...) there, or"
                + " wrap the argument in Adjoint.noDerivative(...)");
      }
    }
  }

  // a call without partials is a constant for the gradient: fine unless a differentiated value
  // reaches the result through it
  private void checkCall(Node.CallWithDerivative call) {
    Value.Var target = call.targetVar();
    if (!useful.contains(target) || !target.type().carriesDerivative()) {
      return;
    }
    List<RegisteredCallee.Parameter> params = call.callee().parameters();
    boolean registered = params.stream().anyMatch(p -> p.derivative().isPresent());
    for (int i = 0; i < params.size(); i++) {
      if (!isVaried(call.args().get(i)) || params.get(i).derivative().isPresent()) {
        continue;
      }
      String name = call.callee().method();
      String argument = call.argumentSource(i);
      if (!registered && isMath(call.callee().owner())) {
        throw new DiagnosticException(
            DiagnosticId.ADJ103,
            call.origin(),
            call.callee().owner().simpleName()
                + "."
                + name
                + " has no derivative rule and '"
                + argument
                + "', a differentiated value, reaches the result through it: wrap the call in"
                + " Adjoint.noDerivative(...) if no gradient should flow through it, or call it"
                + " in a method of yours with @Derivative partials");
      }
      if (!registered) {
        throw new DiagnosticException(
            DiagnosticId.ADJ103,
            call.origin(),
            "call to "
                + name
                + ", which has no derivative, with the differentiated argument '"
                + argument
                + "': mark it @Differentiable, register its partials with @Derivative(of = \""
                + name
                + "\", wrt = ...), or wrap the call in Adjoint.noDerivative(...)");
      }
      throw new DiagnosticException(
          DiagnosticId.ADJ109,
          call.origin(),
          "argument '"
              + argument
              + "' depends on a differentiated input, but no"
              + " @Derivative of "
              + name
              + " with respect to '"
              + params.get(i).name()
              + "' is registered; add one, or wrap the argument in"
              + " Adjoint.noDerivative(...)");
    }
  }

  /** The values a node reads to compute its target. */
  public static List<Value> operands(Node node) {
    return switch (node) {
      case Node.Apply apply -> apply.args();
      case Node.TensorApply apply -> {
        List<Value> all = new java.util.ArrayList<>(apply.args());
        all.addAll(apply.params());
        yield all;
      }
      case Node.Copy copy -> List.of(copy.source());
      case Node.Convert convert -> List.of(convert.source());
      case Node.Operate operate -> operate.args();
      case Node.Detach detach -> List.of(detach.source());
      case Node.CallDifferentiable call -> call.args();
      case Node.CallWithDerivative call -> call.args();
      case Node.If branch -> List.of(branch.condition());
      case Node.While loop -> List.of(loop.test());
      case Node.NewArray array -> List.of(array.length());
      case Node.ArrayLength length -> List.of(length.array());
      case Node.ArrayLoad load -> List.of(load.array(), load.index());
      case Node.ArrayStore store -> List.of(store.array(), store.index(), store.value());
      case Node.ElementRead read -> List.of(read.index());
      case Node.Return ret -> List.of(ret.value());
      case Node.Throw failure -> failure.reads();
    };
  }

  private boolean anyVaried(List<Value> values) {
    return values.stream().anyMatch(this::isVaried);
  }

  private boolean isVaried(Value value) {
    return value instanceof Value.Var var && varied.contains(var);
  }

  private void markUseful(Value value) {
    if (value instanceof Value.Var var && var.type() != IrType.BOOLEAN) {
      useful.addAll(aliasesOf(var));
    }
  }

  /** Whether {@code owner} is {@code java.lang.Math} or {@code java.lang.StrictMath}. */
  private static boolean isMath(ClassName owner) {
    return owner.equals(ClassName.get(Math.class)) || owner.equals(ClassName.get(StrictMath.class));
  }
}
