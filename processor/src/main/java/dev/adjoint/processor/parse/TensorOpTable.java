package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.TensorOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The tensor API the processor differentiates, as data: each {@code Tensor} method (by name and
 * arguments), each static operation ({@code Tensor.where}, the losses of {@code Losses}) and the
 * steps of the composites ({@code Losses.crossEntropy}, {@code Linear.forward}), with the runtime
 * rule that differentiates it, how the forward sweep writes it and the parameters the rule reads.
 * This is the one place parse keeps that mapping; {@link TensorCalls} only reads it.
 *
 * <p>Templates are Java expressions in which {@code {0}}, {@code {1}}, ... stand for the operands
 * and {@code {p0}}, {@code {p1}}, ... for the parameters ({@code TensorPrimitive}'s notation); a
 * parameter template builds the {@code OpParams} the tape records, normalised by {@code Adjoints}
 * as {@code Ops} normalises them (negative dimensions, PyTorch's defaults).
 */
final class TensorOpTable {
  private TensorOpTable() {}

  /** What a tensor method call is. */
  sealed interface Row permits Applied, Detached, Rejected {
    String method();
  }

  /**
   * An operation.
   *
   * @param count how many arguments {@link TensorArguments#INTS} and {@link
   *     TensorArguments#NUMBERS} take
   * @param receiverLast the receiver is the last operand, not the first ({@code x.rsub(2)} is
   *     {@code 2 - x})
   */
  record Applied(
      String method, TensorArguments arguments, int count, boolean receiverLast, TensorForm form)
      implements Row {}

  /** A value without a derivative: {@code item()} (a number) or {@code detach()}. */
  record Detached(String method, IrType type) implements Row {}

  /** A method that is never differentiated, and why (the end of a diagnostic). */
  record Rejected(String method, String why) implements Row {}

  private static final TensorForm.Template NO_PARAMS = fixed("{OpParams}.none()");

  /** {@code x.t()}, also the weight's transposition in {@code Linear.forward}. */
  static final TensorForm TRANSPOSE =
      new TensorForm(
          null,
          TensorOp.TRANSPOSE,
          fixed("{0}.t()"),
          fixed("{Adjoints}.matrixTransposition({0})"),
          null,
          false);

  /** {@code a.matmul(b)}: a new tensor; the rule reads the operands, not the product. */
  static final TensorForm MATMUL =
      new TensorForm(null, TensorOp.MATMUL, fixed("{0}.matmul({1})"), NO_PARAMS, null, true);

  /**
   * {@code Linear.forward}'s bias, added over the product, which nothing else reads; a layer built
   * without a bias has none, and the product is the output.
   */
  static final TensorForm LINEAR_BIAS =
      new TensorForm(
          ElementwiseOp.ADD,
          null,
          fixed("{1} == null ? {0} : {0}.add({1})"),
          NO_PARAMS,
          fixed("{1} == null ? {0} : {Adjoints}.addOver({0}, {1})"),
          true,
          true);

  /**
   * {@code Losses.crossEntropy}'s first step, as the runtime computes it: log-softmax over dim 1.
   */
  static final TensorForm CROSS_ENTROPY_LOG_SOFTMAX =
      new TensorForm(
          null,
          TensorOp.LOG_SOFTMAX,
          fixed("{0}.logSoftmax({p0})"),
          fixed("{Adjoints}.dimension({0}, {p0})"),
          null,
          false);

  /** The class-dimension {@link #CROSS_ENTROPY_LOG_SOFTMAX} normalises over. */
  static final Value CROSS_ENTROPY_CLASSES = new Value.Const("1", IrType.INT);

  /** {@code Losses.nll}, also {@code Losses.crossEntropy}'s second step. */
  static final TensorForm NLL = tensorForm(TensorOp.NLL_LOSS, "{Losses}.nll({0}, {1})");

  /** The static tensor operations, by qualified owner and name: each takes tensors only. */
  private static final Map<String, Map<String, TensorForm>> STATICS =
      Map.of(
          IrType.TENSOR_CLASS,
          Map.of("where", tensorForm(TensorOp.WHERE, "{Tensor}.where({0}, {1}, {2})")),
          TensorCalls.LOSSES,
          Map.of(
              "mse", tensorForm(TensorOp.MSE_LOSS, "{Losses}.mse({0}, {1})"),
              "binaryCrossEntropyWithLogits",
                  tensorForm(
                      TensorOp.BCE_WITH_LOGITS, "{Losses}.binaryCrossEntropyWithLogits({0}, {1})"),
              "nll", NLL));

  private static final List<Row> METHODS = new ArrayList<>();

  static {
    METHODS.add(new Detached("item", IrType.DOUBLE)); // as on the tape: a number, no derivative
    METHODS.add(new Detached("detach", IrType.TENSOR));
    binary("add", ElementwiseOp.ADD, true);
    binary("sub", ElementwiseOp.SUBTRACT, true);
    binary("mul", ElementwiseOp.MULTIPLY, true);
    binary("div", ElementwiseOp.DIVIDE, true);
    binary("pow", ElementwiseOp.POW, true);
    binary("maximum", ElementwiseOp.MAX, false);
    binary("minimum", ElementwiseOp.MIN, false);
    // value - x: the operands in the rule's order
    METHODS.add(
        new Applied(
            "rsub",
            TensorArguments.NUMBER,
            1,
            true,
            elementwise(ElementwiseOp.SUBTRACT, "{1}.rsub({0})", null)));
    unary("neg", ElementwiseOp.NEGATE);
    unary("exp", ElementwiseOp.EXP);
    unary("expm1", ElementwiseOp.EXPM1);
    unary("log", ElementwiseOp.LOG);
    unary("log1p", ElementwiseOp.LOG1P);
    unary("sqrt", ElementwiseOp.SQRT);
    unary("sin", ElementwiseOp.SIN);
    unary("cos", ElementwiseOp.COS);
    unary("tanh", ElementwiseOp.TANH);
    unary("abs", ElementwiseOp.ABS);
    method("sigmoid", TensorArguments.NONE, 0, TensorOp.SIGMOID, "{0}.sigmoid()", NO_PARAMS);
    METHODS.add(
        new Applied(
            "relu",
            TensorArguments.NONE,
            0,
            false,
            new TensorForm(
                null,
                TensorOp.RELU,
                fixed("{0}.relu()"),
                NO_PARAMS,
                fixed("{Adjoints}.reluOver({0})"),
                false)));
    method(
        "contiguous", TensorArguments.NONE, 0, TensorOp.CONTIGUOUS, "{0}.contiguous()", NO_PARAMS);
    // copy() is contiguous() that always copies
    method("copy", TensorArguments.NONE, 0, TensorOp.CONTIGUOUS, "{0}.copy()", NO_PARAMS);
    // PyTorch's defaults, as Tensor.softplus() has them
    method(
        "softplus",
        TensorArguments.NONE,
        0,
        TensorOp.SOFTPLUS,
        "{0}.softplus()",
        fixed("{OpParams}.reals(1, 20)"));
    method(
        "clamp",
        TensorArguments.NUMBERS,
        2,
        TensorOp.CLAMP,
        "{0}.clamp({p0}, {p1})",
        fixed("{OpParams}.reals({p0}, {p1})"));
    reduction("sum", TensorOp.SUM);
    reduction("mean", TensorOp.MEAN);
    reduction("max", TensorOp.AMAX);
    method(
        "softmax",
        TensorArguments.INTS,
        1,
        TensorOp.SOFTMAX,
        "{0}.softmax({p0})",
        fixed("{Adjoints}.dimension({0}, {p0})"));
    method(
        "logSoftmax",
        TensorArguments.INTS,
        1,
        TensorOp.LOG_SOFTMAX,
        "{0}.logSoftmax({p0})",
        fixed("{Adjoints}.dimension({0}, {p0})"));
    METHODS.add(new Applied("matmul", TensorArguments.TENSOR, 1, false, MATMUL));
    METHODS.add(new Applied("t", TensorArguments.NONE, 0, false, TRANSPOSE));
    view("transpose", TensorArguments.INTS, 2, TensorOp.TRANSPOSE, "transposition");
    // the rules reshape the adjoint back like the operand: no parameters needed
    view("reshape", TensorArguments.SOME_INTS, 0, TensorOp.RESHAPE, null);
    view("view", TensorArguments.SOME_INTS, 0, TensorOp.RESHAPE, null);
    view("expand", TensorArguments.SOME_INTS, 0, TensorOp.EXPAND, null);
    view("permute", TensorArguments.SOME_INTS, 0, TensorOp.PERMUTE, "permutation");
    view("narrow", TensorArguments.INTS, 3, TensorOp.NARROW, "narrowing");
    // Python's x[start:end] along dim: a narrow, its bounds clipped as Tensor.slice clips them
    view("slice", TensorArguments.INTS, 3, TensorOp.NARROW, "slicing");
    view("select", TensorArguments.INTS, 2, TensorOp.SELECT, "selection");
    // the index is an operand without a derivative, as the tape records it
    method(
        "indexSelect",
        TensorArguments.INT_THEN_TENSOR,
        2,
        TensorOp.INDEX_SELECT,
        "{0}.indexSelect({p0}, {1})",
        fixed("{Adjoints}.dimension({0}, {p0})"));
    method(
        "gather",
        TensorArguments.INT_THEN_TENSOR,
        2,
        TensorOp.GATHER,
        "{0}.gather({p0}, {1})",
        fixed("{Adjoints}.dimension({0}, {p0})"));
    method(
        "maskedFill",
        TensorArguments.TENSOR_THEN_NUMBER,
        2,
        TensorOp.MASKED_FILL,
        "{0}.maskedFill({1}, {p0})",
        fixed("{OpParams}.reals({p0})"));
    method("flatten", TensorArguments.NONE, 0, TensorOp.RESHAPE, "{0}.flatten()", NO_PARAMS);
    // x.flatten(startDim): dimensions from startDim on as one; reshaped back like the operand
    method("flatten", TensorArguments.INTS, 1, TensorOp.RESHAPE, "{0}.flatten({p0})", NO_PARAMS);
    method("squeeze", TensorArguments.NONE, 0, TensorOp.SQUEEZE, "{0}.squeeze()", NO_PARAMS);
    method("squeeze", TensorArguments.INTS, 1, TensorOp.SQUEEZE, "{0}.squeeze({p0})", NO_PARAMS);
    method(
        "unsqueeze", TensorArguments.INTS, 1, TensorOp.UNSQUEEZE, "{0}.unsqueeze({p0})", NO_PARAMS);
    for (String comparison : List.of("gt", "lt", "ge", "le", "eq")) {
      // a comparison has no derivative to give, but what it gives is a mask, not a number
      METHODS.add(
          new Rejected(
              comparison,
              "computes a mask, which differentiable tensor code does not compute: compute it"
                  + " before the call and pass it as a @NoDerivative Tensor parameter, for"
                  + " Tensor.where(mask, a, b)"));
    }
    for (String read : List.of("toArray", "get")) {
      METHODS.add(
          new Rejected(
              read,
              "reads a tensor's values into Java arrays or numbers, which carry no gradient: keep"
                  + " the computation in tensor operations (item() gives a one-element tensor's"
                  + " value, to branch on)"));
    }
  }

  /** The row for {@code x.method(args)}, if the table has one. */
  static Optional<Row> method(String method, List<Value> args) {
    return METHODS.stream()
        .filter(row -> row.method().equals(method))
        .filter(
            row ->
                !(row instanceof Applied applied)
                    || applied.arguments().matches(args, applied.count()))
        .findFirst();
  }

  /** The static operation {@code owner.method} on {@code tensors} tensors, if the table has it. */
  static Optional<TensorForm> staticOperation(String owner, String method, int tensors) {
    return Optional.ofNullable(STATICS.getOrDefault(owner, Map.of()).get(method))
        .filter(form -> form.tensorOp().arity() == tensors);
  }

  /** {@code x.to(DType.<constant>)}: a conversion between floating types. */
  static TensorForm conversion(String constant) {
    return tensorForm(TensorOp.TO_DTYPE, "{0}.to({DType}." + constant + ")");
  }

  private static void binary(String name, ElementwiseOp op, boolean alsoNumber) {
    String forward = "{0}." + name + "({1})";
    String over = op == ElementwiseOp.ADD ? "{Adjoints}.addOver({0}, {1})" : null;
    METHODS.add(
        new Applied(name, TensorArguments.TENSOR, 1, false, elementwise(op, forward, over)));
    if (alsoNumber) {
      METHODS.add(
          new Applied(name, TensorArguments.NUMBER, 1, false, elementwise(op, forward, null)));
    }
  }

  private static void unary(String name, ElementwiseOp op) {
    METHODS.add(
        new Applied(
            name, TensorArguments.NONE, 0, false, elementwise(op, "{0}." + name + "()", null)));
  }

  /** {@code x.name()} over all elements, {@code x.name(dim)} along one. */
  private static void reduction(String name, TensorOp op) {
    method(
        name,
        TensorArguments.NONE,
        0,
        op,
        "{0}." + name + "()",
        fixed("{Adjoints}.reduction({0}, new int[0], false)"));
    method(
        name,
        TensorArguments.INT,
        1,
        op,
        "{0}." + name + "({p0})",
        fixed("{Adjoints}.reduction({0}, new int[] {{p0}}, false)"));
  }

  private static void method(
      String name,
      TensorArguments arguments,
      int count,
      TensorOp op,
      String forward,
      TensorForm.Template params) {
    METHODS.add(
        new Applied(
            name,
            arguments,
            count,
            false,
            new TensorForm(null, op, fixed(forward), params, null, false)));
  }

  /**
   * {@code x.name(ints...)}, a view or reshape: its rule reads the parameters the tape records,
   * which {@code Adjoints.<normalisation>(x, ints...)} normalises as {@code Ops} does (null: a rule
   * that needs none).
   */
  private static void view(
      String name, TensorArguments arguments, int count, TensorOp op, String normalisation) {
    TensorForm.Template forward = n -> "{0}." + name + "(" + placeholders(n) + ")";
    TensorForm.Template params =
        normalisation == null
            ? NO_PARAMS
            : n ->
                "{Adjoints}."
                    + normalisation
                    + "({0}"
                    + (n == 0 ? "" : ", " + placeholders(n))
                    + ")";
    METHODS.add(
        new Applied(
            name, arguments, count, false, new TensorForm(null, op, forward, params, null, false)));
  }

  private static TensorForm elementwise(ElementwiseOp op, String forward, String overFirst) {
    // a sum, difference or product is a new tensor; the rule reads the operands
    boolean fresh =
        op == ElementwiseOp.ADD || op == ElementwiseOp.SUBTRACT || op == ElementwiseOp.MULTIPLY;
    return new TensorForm(
        op, null, fixed(forward), NO_PARAMS, overFirst == null ? null : fixed(overFirst), fresh);
  }

  private static TensorForm tensorForm(TensorOp op, String forward) {
    return new TensorForm(null, op, fixed(forward), NO_PARAMS, null, false);
  }

  private static TensorForm.Template fixed(String template) {
    return n -> template;
  }

  private static String placeholders(int n) {
    StringJoiner out = new StringJoiner(", ");
    for (int i = 0; i < n; i++) {
      out.add("{p" + i + "}");
    }
    return out.toString();
  }
}
