package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a callee's IR at a call, IR in and IR out: how a call to a {@code @Differentiable} tensor
 * method is differentiated, as if the callee's body were written where it is called (its generated
 * method adds into {@code .grad()} and returns no partials to chain through).
 *
 * <p>The callee is lowered once, on its own; at each call:
 *
 * <ul>
 *   <li>every variable gets a fresh name in the caller's supply, asked for as the callee asked for
 *       it (so two calls give disjoint names, numbered as the caller's own code would be);
 *   <li>a parameter is the argument itself, unless the callee writes it (then the argument is
 *       copied in first, so the caller's variable is left alone), the types differ (a conversion),
 *       or it is a {@code @NoDerivative} tensor (detached, as the callee's own gradient treats it);
 *   <li>the callee's one {@link Node.Return}, at its end (returns inside branches and loops are
 *       flags in its IR already), becomes the call's value; its loops and flags stay its own;
 *   <li>tensors and numbers it reads through its receiver are read through the path to it from the
 *       caller's ({@code self.weight} under {@code [first, left]} is {@code
 *       self.first.left.weight}, the leaf {@code firstLeftWeight}), each leaf shared with the
 *       caller's reads of it;
 *   <li>every node keeps its {@link Origin}: comments and diagnostics name the callee's file and
 *       line.
 * </ul>
 */
public final class Inliner {
  private Inliner() {}

  /**
   * A call to write a callee at.
   *
   * @param arguments the values passed, one per parameter
   * @param receiverPath the fields leading from the caller's receiver to the callee's ({@code
   *     [encoder]} for {@code encoder.encode(x)}); empty for the caller's own receiver or a static
   *     callee
   * @param passIndex for a call on the element a for-each over a list of sub-models is at ({@code
   *     for (BasicBlock block : layer1) x = block.forward(x)}, the path naming {@code
   *     layer1.get(k)}), the loop's counter: the callee's tensors are then the leaves of the pass,
   *     and what it reads through its receiver is read in the pass ({@link Node.ElementRead}), just
   *     before the statement that uses it (so inside the branch that tests an optional sub-model),
   *     never in the reverse sweep, where the counter has moved on
   * @param origin where the call is: the origin of the nodes that bind parameters
   */
  public record Call(
      List<Value> arguments,
      List<String> receiverPath,
      Optional<Value.Var> passIndex,
      Origin origin) {
    public Call {
      arguments = List.copyOf(arguments);
      receiverPath = List.copyOf(receiverPath);
    }

    /** A call on a sub-model every pass reaches alike (a field, or the receiver). */
    public Call(List<Value> arguments, List<String> receiverPath, Origin origin) {
      this(arguments, receiverPath, Optional.empty(), origin);
    }
  }

  /** The nodes that compute the call, in order, and the call's value. */
  public record Spliced(List<Node> nodes, Value value) {
    public Spliced {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * Writes {@code callee} at {@code call}.
   *
   * @param calleeNames the callee's name requests, in the order its lowering made them
   * @param names the caller's name supply, which names the written variables
   * @param leaves the caller's field leaves, which the callee's join
   * @throws IllegalArgumentException if the callee does not end in its only return, the arguments
   *     do not match its parameters, or it calls an instance method on its receiver (generated code
   *     passes the caller's receiver there) while the call is on another object
   */
  public static Spliced inline(
      IrFunction callee,
      List<Names.Allocation> calleeNames,
      Call call,
      Names names,
      FieldLeaves leaves) {
    Node.Return ret = finalReturn(callee);
    if (call.arguments().size() != callee.parameters().size()) {
      throw new IllegalArgumentException(
          callee.name() + " takes " + callee.parameters().size() + " arguments");
    }
    if (!call.receiverPath().isEmpty() && firstCallOnReceiver(callee.body()).isPresent()) {
      throw new IllegalArgumentException(
          callee.name() + " calls a method on its receiver, which is not the caller's");
    }
    Map<String, Names.Request> requests = new HashMap<>();
    calleeNames.forEach(a -> requests.putIfAbsent(a.name(), a.request()));
    Map<Value.Var, Value> renamed = new HashMap<>();
    List<Node> nodes = new ArrayList<>();
    bindParameters(callee, call, requests, names, renamed, nodes);

    Map<String, IrFunction.FieldLeaf> leafByName = new HashMap<>();
    callee.fieldLeaves().forEach(l -> leafByName.put(l.variable().name(), l));
    Map<Value.Var, FieldRef> passLeaves = new HashMap<>();
    Map<String, String> nameOf = new HashMap<>();
    for (Names.Allocation allocation : calleeNames) {
      String name = allocation.name();
      IrFunction.FieldLeaf leaf = leafByName.remove(name);
      if (leaf != null) {
        bindLeaf(leaf, call, leaves, renamed, passLeaves);
      } else if (!isParameter(callee, name) && !nameOf.containsKey(name)) {
        nameOf.put(name, names.allocate(allocation.request()));
      }
    }
    for (IrFunction.FieldLeaf leaf : callee.fieldLeaves()) {
      if (leafByName.containsKey(leaf.variable().name())) { // not among its names (built by hand)
        bindLeaf(leaf, call, leaves, renamed, passLeaves);
      }
    }
    CalleeRewrite rewrite =
        new CalleeRewrite(
            renamed,
            nameOf,
            names,
            call.receiverPath(),
            call.passIndex().orElse(null),
            passLeaves,
            new HashMap<>());
    List<Node> body = callee.body();
    nodes.addAll(rewrite.nodes(body.subList(0, body.size() - 1)));
    if (ret.value() instanceof Value.Var v && passLeaves.containsKey(v)
        || ret.value() instanceof Value.Const c && rewrite.perPass(c)) {
      throw new IllegalArgumentException(
          callee.name() + " returns what it reads through its receiver, on a list's element");
    }
    return new Spliced(nodes, rewrite.value(ret.value()));
  }

  /**
   * The caller's variable for one of the callee's leaves: the caller's leaf of the same field, or,
   * on a list's element, none yet: each statement that uses it reads it in its pass.
   */
  private static void bindLeaf(
      IrFunction.FieldLeaf leaf,
      Call call,
      FieldLeaves leaves,
      Map<Value.Var, Value> renamed,
      Map<Value.Var, FieldRef> passLeaves) {
    FieldRef field = leaf.field().under(call.receiverPath());
    if (call.passIndex().isPresent() && field.throughReceiver()) {
      passLeaves.put(leaf.variable(), field);
    } else {
      // read in the callee under a test of its optional sub-model: so it is in the caller
      renamed.put(
          leaf.variable(),
          leaves.leaf(field, leaf.presence().map(test -> test.under(call.receiverPath()))));
    }
  }

  /** Whether {@code body} reads through a list's element: it runs a for-each over sub-models. */
  static boolean readsListElements(List<Node> body) {
    return readsElements(body, false);
  }

  /** Whether {@code body} reads a parameter of a list's element: a leaf of one of its passes. */
  static boolean readsListElementLeaves(List<Node> body) {
    return readsElements(body, true);
  }

  private static boolean readsElements(List<Node> body, boolean leavesOnly) {
    for (Node node : body) {
      boolean found =
          switch (node) {
            case Node.ElementRead r -> r.leaf() || !leavesOnly;
            case Node.If i ->
                readsElements(i.thenBranch(), leavesOnly)
                    || readsElements(i.elseBranch(), leavesOnly);
            case Node.While w ->
                readsElements(w.condition(), leavesOnly) || readsElements(w.body(), leavesOnly);
            default -> false;
          };
      if (found) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first call in {@code body} to a {@code @Differentiable} instance method on the receiver:
   * generated code passes {@code self} to it, so the body cannot be written at a call on a
   * sub-model.
   */
  public static Optional<Node.CallDifferentiable> firstCallOnReceiver(List<Node> body) {
    for (Node node : body) {
      Optional<Node.CallDifferentiable> found =
          switch (node) {
            case Node.CallDifferentiable c ->
                c.onReceiver() ? Optional.of(c) : Optional.<Node.CallDifferentiable>empty();
            case Node.If i ->
                firstCallOnReceiver(i.thenBranch()).or(() -> firstCallOnReceiver(i.elseBranch()));
            case Node.While w ->
                firstCallOnReceiver(w.condition()).or(() -> firstCallOnReceiver(w.body()));
            default -> Optional.empty();
          };
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static void bindParameters(
      IrFunction callee,
      Call call,
      Map<String, Names.Request> requests,
      Names names,
      Map<Value.Var, Value> renamed,
      List<Node> nodes) {
    Set<Value.Var> written = new HashSet<>();
    collectTargets(callee.body(), written);
    for (int i = 0; i < callee.parameters().size(); i++) {
      IrFunction.Parameter parameter = callee.parameters().get(i);
      Value.Var variable = parameter.variable();
      Value arg = call.arguments().get(i);
      boolean detached = variable.type() == IrType.TENSOR && !parameter.differentiated();
      if (!detached
          && arg.type() == variable.type()
          && arg instanceof Value.Var
          && !written.contains(variable)) {
        renamed.put(variable, arg);
        continue;
      }
      Names.Request request =
          requests.getOrDefault(variable.name(), new Names.SourceVariable(variable.name()));
      Value.Var bound = new Value.Var(names.allocate(request), variable.type());
      if (detached) {
        // @NoDerivative: data to the callee, whose own gradient gives it none
        nodes.add(new Node.Detach(bound, arg, call.origin()));
      } else if (arg.type() != variable.type()) {
        nodes.add(new Node.Convert(bound, arg, call.origin()));
      } else {
        nodes.add(new Node.Copy(bound, arg, call.origin()));
      }
      renamed.put(variable, bound);
    }
  }

  private static boolean isParameter(IrFunction callee, String name) {
    return callee.parameters().stream().anyMatch(p -> p.name().equals(name));
  }

  private static Node.Return finalReturn(IrFunction callee) {
    List<Node> body = callee.body();
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Node.Return ret)) {
      throw new IllegalArgumentException(callee.name() + " does not end in a return");
    }
    if (countReturns(body) != 1) {
      throw new IllegalArgumentException(callee.name() + " returns before its end");
    }
    return ret;
  }

  private static int countReturns(List<Node> nodes) {
    int count = 0;
    for (Node node : nodes) {
      count +=
          switch (node) {
            case Node.Return r -> 1;
            case Node.If i -> countReturns(i.thenBranch()) + countReturns(i.elseBranch());
            case Node.While w -> countReturns(w.condition()) + countReturns(w.body());
            default -> 0;
          };
    }
    return count;
  }

  private static void collectTargets(List<Node> nodes, Set<Value.Var> into) {
    for (Node node : nodes) {
      node.target().ifPresent(into::add);
      switch (node) {
        case Node.CallDifferentiable c -> into.add(c.result());
        case Node.If i -> {
          collectTargets(i.thenBranch(), into);
          collectTargets(i.elseBranch(), into);
        }
        case Node.While w -> {
          collectTargets(w.condition(), into);
          collectTargets(w.body(), into);
        }
        default -> {}
      }
    }
  }
}
