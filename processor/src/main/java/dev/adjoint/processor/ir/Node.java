package dev.adjoint.processor.ir;

import com.palantir.javapoet.ClassName;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A statement of the IR: three-address instructions plus structured control flow. The IR knows
 * nothing of javac; the parse pass builds it, the later passes read it.
 */
public sealed interface Node
    permits Node.Apply,
        Node.TensorApply,
        Node.Copy,
        Node.Convert,
        Node.Operate,
        Node.Detach,
        Node.CallDifferentiable,
        Node.CallWithDerivative,
        Node.If,
        Node.While,
        Node.NewArray,
        Node.ArrayLength,
        Node.ArrayLoad,
        Node.ArrayStore,
        Node.ElementRead,
        Node.Throw,
        Node.Return {

  /** Where in the source the node comes from. */
  Origin origin();

  /** The variable the node defines, if it defines one. */
  default Optional<Value.Var> target() {
    return Optional.empty();
  }

  /**
   * {@code target = op(args)} for a primitive with a derivative rule. {@link #mathClass} says
   * whether a {@code Math} function was written as {@code Math.f} or {@code StrictMath.f}, so the
   * forward sweep computes exactly what the source computes.
   */
  record Apply(
      Value.Var targetVar, ElementwiseOp op, List<Value> args, String mathClass, Origin origin)
      implements Node {
    public Apply {
      args = List.copyOf(args);
    }

    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /**
   * {@code target = primitive(args)} on tensors: a {@code Tensor} method, a static tensor operation
   * or one step of a composite one (a loss, a layer), with its rule in the runtime ({@code
   * ElementwiseRules} or {@code TensorRules}).
   *
   * @param args the operands: tensors, and Java numbers where an elementwise operation takes one
   * @param params the operation's constant parameters (dimensions, bounds), in the order {@link
   *     TensorPrimitive#forward} numbers them
   */
  record TensorApply(
      Value.Var targetVar,
      TensorPrimitive primitive,
      List<Value> args,
      List<Value> params,
      Origin origin)
      implements Node {
    public TensorApply {
      args = List.copyOf(args);
      params = List.copyOf(params);
    }

    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /** {@code target = source}; adjoint: {@code d source += d target}. */
  record Copy(Value.Var targetVar, Value source, Origin origin) implements Node {
    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /**
   * {@code target = (type) source}, a numeric conversion. Between floating types the derivative is
   * 1; a conversion to an integral type is piecewise constant.
   */
  record Convert(Value.Var targetVar, Value source, Origin origin) implements Node {
    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /**
   * {@code target = a op b} (or {@code op a}) for an operator without a derivative: comparisons,
   * {@code !}, and integral arithmetic such as {@code %} or shifts.
   */
  record Operate(Value.Var targetVar, JavaOperator operator, List<Value> args, Origin origin)
      implements Node {
    public Operate {
      args = List.copyOf(args);
    }

    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /** {@code target = Adjoint.noDerivative(source)}: the value flows on, its derivative does not. */
  record Detach(Value.Var targetVar, Value source, Origin origin) implements Node {
    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /**
   * {@code target = callee(args)} where the callee is itself {@code @Differentiable}: the forward
   * sweep calls its generated gradient once, keeps the result in {@code result}, and the reverse
   * sweep applies the callee's partials.
   *
   * @param onReceiver whether the callee is an instance method called on the receiver of the method
   *     being differentiated ({@code this})
   */
  record CallDifferentiable(
      Value.Var targetVar,
      Value.Var result,
      DifferentiableCallee callee,
      boolean onReceiver,
      List<Value> args,
      List<String> argumentSources,
      Origin origin)
      implements Node {
    public CallDifferentiable {
      args = List.copyOf(args);
      argumentSources = List.copyOf(argumentSources);
    }

    /** A call whose arguments are named by their IR values in diagnostics. */
    public CallDifferentiable(
        Value.Var targetVar,
        Value.Var result,
        DifferentiableCallee callee,
        boolean onReceiver,
        List<Value> args,
        Origin origin) {
      this(targetVar, result, callee, onReceiver, args, List.of(), origin);
    }

    /** How diagnostics name argument {@code i}: as the source wrote it, when known. */
    public String argumentSource(int i) {
      return i < argumentSources.size() ? argumentSources.get(i) : args.get(i).toString();
    }

    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /**
   * {@code target = callee(args)} where the partials of the callee come from user-registered
   * {@code @Derivative} methods. A parameter without one takes no derivative: the call is a
   * constant for the gradient unless a differentiated value reaches the result through it, which
   * the activity analysis rejects (ADJ103, ADJ109).
   *
   * @param argumentSources the arguments as the source wrote them, for diagnostics
   */
  record CallWithDerivative(
      Value.Var targetVar,
      RegisteredCallee callee,
      List<Value> args,
      List<String> argumentSources,
      Origin origin)
      implements Node {
    public CallWithDerivative {
      args = List.copyOf(args);
      argumentSources = List.copyOf(argumentSources);
    }

    /** A call whose arguments are named by their IR values in diagnostics. */
    public CallWithDerivative(
        Value.Var targetVar, RegisteredCallee callee, List<Value> args, Origin origin) {
      this(targetVar, callee, args, List.of(), origin);
    }

    /** How diagnostics name argument {@code i}: as the source wrote it, when known. */
    public String argumentSource(int i) {
      return i < argumentSources.size() ? argumentSources.get(i) : args.get(i).toString();
    }

    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /**
   * Structured two-way branch. The reverse sweep replays the arm the forward sweep took, using
   * {@code condition}, which straight-line code never overwrites.
   */
  record If(Value condition, List<Node> thenBranch, List<Node> elseBranch, Origin origin)
      implements Node {
    public If {
      thenBranch = List.copyOf(thenBranch);
      elseBranch = List.copyOf(elseBranch);
    }
  }

  /**
   * Structured loop: evaluate {@code condition}, then, while {@code test} holds, run {@code body}
   * and evaluate {@code condition} again. The parse pass turns {@code for}, {@code do}, enhanced
   * {@code for}, {@code break}, {@code continue} and early {@code return} into this form and flags,
   * so the IR has no jumps and the reverse sweep can run a loop's body backwards as many times as
   * the forward sweep ran it.
   */
  record While(List<Node> condition, Value test, List<Node> body, Origin origin) implements Node {
    public While {
      condition = List.copyOf(condition);
      body = List.copyOf(body);
    }
  }

  /** {@code target = new T[length]}. */
  record NewArray(Value.Var targetVar, Value length, Origin origin) implements Node {
    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /** {@code target = array.length}. */
  record ArrayLength(Value.Var targetVar, Value.Var array, Origin origin) implements Node {
    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /** {@code target = array[index]}; adjoint: {@code dArray[index] += dTarget}. */
  record ArrayLoad(Value.Var targetVar, Value.Var array, Value index, Origin origin)
      implements Node {
    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /**
   * {@code array[index] = value}; adjoint: {@code dValue += dArray[index]; dArray[index] = 0},
   * since the element's earlier value no longer reaches anything.
   */
  record ArrayStore(Value.Var array, Value index, Value value, Origin origin) implements Node {}

  /**
   * {@code target = read}: a value read through the element a for-each over a list of sub-models is
   * at ({@code self.layer1.get(k).conv1.weight()}, {@code self.layer1.get(k).conv1.stride()}), in
   * the pass that reads it. {@code index} is the loop's counter that {@code read} names: an
   * operand, so that the later passes see what the read depends on and keep its value for the
   * reverse sweep rather than reading it again.
   *
   * @param leaf whether the value is a parameter of the sub-model (a tensor), a leaf of its pass:
   *     its adjoint goes into its {@code .grad()} where the reverse sweep undoes the read; else it
   *     is data (a layer's stride, a running mean, a null test)
   */
  record ElementRead(
      Value.Var targetVar, Value.Const read, Value.Var index, boolean leaf, Origin origin)
      implements Node {
    /**
     * Where {@code read}'s text names the counter ({@code self.layer1.get(#k).conv1.weight()}): the
     * forward sweep writes {@code index}'s name there, so the read stays right when a method
     * written at a call gets new variable names.
     */
    public static final String INDEX = "#k";

    /** The Java expression that reads the value in this pass. */
    public String expression() {
      return read.javaExpression().replace(INDEX, index.name());
    }

    @Override
    public Optional<Value.Var> target() {
      return Optional.of(targetVar);
    }
  }

  /** Returns {@code value}, the function's result. */
  record Return(Value value, Origin origin) implements Node {}

  /**
   * {@code throw new exception(message)} (an argument check), or, when {@code asserted} is present,
   * {@code assert asserted : message} (which throws only where assertions are enabled). The method
   * stops there: nothing is differentiated, and nothing follows it in its block. The message is the
   * values shown as Java's string conversion shows them, between pieces of text.
   *
   * @param exception the unchecked exception thrown (for an assert, {@code AssertionError})
   * @param message what the message is made of, in order; empty for none
   */
  record Throw(
      ClassName exception, Optional<Value> asserted, List<MessagePart> message, Origin origin)
      implements Node {
    public Throw {
      message = List.copyOf(message);
    }

    /** The values the statement reads: the asserted condition and the values its message shows. */
    public List<Value> reads() {
      List<Value> reads = new ArrayList<>();
      asserted.ifPresent(reads::add);
      message.forEach(p -> p.shown().ifPresent(reads::add));
      return reads;
    }

    /** The same statement reading {@code renamed}'s values in place of its own (in order). */
    public Throw withReads(UnaryOperator<Value> renamed) {
      return new Throw(
          exception,
          asserted.map(renamed),
          message.stream()
              .map(p -> p.shown().isPresent() ? MessagePart.shown(renamed.apply(p.value())) : p)
              .toList(),
          origin);
    }

    /** A piece of a message: text as the source wrote it, or a value shown as a string. */
    public record MessagePart(String text, Value value) {
      public static MessagePart text(String text) {
        return new MessagePart(text, null);
      }

      public static MessagePart shown(Value value) {
        return new MessagePart(null, value);
      }

      /** The value this part shows, if it is one. */
      public Optional<Value> shown() {
        return Optional.ofNullable(value);
      }
    }
  }
}
