package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.List;
import java.util.stream.Collectors;

/** The IR as short lines, for tests to compare with what they expect: {@code y = ADD(a, t1)}. */
final class IrText {
  private IrText() {}

  static String of(List<Node> nodes) {
    StringBuilder out = new StringBuilder();
    write(nodes, "", out);
    return out.toString();
  }

  private static void write(List<Node> nodes, String indent, StringBuilder out) {
    for (Node node : nodes) {
      out.append(indent);
      switch (node) {
        case Node.Apply a -> out.append(a.targetVar() + " = " + a.op() + args(a.args()));
        case Node.TensorApply a ->
            out.append(
                a.targetVar()
                    + " = "
                    + (a.primitive().elementwise() != null
                        ? a.primitive().elementwise()
                        : a.primitive().tensorOp())
                    + args(a.args())
                    + (a.params().isEmpty() ? "" : " " + a.params()));
        case Node.Copy c -> out.append(c.targetVar() + " = " + c.source());
        case Node.Convert c ->
            out.append(
                c.targetVar() + " = (" + c.targetVar().type().javaName() + ") " + c.source());
        case Node.Operate o -> out.append(o.targetVar() + " = " + o.operator() + args(o.args()));
        case Node.Detach d -> out.append(d.targetVar() + " = detach " + d.source());
        case Node.CallDifferentiable c ->
            out.append(c.targetVar() + " = call " + c.callee().method() + args(c.args()));
        case Node.CallWithDerivative c ->
            out.append(c.targetVar() + " = call " + c.callee().method() + args(c.args()));
        case Node.NewArray n -> out.append(n.targetVar() + " = new[" + n.length() + "]");
        case Node.ArrayLength n -> out.append(n.targetVar() + " = " + n.array() + ".length");
        case Node.ArrayLoad n ->
            out.append(n.targetVar() + " = " + n.array() + "[" + n.index() + "]");
        case Node.ArrayStore s -> out.append(s.array() + "[" + s.index() + "] = " + s.value());
        case Node.ElementRead r ->
            out.append(r.targetVar() + " = " + (r.leaf() ? "leaf " : "") + r.expression());
        case Node.Return r -> out.append("return " + r.value());
        case Node.Throw t ->
            out.append(
                (t.asserted().isPresent() ? "assert " + t.asserted().get() : "throw")
                    + " "
                    + t.exception().simpleName()
                    + args(t.reads()));
        case Node.If i -> {
          out.append("if " + i.condition() + "\n");
          write(i.thenBranch(), indent + "  ", out);
          if (!i.elseBranch().isEmpty()) {
            out.append(indent + "else\n");
            write(i.elseBranch(), indent + "  ", out);
          }
          continue;
        }
        case Node.While w -> {
          out.append("while\n");
          write(w.condition(), indent + "    ", out);
          out.append(indent + "  test " + w.test() + "\n");
          write(w.body(), indent + "  ", out);
          continue;
        }
      }
      out.append('\n');
    }
  }

  private static String args(List<Value> values) {
    return values.stream().map(Value::toString).collect(Collectors.joining(", ", "(", ")"));
  }
}
