package dev.adjoint.processor.parse;

import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.ObjectRead;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Inliner}'s rewrite of a callee's nodes: the callee's nodes with the caller's variables and
 * reads. On a list's element ({@code passIndex} not null), the reads through the receiver that a
 * statement uses are made just before it, into fresh variables ({@code readInPass}, cleared after
 * each statement).
 */
record CalleeRewrite(
    Map<Value.Var, Value> renamed,
    Map<String, String> nameOf,
    Names names,
    List<String> receiverPath,
    Value.Var passIndex,
    Map<Value.Var, FieldRef> passLeaves,
    Map<Object, Value.Var> readInPass) {

  Value value(Value value) {
    Value.Var read = readInPass.get(value);
    if (read != null) {
      return read;
    }
    return switch (value) {
      case Value.Var v -> renamed.computeIfAbsent(v, this::unlisted);
      case Value.Const c ->
          c.object().isPresent()
              ? throughArgument(c.object().get(), c.type())
              : c.field().map(f -> reread(f, c.type())).orElse(c);
    };
  }

  /**
   * A read through the callee's object parameter, made through the caller's argument: a variable,
   * since every value of an object type is one (an object parameter, or a local bound to it; {@code
   * new} is rejected, and object parameters are never assigned).
   */
  private Value throughArgument(ObjectRead read, IrType type) {
    if (renamed.get(read.object()) instanceof Value.Var argument) {
      return Value.Const.of(read.on(argument), type);
    }
    throw new IllegalArgumentException(
        read.object() + " is bound to " + renamed.get(read.object()));
  }

  /** Whether {@code c} reads through the receiver, so through the list's element. */
  boolean perPass(Value.Const c) {
    return passIndex != null && c.field().filter(FieldRef::throughReceiver).isPresent();
  }

  /**
   * The statement's reads through the list's element, made before it: its leaves and the constants
   * it reads through the receiver (a nested statement's own, inside its block).
   */
  private void readBefore(Node node, List<Node> out) {
    if (passIndex == null) {
      return;
    }
    for (Value operand : ActivityAnalysis.operands(node)) {
      if (readInPass.containsKey(operand)) {
        continue;
      }
      if (operand instanceof Value.Var v && passLeaves.containsKey(v)) {
        Value.Var fresh = new Value.Var(names.fresh("leaf"), IrType.TENSOR);
        Value.Const read = Value.Const.of(passLeaves.get(v), IrType.TENSOR);
        out.add(new Node.ElementRead(fresh, read, passIndex, true, node.origin()));
        readInPass.put(v, fresh);
      } else if (operand instanceof Value.Const c && perPass(c)) {
        Value.Var fresh = new Value.Var(names.fresh("read"), c.type());
        Value.Const read = (Value.Const) reread(c.field().orElseThrow(), c.type());
        out.add(new Node.ElementRead(fresh, read, passIndex, false, node.origin()));
        readInPass.put(c, fresh);
      }
    }
  }

  private Value reread(FieldRef field, IrType type) {
    return Value.Const.of(field.under(receiverPath), type);
  }

  /** A callee variable its names do not list (IR built by hand): named on first sight. */
  private Value.Var unlisted(Value.Var v) {
    String name = nameOf.computeIfAbsent(v.name(), n -> names.fresh(n));
    return new Value.Var(name, v.type());
  }

  Value.Var variable(Value.Var v) {
    if (value(v) instanceof Value.Var var) {
      return var;
    }
    throw new IllegalArgumentException(v + " is written or indexed but bound to a constant");
  }

  List<Value> values(List<Value> values) {
    return values.stream().map(this::value).toList();
  }

  List<Node> nodes(List<Node> nodes) {
    List<Node> out = new ArrayList<>();
    for (Node node : nodes) {
      readBefore(node, out);
      Node rewritten = node(node);
      readInPass.clear();
      out.add(rewritten);
    }
    return out;
  }

  Node node(Node node) {
    return switch (node) {
      case Node.Apply a ->
          new Node.Apply(
              variable(a.targetVar()), a.op(), values(a.args()), a.mathClass(), a.origin());
      case Node.TensorApply a ->
          new Node.TensorApply(
              variable(a.targetVar()),
              a.primitive(),
              values(a.args()),
              values(a.params()),
              a.origin());
      case Node.Copy c -> new Node.Copy(variable(c.targetVar()), value(c.source()), c.origin());
      case Node.Convert c ->
          new Node.Convert(variable(c.targetVar()), value(c.source()), c.origin());
      case Node.Operate o ->
          new Node.Operate(variable(o.targetVar()), o.operator(), values(o.args()), o.origin());
      case Node.Detach d -> new Node.Detach(variable(d.targetVar()), value(d.source()), d.origin());
      case Node.CallDifferentiable c ->
          new Node.CallDifferentiable(
              variable(c.targetVar()),
              variable(c.result()),
              c.callee(),
              c.onReceiver(),
              values(c.args()),
              c.argumentSources(),
              c.origin());
      case Node.CallWithDerivative c ->
          new Node.CallWithDerivative(
              variable(c.targetVar()),
              c.callee(),
              values(c.args()),
              c.argumentSources(),
              c.origin());
      case Node.If i ->
          new Node.If(
              value(i.condition()), nodes(i.thenBranch()), nodes(i.elseBranch()), i.origin());
      case Node.While w ->
          new Node.While(nodes(w.condition()), value(w.test()), nodes(w.body()), w.origin());
      case Node.NewArray n ->
          new Node.NewArray(variable(n.targetVar()), value(n.length()), n.origin());
      case Node.ArrayLength n ->
          new Node.ArrayLength(variable(n.targetVar()), variable(n.array()), n.origin());
      case Node.ArrayLoad n ->
          new Node.ArrayLoad(
              variable(n.targetVar()), variable(n.array()), value(n.index()), n.origin());
      case Node.ArrayStore s ->
          new Node.ArrayStore(variable(s.array()), value(s.index()), value(s.value()), s.origin());
      case Node.ElementRead n ->
          new Node.ElementRead(
              variable(n.targetVar()),
              (Value.Const) value(n.read()),
              variable(n.index()),
              n.leaf(),
              n.origin());
      case Node.Return r -> throw new IllegalArgumentException("a return before the end");
      case Node.Throw t -> t.withReads(this::value);
    };
  }
}
