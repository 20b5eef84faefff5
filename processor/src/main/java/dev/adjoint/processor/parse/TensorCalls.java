package dev.adjoint.processor.parse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.TensorPrimitive;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import javax.lang.model.element.VariableElement;

/**
 * Tensor operations: a {@code Tensor} method, {@code Tensor.where}, a loss of {@code Losses} or
 * {@code forward} of a {@code Linear} field becomes {@link Node.TensorApply} nodes, each naming the
 * runtime rule that differentiates it, as {@link TensorOpTable} says. Composites are lowered to the
 * primitives the runtime composes them of ({@code crossEntropy} is {@code logSoftmax} then {@code
 * nll}; a linear layer is a matrix product and a bias), so both engines compute the same numbers.
 */
final class TensorCalls {
  static final String LOSSES = "dev.adjoint.runtime.nn.Losses";
  static final String DTYPE = "dev.adjoint.runtime.tensor.DType";

  private final Expressions expressions;
  private final ModuleCalls modules;

  TensorCalls(Expressions expressions, Reachability reachability) {
    this.expressions = expressions;
    this.modules = new ModuleCalls(expressions, reachability, this);
  }

  /**
   * Lowers {@code receiver.name(args)} on a tensor; a method without a rule is {@link
   * DiagnosticId#ADJ113}.
   */
  Value method(MethodInvocationTree call, Value receiver, String name, Frame frame) {
    List<? extends ExpressionTree> argTrees = call.getArguments();
    if (name.equals("to") && argTrees.size() == 1) {
      return conversion(call, receiver, argTrees.get(0), frame);
    }
    List<Value> args = expressions.lowerAll(argTrees, frame);
    TensorOpTable.Row row =
        TensorOpTable.method(name, args)
            .orElseThrow(() -> unsupportedCall(call, "Tensor." + name, args));
    return switch (row) {
      case TensorOpTable.Detached d -> {
        Value.Var target = frame.temporary(d.type());
        frame.emit(new Node.Detach(target, receiver, frame.origin(call)));
        yield target;
      }
      case TensorOpTable.Rejected r ->
          throw new DiagnosticException(
              DiagnosticId.ADJ113, call, "Tensor." + name + signature(args) + " " + r.why());
      case TensorOpTable.Applied a -> {
        int n = args.size();
        List<Value> operands = new ArrayList<>();
        a.arguments().operands(n).forEach(i -> operands.add(args.get(i)));
        if (a.receiverLast()) {
          operands.add(receiver);
        } else {
          operands.add(0, receiver);
        }
        List<Value> params = new ArrayList<>();
        for (int i : a.arguments().params(n)) {
          params.add(
              a.arguments().intParams() ? dimension(args.get(i), call) : number(args.get(i), call));
        }
        yield apply(call, a.form(), operands, params, frame);
      }
    };
  }

  /**
   * Lowers {@code x.to(DType.FLOAT32)} or {@code x.to(DType.FLOAT64)}: a conversion between
   * floating types, whose rule converts the adjoint back. The type must be one of those constants,
   * so that the generated code can name it; a conversion to {@code INT64} or {@code BOOL} carries
   * no gradient (the tape records none) and is reported.
   */
  private Value conversion(
      MethodInvocationTree call, Value receiver, ExpressionTree type, Frame frame) {
    String constant =
        type instanceof MemberSelectTree select
                && frame
                    .source()
                    .resolver()
                    .resolve(select.getExpression())
                    .filter(t -> t.getQualifiedName().contentEquals(DTYPE))
                    .isPresent()
            ? select.getIdentifier().toString()
            : "";
    if (constant.equals("FLOAT32") || constant.equals("FLOAT64")) {
      return apply(call, TensorOpTable.conversion(constant), List.of(receiver), List.of(), frame);
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ113,
        call,
        constant.isEmpty()
            ? "Tensor.to("
                + type
                + ") needs the type as a constant in differentiable tensor code:"
                + " write DType.FLOAT32 or DType.FLOAT64"
            : "Tensor.to(DType."
                + constant
                + ") makes a tensor of "
                + constant
                + ", which carries no gradient: convert outside the @Differentiable method and"
                + " pass the result as a @NoDerivative Tensor parameter");
  }

  /** Lowers a static tensor operation: {@code Tensor.where} or a loss of {@code Losses}. */
  Value staticCall(MethodInvocationTree call, String owner, String name, Frame frame) {
    boolean onTensor = owner.equals(IrType.TENSOR_CLASS);
    if (onTensor && (name.equals("cat") || name.equals("stack"))) {
      // before its arguments are lowered: a list of tensors is not a value the processor has
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "Tensor."
              + name
              + "(List<Tensor>, int) has no derivative rule in the processor: it takes a list of"
              + " tensors, which differentiable tensor code does not build; run this method on the"
              + " dynamic tape, or "
              + (name.equals("cat") ? "add" : "combine")
              + " the parts' contributions with the operations above instead");
    }
    List<Value> args = expressions.lowerAll(call.getArguments(), frame);
    boolean allTensors = args.stream().allMatch(a -> a.type() == IrType.TENSOR);
    Optional<TensorForm> form =
        allTensors
            ? TensorOpTable.staticOperation(owner, name, args.size())
            : Optional.<TensorForm>empty();
    if (form.isPresent()) {
      return apply(call, form.get(), args, List.of(), frame);
    }
    if (owner.equals(LOSSES) && name.equals("crossEntropy") && args.size() == 2 && allTensors) {
      // as the runtime computes it: log-softmax over the classes, then the NLL loss
      Value logProbabilities =
          apply(
              call,
              TensorOpTable.CROSS_ENTROPY_LOG_SOFTMAX,
              List.of(args.get(0)),
              List.of(TensorOpTable.CROSS_ENTROPY_CLASSES),
              frame);
      return apply(
          call, TensorOpTable.NLL, List.of(logProbabilities, args.get(1)), List.of(), frame);
    }
    if (onTensor && !name.equals("where")) {
      // zeros, ones, full, of, scalar, arange, rand, ...: a new tensor, not an operation on one
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "Tensor."
              + name
              + signature(args)
              + " creates a tensor, which differentiable tensor code does not do: pass it as a"
              + " @NoDerivative Tensor parameter or hold it in a static final field, or derive it"
              + " from an operand (x.mul(0) is zeros shaped like x)");
    }
    String simpleOwner = onTensor ? "Tensor" : "Losses";
    throw unsupportedCall(call, simpleOwner + "." + name, args);
  }

  /**
   * Lowers {@code module.name(args)} for a runtime {@code nn} module held in a field of the
   * receiver ({@link ModuleCalls}).
   */
  Value module(MethodInvocationTree call, VariableElement module, String name, Frame frame) {
    return modules.call(call, module, name, frame);
  }

  /** {@code layer.forward(x)} on the variable of a for-each over a list of runtime modules. */
  Value moduleOnElement(
      MethodInvocationTree call, SubModelElement element, String name, Frame frame) {
    return modules.onElement(call, element, name, frame);
  }

  /** Emits {@code form} on {@code operands}; returns its result. */
  Value.Var apply(
      MethodInvocationTree call,
      TensorForm form,
      List<Value> operands,
      List<Value> params,
      Frame frame) {
    String name = describe(call);
    boolean over = form.overFirst() != null && frame.state().isOverwritable(operands.get(0));
    String forward = (over ? form.overFirst() : form.forward()).apply(params.size());
    TensorPrimitive primitive;
    if (form.elementwise() != null) {
      primitive =
          TensorPrimitive.elementwise(
              name, form.elementwise(), forward, form.mayReturnFirstOperand());
    } else {
      for (Value operand : operands) {
        if (operand.type() != IrType.TENSOR) {
          throw new DiagnosticException(
              DiagnosticId.ADJ113,
              call,
              name + " takes tensors; '" + operand + "' is a " + operand.type().javaName());
        }
      }
      primitive =
          TensorPrimitive.tensor(
              name, form.tensorOp(), forward, form.params().apply(params.size()));
    }
    Value.Var target = frame.temporary(IrType.TENSOR);
    if (form.freshResult()) {
      frame.state().markOverwritable(target);
    }
    frame.emit(new Node.TensorApply(target, primitive, operands, params, frame.origin(call)));
    return target;
  }

  /** How comments and diagnostics name the operation: the method called, {@code mul(...)}. */
  private static String describe(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    String method =
        select instanceof MemberSelectTree m
            ? m.getIdentifier().toString()
            : ((IdentifierTree) select).getName().toString();
    return method + "(...)";
  }

  private static Value dimension(Value v, Tree where) {
    if (v.type() != IrType.INT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113, where, "a dimension must be an int, not a " + v.type().javaName());
    }
    return v;
  }

  private static Value number(Value v, Tree where) {
    return Typing.numeric(v, where);
  }

  /** The argument types, as a call's diagnostic names them: {@code (int, double)}. */
  private static String signature(List<Value> args) {
    StringJoiner types = new StringJoiner(", ", "(", ")");
    args.forEach(a -> types.add(a.type().javaName()));
    return types.toString();
  }

  private static DiagnosticException unsupportedCall(
      MethodInvocationTree call, String method, List<Value> args) {
    return new DiagnosticException(
        DiagnosticId.ADJ113,
        call,
        method
            + signature(args)
            + " has no derivative rule in the processor; differentiable tensor code uses the"
            + " elementwise arithmetic and functions, sigmoid, relu, softplus, clamp, sum, mean,"
            + " max, softmax, logSoftmax, matmul, t, transpose, permute, reshape, view, flatten,"
            + " squeeze, unsqueeze, expand, narrow, slice, select, indexSelect, gather, maskedFill,"
            + " contiguous, copy, to(DType.FLOAT32 or FLOAT64), detach, item (a constant),"
            + " Tensor.where, the losses of Losses and forward of the nn modules Linear, Conv2d,"
            + " BatchNorm2d, MaxPool2d, AdaptiveAvgPool2d, ReLU, Dropout and Flatten (see"
            + " docs/diagnostics.md)");
  }
}
