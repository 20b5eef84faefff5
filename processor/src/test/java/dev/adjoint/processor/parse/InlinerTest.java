package dev.adjoint.processor.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.TensorPrimitive;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The inliner on hand-built IR: what a callee's body becomes at a call, with the caller's names,
 * arguments and receiver.
 */
class InlinerTest {
  private static final Origin CALLEE = new Origin("Callee.java", 10, 100);
  private static final Origin CALL = new Origin("Caller.java", 3, 30);
  private static final Value TRUE = new Value.Const("true", IrType.BOOLEAN);

  /** A callee under construction: its names come from its own supply, as its lowering's do. */
  private static final class Callee {
    final Names names = new Names();
    final List<IrFunction.Parameter> parameters = new ArrayList<>();
    final List<IrFunction.FieldLeaf> leaves = new ArrayList<>();

    Value.Var parameter(String name, IrType type, boolean differentiated) {
      Value.Var var = new Value.Var(names.forSourceVariable(name), type);
      parameters.add(new IrFunction.Parameter(var, differentiated));
      return var;
    }

    Value.Var temporary() {
      return new Value.Var(names.temporary(), IrType.TENSOR);
    }

    Value.Var local(String sourceName, IrType type) {
      return new Value.Var(names.forSourceVariable(sourceName), type);
    }

    Value.Var leaf(FieldRef field) {
      Value.Var var = new Value.Var(names.forField(field), IrType.TENSOR);
      leaves.add(new IrFunction.FieldLeaf(var, field));
      return var;
    }

    IrFunction function(Node... body) {
      return new IrFunction(
          "f", "FGradient", parameters, IrType.TENSOR, Optional.empty(), List.of(body), leaves);
    }

    Inliner.Spliced inline(
        IrFunction function, List<Value> args, List<String> path, Names into, FieldLeaves leaves) {
      return Inliner.inline(
          function, names.allocations(), new Inliner.Call(args, path, CALL), into, leaves);
    }
  }

  private static Node.TensorApply unary(Value.Var target, ElementwiseOp op, Value operand) {
    TensorPrimitive primitive = TensorPrimitive.elementwise("op(...)", op, "{0}.op()");
    return new Node.TensorApply(target, primitive, List.of(operand), List.of(), CALLEE);
  }

  private static Node.TensorApply binary(Value.Var target, Value a, Value b) {
    TensorPrimitive primitive =
        TensorPrimitive.elementwise("mul(...)", ElementwiseOp.MULTIPLY, "{0}.mul({1})");
    return new Node.TensorApply(target, primitive, List.of(a, b), List.of(), CALLEE);
  }

  private static Set<Value.Var> targets(List<Node> nodes) {
    Set<Value.Var> found = new HashSet<>();
    for (Node node : nodes) {
      node.target().ifPresent(found::add);
      switch (node) {
        case Node.If i -> {
          found.addAll(targets(i.thenBranch()));
          found.addAll(targets(i.elseBranch()));
        }
        case Node.While w -> {
          found.addAll(targets(w.condition()));
          found.addAll(targets(w.body()));
        }
        default -> {}
      }
    }
    return found;
  }

  private static Value.Var caller(Names names, String sourceName) {
    return new Value.Var(names.forSourceVariable(sourceName), IrType.TENSOR);
  }

  @Test
  void everyVariableIsRenamedAsTheCallerWouldNameIt() {
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, true);
    Value.Var t1 = c.temporary();
    Value.Var dead = c.temporary(); // a temporary its lowering named, then took over as 'y'
    Value.Var y = c.local("y", IrType.TENSOR);
    Value.Var t3 = c.temporary();
    IrFunction f =
        c.function(
            unary(t1, ElementwiseOp.EXP, x),
            binary(y, t1, x),
            unary(t3, ElementwiseOp.TANH, y),
            new Node.Return(t3, CALLEE));
    assertEquals("t2", dead.name());

    Names names = new Names();
    Value.Var a = caller(names, "a");
    names.temporary(); // the caller's own t1
    caller(names, "y"); // and its own y
    Inliner.Spliced spliced = c.inline(f, List.of(a), List.of(), names, new FieldLeaves(names));

    // t1 → t2, the dead t2 → t3, y → y_1, t3 → t4: numbered after the caller's own, gaps kept
    List<Node> nodes = spliced.nodes();
    assertEquals(3, nodes.size());
    assertEquals(new Value.Var("t2", IrType.TENSOR), nodes.get(0).target().orElseThrow());
    assertEquals(List.of(a), ((Node.TensorApply) nodes.get(0)).args());
    assertEquals(new Value.Var("y_1", IrType.TENSOR), nodes.get(1).target().orElseThrow());
    assertEquals(
        List.of(new Value.Var("t2", IrType.TENSOR), a), ((Node.TensorApply) nodes.get(1)).args());
    assertEquals(new Value.Var("t4", IrType.TENSOR), spliced.value());
  }

  @Test
  void twoCallsOfOneCalleeGetDisjointNames() {
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, true);
    Value.Var t1 = c.temporary();
    Value.Var y = c.local("y", IrType.TENSOR);
    IrFunction f =
        c.function(unary(t1, ElementwiseOp.EXP, x), binary(y, t1, t1), new Node.Return(y, CALLEE));
    Names names = new Names();
    FieldLeaves leaves = new FieldLeaves(names);
    Value.Var a = caller(names, "a");
    Inliner.Spliced first = c.inline(f, List.of(a), List.of(), names, leaves);
    Inliner.Spliced second = c.inline(f, List.of(first.value()), List.of(), names, leaves);

    Set<Value.Var> once = targets(first.nodes());
    Set<Value.Var> twice = targets(second.nodes());
    assertEquals(2, once.size());
    assertEquals(2, twice.size());
    assertTrue(once.stream().noneMatch(twice::contains), once + " and " + twice);
    assertEquals("y", ((Value.Var) first.value()).name());
    assertEquals("y_1", ((Value.Var) second.value()).name());
    // the second call reads what the first returned
    assertEquals(List.of(first.value()), ((Node.TensorApply) second.nodes().get(0)).args());
  }

  @Test
  void aParameterTheCalleeWritesIsACopyOfTheArgument() {
    // while (test) { x = x.tanh(); } return x; with x pinned to its one variable by the loop
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, true);
    Value.Var test = c.local("test", IrType.BOOLEAN);
    Value.Var t1 = c.temporary();
    IrFunction f =
        c.function(
            new Node.While(
                List.of(new Node.Copy(test, TRUE, CALLEE)),
                test,
                List.of(unary(t1, ElementwiseOp.TANH, x), new Node.Copy(x, t1, CALLEE)),
                CALLEE),
            new Node.Return(x, CALLEE));
    Names names = new Names();
    Value.Var a = caller(names, "a");
    Value.Var alsoX = caller(names, "x"); // the caller's own x
    Inliner.Spliced spliced = c.inline(f, List.of(a), List.of(), names, new FieldLeaves(names));

    Node.Copy bound = assertInstanceOf(Node.Copy.class, spliced.nodes().get(0));
    assertEquals(a, bound.source());
    assertEquals("x_1", bound.targetVar().name());
    assertEquals(CALL, bound.origin());
    Set<Value.Var> written = targets(spliced.nodes());
    assertFalse(written.contains(a), "the caller's argument is written: " + written);
    assertFalse(written.contains(alsoX), "the caller's x is written: " + written);
    assertEquals(bound.targetVar(), spliced.value());
  }

  @Test
  void anUnwrittenParameterIsTheArgumentItself() {
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, true);
    Value.Var t1 = c.temporary();
    IrFunction f = c.function(unary(t1, ElementwiseOp.SIN, x), new Node.Return(t1, CALLEE));
    Names names = new Names();
    Value.Var a = caller(names, "a");
    Inliner.Spliced spliced = c.inline(f, List.of(a), List.of(), names, new FieldLeaves(names));
    assertEquals(1, spliced.nodes().size());
    assertEquals(List.of(a), ((Node.TensorApply) spliced.nodes().get(0)).args());
  }

  @Test
  void noDerivativeTensorsAreDetachedAndOtherTypesConverted() {
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, true);
    Value.Var mask = c.parameter("mask", IrType.TENSOR, false);
    Value.Var scale = c.parameter("scale", IrType.DOUBLE, false);
    Value.Var t1 = c.temporary();
    Value.Var t2 = c.temporary();
    IrFunction f =
        c.function(binary(t1, x, mask), binary(t2, t1, scale), new Node.Return(t2, CALLEE));
    Names names = new Names();
    Value.Var a = caller(names, "a");
    Value.Var m = caller(names, "m");
    Value.Var k = new Value.Var(names.forSourceVariable("k"), IrType.INT);
    Inliner.Spliced spliced =
        c.inline(f, List.of(a, m, k), List.of(), names, new FieldLeaves(names));

    Node.Detach detached = assertInstanceOf(Node.Detach.class, spliced.nodes().get(0));
    assertEquals(m, detached.source());
    assertEquals(new Value.Var("mask", IrType.TENSOR), detached.targetVar());
    Node.Convert converted = assertInstanceOf(Node.Convert.class, spliced.nodes().get(1));
    assertEquals(k, converted.source());
    assertEquals(new Value.Var("scale", IrType.DOUBLE), converted.targetVar());
    assertEquals(
        List.of(a, detached.targetVar()), ((Node.TensorApply) spliced.nodes().get(2)).args());
    assertEquals(converted.targetVar(), ((Node.TensorApply) spliced.nodes().get(3)).args().get(1));
  }

  @Test
  void returnsInsideLoopsBecomeTheCallsValueAndTheLoopsStayTheCallees() {
    // for (...) { if (t) { result = h; returned = true; exit = true; } } return result;
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, true);
    Value.Var returned = c.local("returned", IrType.BOOLEAN);
    Value.Var exit = c.local("exit", IrType.BOOLEAN);
    Value.Var go = c.local("go", IrType.BOOLEAN);
    Value.Var h = c.temporary();
    Value.Var result = c.local("result", IrType.TENSOR);
    IrFunction f =
        c.function(
            new Node.Copy(returned, new Value.Const("false", IrType.BOOLEAN), CALLEE),
            new Node.Copy(exit, new Value.Const("false", IrType.BOOLEAN), CALLEE),
            new Node.While(
                List.of(new Node.Operate(go, JavaOperator.NOT, List.of(exit), CALLEE)),
                go,
                List.of(
                    unary(h, ElementwiseOp.TANH, x),
                    new Node.If(
                        TRUE,
                        List.of(
                            new Node.Copy(result, h, CALLEE),
                            new Node.Copy(returned, TRUE, CALLEE),
                            new Node.Copy(exit, TRUE, CALLEE)),
                        List.of(),
                        CALLEE)),
                CALLEE),
            new Node.Return(result, CALLEE));
    Names names = new Names();
    Value.Var a = caller(names, "a");
    Value.Var callersExit = new Value.Var(names.forSourceVariable("exit"), IrType.BOOLEAN);
    Inliner.Spliced spliced = c.inline(f, List.of(a), List.of(), names, new FieldLeaves(names));

    assertEquals(3, spliced.nodes().size());
    assertTrue(spliced.nodes().stream().noneMatch(Node.Return.class::isInstance));
    Node.While loop = assertInstanceOf(Node.While.class, spliced.nodes().get(2));
    Node.If taken = assertInstanceOf(Node.If.class, loop.body().get(1));
    assertEquals(spliced.value(), taken.thenBranch().get(0).target().orElseThrow());
    assertEquals(new Value.Var("result", IrType.TENSOR), spliced.value());
    // the callee's exit flag is its own, apart from the caller's
    Value.Var calleesExit = taken.thenBranch().get(2).target().orElseThrow();
    assertEquals("exit_1", calleesExit.name());
    assertFalse(targets(spliced.nodes()).contains(callersExit));
    assertEquals(List.of(calleesExit), ((Node.Operate) loop.condition().get(0)).args());
  }

  @Test
  void readsThroughTheReceiverAreReadThroughThePathToTheSubModel() {
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, true);
    Value.Var weight = c.leaf(FieldRef.ofReceiver("weight"));
    Value.Var hiddenBias = c.leaf(FieldRef.ofReceiver("hidden").thenCall("bias"));
    Value.Var offset = c.leaf(FieldRef.ofStatic("Shapes", "offset"));
    Value mass = Value.Const.of(FieldRef.ofReceiver("mass"), IrType.DOUBLE);
    Value.Var t1 = c.temporary();
    Value.Var t2 = c.temporary();
    Value.Var t3 = c.temporary();
    Value.Var t4 = c.temporary();
    IrFunction f =
        c.function(
            binary(t1, x, weight),
            binary(t2, t1, hiddenBias),
            binary(t3, t2, offset),
            binary(t4, t3, mass),
            new Node.Return(t4, CALLEE));
    Names names = new Names();
    FieldLeaves leaves = new FieldLeaves(names);
    Value.Var a = caller(names, "a");
    Value.Var shared = leaves.leaf(FieldRef.ofReceiver("weight").under(List.of("first", "left")));
    Inliner.Spliced spliced = c.inline(f, List.of(a), List.of("first", "left"), names, leaves);

    List<IrFunction.FieldLeaf> all = leaves.all();
    assertEquals(3, all.size());
    assertEquals("firstLeftWeight", shared.name());
    assertEquals(shared, ((Node.TensorApply) spliced.nodes().get(0)).args().get(1));
    assertEquals("self.first.left.hidden.bias()", all.get(1).expression());
    assertEquals("firstLeftHiddenBias", all.get(1).variable().name());
    assertTrue(all.get(1).ofModel());
    assertEquals("Shapes.offset", all.get(2).expression());
    assertEquals("offset", all.get(2).variable().name());
    Value reread = ((Node.TensorApply) spliced.nodes().get(3)).args().get(1);
    assertEquals(
        Value.Const.of(FieldRef.ofReceiver("mass").under(List.of("first", "left")), IrType.DOUBLE),
        reread);
    assertEquals("self.first.left.mass", reread.toString());
  }

  @Test
  void everyNodeKeepsItsOriginAndBindingsPointAtTheCall() {
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, false);
    Value.Var t1 = c.temporary();
    IrFunction f = c.function(unary(t1, ElementwiseOp.EXP, x), new Node.Return(t1, CALLEE));
    Names names = new Names();
    Inliner.Spliced spliced =
        c.inline(f, List.of(caller(names, "a")), List.of(), names, new FieldLeaves(names));
    assertEquals(CALL, spliced.nodes().get(0).origin());
    assertEquals(CALLEE, spliced.nodes().get(1).origin());
  }

  @Test
  void aCalleeMustEndInItsOnlyReturn() {
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, true);
    IrFunction early =
        c.function(
            new Node.If(TRUE, List.of(new Node.Return(x, CALLEE)), List.of(), CALLEE),
            new Node.Return(x, CALLEE));
    Names names = new Names();
    List<Value> args = List.of(caller(names, "a"));
    assertThrows(
        IllegalArgumentException.class,
        () -> c.inline(early, args, List.of(), names, new FieldLeaves(names)));
  }

  @Test
  void aCallOnTheCalleesOwnReceiverCannotBeWrittenOnASubModel() {
    Callee c = new Callee();
    Value.Var x = c.parameter("x", IrType.TENSOR, true);
    Value.Var s = c.local("s", IrType.DOUBLE);
    Value.Var sResult = c.local("gResult", IrType.DOUBLE);
    DifferentiableCallee g =
        new DifferentiableCallee(
            ClassName.get("demo", "MGrad"), "g", "GGradient", List.of(), IrType.DOUBLE);
    IrFunction f =
        c.function(
            new Node.CallDifferentiable(s, sResult, g, true, List.of(), CALLEE),
            new Node.Return(x, CALLEE));
    assertTrue(Inliner.firstCallOnReceiver(f.body()).isPresent());
    Names names = new Names();
    List<Value> args = List.of(caller(names, "a"));
    assertThrows(
        IllegalArgumentException.class,
        () -> c.inline(f, args, List.of("encoder"), names, new FieldLeaves(names)));
    // on the caller's own receiver it is the same call
    Inliner.Spliced same = c.inline(f, args, List.of(), names, new FieldLeaves(names));
    assertTrue(((Node.CallDifferentiable) same.nodes().get(0)).onReceiver());
  }
}
