package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reuses array loads: in {@code x[i] * x[i]} the parse pass loads {@code x[i]} twice; the second
 * load is dropped and its variable replaced by the first. The primal computes the same bits (a load
 * with nothing stored in between reads the same element), and the reverse sweep adds the element's
 * contributions into one variable's adjoint before one update of the array adjoint, instead of one
 * read-modify-write of it per load.
 *
 * <p>A load {@code t2 = a[k]} is replaced by an earlier {@code t1 = a[k]} of the same block when:
 * both variables are defined once in the whole method; nothing in between stores into any array
 * (arrays may alias), calls a method, runs a branch or a loop, or redefines {@code a} or {@code k};
 * and nothing earlier in the block reads {@code t2} (in a loop, such a read sees the previous
 * pass's value, which may differ from {@code t1}'s current one).
 */
public final class LoadReuse {
  private LoadReuse() {}

  /** {@code function} with its redundant loads dropped; the same function if it has none. */
  public static IrFunction apply(IrFunction function) {
    Map<Value.Var, Integer> definitions = new HashMap<>();
    countDefinitions(function.body(), definitions);
    Map<Value.Var, Value.Var> replaced = new HashMap<>();
    List<Node> body = block(function.body(), definitions, replaced);
    if (replaced.isEmpty()) {
      return function;
    }
    return new IrFunction(
        function.name(),
        function.resultRecord(),
        function.parameters(),
        function.returnType(),
        function.receiverClass(),
        substitute(body, replaced),
        function.fieldLeaves());
  }

  private static List<Node> block(
      List<Node> nodes, Map<Value.Var, Integer> definitions, Map<Value.Var, Value.Var> replaced) {
    // (array, index) -> the variable an earlier load of this block put the element in
    Map<List<Value>, Value.Var> available = new HashMap<>();
    List<Node> out = new ArrayList<>();
    for (int j = 0; j < nodes.size(); j++) {
      Node node = nodes.get(j);
      switch (node) {
        case Node.ArrayLoad load -> {
          List<Value> key =
              List.of(resolve(load.array(), replaced), resolve(load.index(), replaced));
          Value.Var earlier = available.get(key);
          boolean once = definitions.getOrDefault(load.targetVar(), 0) == 1;
          if (earlier != null && once && !readIn(nodes.subList(0, j), load.targetVar())) {
            replaced.put(load.targetVar(), earlier);
            continue;
          }
          invalidate(available, load.targetVar());
          out.add(load);
          if (once) {
            available.put(key, load.targetVar());
          }
        }
        case Node.If branch -> {
          out.add(
              new Node.If(
                  branch.condition(),
                  block(branch.thenBranch(), definitions, replaced),
                  block(branch.elseBranch(), definitions, replaced),
                  branch.origin()));
          available.clear();
        }
        case Node.While loop -> {
          out.add(
              new Node.While(
                  block(loop.condition(), definitions, replaced),
                  loop.test(),
                  block(loop.body(), definitions, replaced),
                  loop.origin()));
          available.clear();
        }
        case Node.ArrayStore store -> {
          out.add(store);
          available.clear();
        }
        case Node.CallDifferentiable call -> {
          out.add(call);
          available.clear();
        }
        case Node.CallWithDerivative call -> {
          out.add(call);
          available.clear();
        }
        default -> {
          out.add(node);
          node.target().ifPresent(t -> invalidate(available, t));
        }
      }
    }
    return out;
  }

  private static Value resolve(Value value, Map<Value.Var, Value.Var> replaced) {
    return value instanceof Value.Var var ? replaced.getOrDefault(var, var) : value;
  }

  private static void invalidate(Map<List<Value>, Value.Var> available, Value.Var redefined) {
    available
        .entrySet()
        .removeIf(e -> e.getKey().contains(redefined) || e.getValue().equals(redefined));
  }

  private static boolean readIn(List<Node> nodes, Value.Var var) {
    for (Node node : nodes) {
      boolean reads =
          ActivityAnalysis.operands(node).contains(var)
              || switch (node) {
                case Node.If branch ->
                    readIn(branch.thenBranch(), var) || readIn(branch.elseBranch(), var);
                case Node.While loop -> readIn(loop.condition(), var) || readIn(loop.body(), var);
                default -> false;
              };
      if (reads) {
        return true;
      }
    }
    return false;
  }

  private static void countDefinitions(List<Node> nodes, Map<Value.Var, Integer> counts) {
    for (Node node : nodes) {
      node.target().ifPresent(v -> counts.merge(v, 1, Integer::sum));
      switch (node) {
        case Node.CallDifferentiable call -> counts.merge(call.result(), 1, Integer::sum);
        case Node.If branch -> {
          countDefinitions(branch.thenBranch(), counts);
          countDefinitions(branch.elseBranch(), counts);
        }
        case Node.While loop -> {
          countDefinitions(loop.condition(), counts);
          countDefinitions(loop.body(), counts);
        }
        default -> {}
      }
    }
  }

  private static List<Node> substitute(List<Node> nodes, Map<Value.Var, Value.Var> replaced) {
    List<Node> out = new ArrayList<>();
    for (Node node : nodes) {
      out.add(substitute(node, replaced));
    }
    return out;
  }

  private static List<Value> all(List<Value> values, Map<Value.Var, Value.Var> replaced) {
    return values.stream().map(v -> resolve(v, replaced)).toList();
  }

  private static Node substitute(Node node, Map<Value.Var, Value.Var> r) {
    return switch (node) {
      case Node.Apply n ->
          new Node.Apply(n.targetVar(), n.op(), all(n.args(), r), n.mathClass(), n.origin());
      case Node.TensorApply n ->
          new Node.TensorApply(
              n.targetVar(), n.primitive(), all(n.args(), r), all(n.params(), r), n.origin());
      case Node.Copy n -> new Node.Copy(n.targetVar(), resolve(n.source(), r), n.origin());
      case Node.Convert n -> new Node.Convert(n.targetVar(), resolve(n.source(), r), n.origin());
      case Node.Operate n ->
          new Node.Operate(n.targetVar(), n.operator(), all(n.args(), r), n.origin());
      case Node.Detach n -> new Node.Detach(n.targetVar(), resolve(n.source(), r), n.origin());
      case Node.CallDifferentiable n ->
          new Node.CallDifferentiable(
              n.targetVar(),
              n.result(),
              n.callee(),
              n.onReceiver(),
              all(n.args(), r),
              n.argumentSources(),
              n.origin());
      case Node.CallWithDerivative n ->
          new Node.CallWithDerivative(
              n.targetVar(), n.callee(), all(n.args(), r), n.argumentSources(), n.origin());
      case Node.If n ->
          new Node.If(
              resolve(n.condition(), r),
              substitute(n.thenBranch(), r),
              substitute(n.elseBranch(), r),
              n.origin());
      case Node.While n ->
          new Node.While(
              substitute(n.condition(), r),
              resolve(n.test(), r),
              substitute(n.body(), r),
              n.origin());
      case Node.NewArray n -> new Node.NewArray(n.targetVar(), resolve(n.length(), r), n.origin());
      case Node.ArrayLength n ->
          new Node.ArrayLength(n.targetVar(), (Value.Var) resolve(n.array(), r), n.origin());
      case Node.ArrayLoad n ->
          new Node.ArrayLoad(
              n.targetVar(), (Value.Var) resolve(n.array(), r), resolve(n.index(), r), n.origin());
      case Node.ArrayStore n ->
          new Node.ArrayStore(
              (Value.Var) resolve(n.array(), r),
              resolve(n.index(), r),
              resolve(n.value(), r),
              n.origin());
      // its read names the counter in its text: kept as written
      case Node.ElementRead n -> n;
      case Node.Return n -> new Node.Return(resolve(n.value(), r), n.origin());
      case Node.Throw n -> n.withReads(v -> resolve(v, r));
    };
  }
}
