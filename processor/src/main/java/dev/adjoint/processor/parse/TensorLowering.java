package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.TensorPrimitive;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.TensorOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * The lowering of tensor code: {@code Tensor} methods, {@code Tensor.where}, the losses of {@code
 * Losses} and {@code Linear} layers held in fields become {@link Node.TensorApply} nodes, each
 * naming the runtime rule that differentiates it. Composite operations are lowered to the same
 * primitives the runtime composes them of ({@code crossEntropy} is {@code logSoftmax} then {@code
 * nll}; a linear layer is a matrix product and a bias), so both engines compute the same numbers.
 *
 * <p>Tensors read from fields of the receiver are the model's parameters: each becomes a leaf of
 * the computation, differentiated like a parameter ({@link IrFunction.FieldLeaf}).
 */
abstract class TensorLowering extends LoweringContext {
  static final String LOSSES = "dev.adjoint.runtime.nn.Losses";
  static final String LINEAR = "dev.adjoint.runtime.nn.Linear";
  static final String DTYPE = "dev.adjoint.runtime.tensor.DType";

  /** The receiver's tensors read so far, by the expression that reads them. */
  final Map<String, IrFunction.FieldLeaf> fieldLeaves = new LinkedHashMap<>();

  /**
   * Temporaries whose elements the operation that consumes them may write its result over: each is
   * a new tensor made by an operation whose rule reads its operands but not its result (a sum, a
   * difference, a product, a matrix product), so the reverse sweep reads only its shape; and, being
   * a temporary, it is the operand of one operation alone. {@code layer.forward(x).relu()} then
   * needs one tensor where the tape makes three.
   */
  private final Set<Value.Var> overwritable = new HashSet<>();

  TensorLowering(
      Trees trees,
      Elements elements,
      DerivativeRegistry registry,
      DifferentiableDeclaration declaration,
      CompilationUnitTree unit) {
    super(trees, elements, registry, declaration, unit);
  }

  /** Whether a field of this type holds a tensor, or a layer whose tensors are parameters. */
  static boolean isTensorType(VariableElement field) {
    return qualifiedName(field).equals(IrType.TENSOR_CLASS);
  }

  static boolean isLayerType(VariableElement field) {
    return qualifiedName(field).equals(LINEAR);
  }

  private static String qualifiedName(VariableElement field) {
    if (field.asType().getKind() != TypeKind.DECLARED) {
      return "";
    }
    return ((TypeElement) ((DeclaredType) field.asType()).asElement())
        .getQualifiedName()
        .toString();
  }

  /** The leaf holding the receiver's tensor that {@code expression} reads. */
  Value.Var fieldLeaf(String expression, String preferredName) {
    IrFunction.FieldLeaf leaf =
        fieldLeaves.computeIfAbsent(
            expression,
            e ->
                new IrFunction.FieldLeaf(
                    new Value.Var(names.fresh(preferredName), IrType.TENSOR), e));
    return leaf.variable();
  }

  /** A read of tensor field {@code field}, the receiver's or the class's: a leaf. */
  Value tensorField(VariableElement field, Tree where, String staticExpression) {
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          where,
          "field '"
              + field.getSimpleName()
              + "' is private; the generated class cannot read it: make it package-private");
    }
    requireReachable(field, where);
    if (field.getModifiers().contains(Modifier.STATIC)) {
      // a tensor held by the class: a leaf like the receiver's, so that one that requires grad
      // gets its gradient as on the tape; data, which does not, costs one flag test
      return fieldLeaf(staticExpression, field.getSimpleName().toString());
    }
    if (!isInstanceMethod) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          where,
          "instance field '" + field.getSimpleName() + "' read from a static method");
    }
    String name = field.getSimpleName().toString();
    return fieldLeaf(receiverExpression + "." + name, leafName(name));
  }

  // ---------------------------------------------------------------- calls

  /**
   * Lowers {@code receiver.name(args)} on a tensor. Throws {@link DiagnosticId#ADJ113} for a method
   * without a rule.
   */
  Value lowerTensorMethod(MethodInvocationTree call, Value receiver, String name) {
    List<? extends ExpressionTree> argTrees = call.getArguments();
    if (name.equals("to") && argTrees.size() == 1) {
      return lowerConversion(call, receiver, argTrees.get(0));
    }
    List<Value> args = new ArrayList<>();
    for (ExpressionTree arg : argTrees) {
      args.add(lowerExpression(arg));
    }
    int n = args.size();
    boolean tensorArg = n == 1 && args.get(0).type() == IrType.TENSOR;
    boolean numberArg = n == 1 && args.get(0).type().isNumeric();
    if (name.equals("item") && n == 0) {
      // as on the tape: the value as a Java number, which carries no derivative
      Value.Var target = temporary(IrType.DOUBLE);
      emit(new Node.Detach(target, receiver, origin(call)));
      return target;
    }
    if (name.equals("detach") && n == 0) {
      Value.Var target = temporary(IrType.TENSOR);
      emit(new Node.Detach(target, receiver, origin(call)));
      return target;
    }
    Optional<ElementwiseOp> binary =
        switch (name) {
          case "add" -> Optional.of(ElementwiseOp.ADD);
          case "sub" -> Optional.of(ElementwiseOp.SUBTRACT);
          case "mul" -> Optional.of(ElementwiseOp.MULTIPLY);
          case "div" -> Optional.of(ElementwiseOp.DIVIDE);
          case "pow" -> Optional.of(ElementwiseOp.POW);
          case "maximum" -> Optional.of(ElementwiseOp.MAX);
          case "minimum" -> Optional.of(ElementwiseOp.MIN);
          default -> Optional.empty();
        };
    if (binary.isPresent()
        && (tensorArg || numberArg && !name.equals("maximum") && !name.equals("minimum"))) {
      if (binary.get() == ElementwiseOp.ADD && tensorArg && isOverwritable(receiver)) {
        return elementwise(
            call, ElementwiseOp.ADD, "Adjoints.addOver({0}, {1})", receiver, args.get(0));
      }
      return elementwise(call, binary.get(), "{0}." + name + "({1})", receiver, args.get(0));
    }
    if (name.equals("rsub") && numberArg) {
      // value - x: the operands in the rule's order
      return elementwise(call, ElementwiseOp.SUBTRACT, "{1}.rsub({0})", args.get(0), receiver);
    }
    Optional<ElementwiseOp> unary =
        switch (name) {
          case "neg" -> Optional.of(ElementwiseOp.NEGATE);
          case "exp" -> Optional.of(ElementwiseOp.EXP);
          case "expm1" -> Optional.of(ElementwiseOp.EXPM1);
          case "log" -> Optional.of(ElementwiseOp.LOG);
          case "log1p" -> Optional.of(ElementwiseOp.LOG1P);
          case "sqrt" -> Optional.of(ElementwiseOp.SQRT);
          case "sin" -> Optional.of(ElementwiseOp.SIN);
          case "cos" -> Optional.of(ElementwiseOp.COS);
          case "tanh" -> Optional.of(ElementwiseOp.TANH);
          case "abs" -> Optional.of(ElementwiseOp.ABS);
          default -> Optional.empty();
        };
    if (unary.isPresent() && n == 0) {
      return elementwise(call, unary.get(), "{0}." + name + "()", receiver);
    }
    String none = "OpParams.none()";
    String whole = "Adjoints.reduction({0}, new int[0], false)";
    String alongDim = "Adjoints.reduction({0}, new int[] {{p0}}, false)";
    switch (name) {
      case "sigmoid", "relu", "contiguous", "copy" -> {
        if (n == 0) {
          TensorOp op =
              switch (name) {
                case "sigmoid" -> TensorOp.SIGMOID;
                case "relu" -> TensorOp.RELU;
                default -> TensorOp.CONTIGUOUS; // copy() is contiguous() that always copies
              };
          String forward =
              op == TensorOp.RELU && isOverwritable(receiver)
                  ? "Adjoints.reluOver({0})"
                  : "{0}." + name + "()";
          return tensorOp(call, op, forward, none, List.of(receiver), List.of());
        }
      }
      case "softplus" -> {
        if (n == 0) {
          // PyTorch's defaults, as Tensor.softplus() has them
          return tensorOp(
              call,
              TensorOp.SOFTPLUS,
              "{0}.softplus()",
              "OpParams.reals(1, 20)",
              List.of(receiver),
              List.of());
        }
      }
      case "clamp" -> {
        if (n == 2) {
          return tensorOp(
              call,
              TensorOp.CLAMP,
              "{0}.clamp({p0}, {p1})",
              "OpParams.reals({p0}, {p1})",
              List.of(receiver),
              numbers(args, call));
        }
      }
      case "sum", "mean", "max" -> {
        TensorOp op =
            switch (name) {
              case "sum" -> TensorOp.SUM;
              case "mean" -> TensorOp.MEAN;
              default -> TensorOp.AMAX;
            };
        if (n == 0) {
          return tensorOp(call, op, "{0}." + name + "()", whole, List.of(receiver), List.of());
        }
        if (n == 1 && args.get(0).type() == IrType.INT) {
          return tensorOp(
              call, op, "{0}." + name + "({p0})", alongDim, List.of(receiver), ints(args, call));
        }
      }
      case "softmax", "logSoftmax" -> {
        if (n == 1) {
          return tensorOp(
              call,
              name.equals("softmax") ? TensorOp.SOFTMAX : TensorOp.LOG_SOFTMAX,
              "{0}." + name + "({p0})",
              "Adjoints.dimension({0}, {p0})",
              List.of(receiver),
              ints(args, call));
        }
      }
      case "matmul" -> {
        if (tensorArg) {
          return tensorOp(
              call,
              TensorOp.MATMUL,
              "{0}.matmul({1})",
              none,
              List.of(receiver, args.get(0)),
              List.of());
        }
      }
      case "t" -> {
        if (n == 0) {
          return tensorOp(
              call,
              TensorOp.TRANSPOSE,
              "{0}.t()",
              "Adjoints.matrixTransposition({0})",
              List.of(receiver),
              List.of());
        }
      }
      case "transpose" -> {
        if (n == 2) {
          return intView(call, TensorOp.TRANSPOSE, name, "transposition", receiver, args);
        }
      }
      case "reshape", "view", "expand" -> {
        if (n > 0 && args.stream().allMatch(a -> a.type() == IrType.INT)) {
          TensorOp op = name.equals("expand") ? TensorOp.EXPAND : TensorOp.RESHAPE;
          return intView(call, op, name, null, receiver, args);
        }
      }
      case "permute" -> {
        if (n > 0 && args.stream().allMatch(a -> a.type() == IrType.INT)) {
          return intView(call, TensorOp.PERMUTE, name, "permutation", receiver, args);
        }
      }
      case "narrow" -> {
        if (n == 3) {
          return intView(call, TensorOp.NARROW, name, "narrowing", receiver, args);
        }
      }
      case "slice" -> {
        // Python's x[start:end] along dim: a narrow, its bounds clipped as Tensor.slice clips them
        if (n == 3) {
          return intView(call, TensorOp.NARROW, name, "slicing", receiver, args);
        }
      }
      case "select" -> {
        if (n == 2) {
          return intView(call, TensorOp.SELECT, name, "selection", receiver, args);
        }
      }
      case "indexSelect", "gather" -> {
        // the index is an operand without a derivative, as the tape records it
        if (n == 2 && args.get(1).type() == IrType.TENSOR) {
          return tensorOp(
              call,
              name.equals("gather") ? TensorOp.GATHER : TensorOp.INDEX_SELECT,
              "{0}." + name + "({p0}, {1})",
              "Adjoints.dimension({0}, {p0})",
              List.of(receiver, args.get(1)),
              ints(args.subList(0, 1), call));
        }
      }
      case "maskedFill" -> {
        if (n == 2 && args.get(0).type() == IrType.TENSOR) {
          return tensorOp(
              call,
              TensorOp.MASKED_FILL,
              "{0}.maskedFill({1}, {p0})",
              "OpParams.reals({p0})",
              List.of(receiver, args.get(0)),
              numbers(args.subList(1, 2), call));
        }
      }
      case "flatten" -> {
        if (n == 0) {
          return tensorOp(
              call, TensorOp.RESHAPE, "{0}.flatten()", none, List.of(receiver), List.of());
        }
      }
      case "squeeze", "unsqueeze" -> {
        // the rules reshape the adjoint back like the operand: no parameters needed
        TensorOp op = name.equals("squeeze") ? TensorOp.SQUEEZE : TensorOp.UNSQUEEZE;
        if (n == 0 && op == TensorOp.SQUEEZE) {
          return tensorOp(call, op, "{0}.squeeze()", none, List.of(receiver), List.of());
        }
        if (n == 1) {
          return tensorOp(
              call, op, "{0}." + name + "({p0})", none, List.of(receiver), ints(args, call));
        }
      }
      case "gt", "lt", "ge", "le", "eq" -> {
        // a comparison has no derivative to give, but what it gives is a mask, not a number
        throw new DiagnosticException(
            DiagnosticId.ADJ113,
            call,
            "Tensor."
                + name
                + signature(args)
                + " computes a mask, which differentiable tensor code does not compute: compute"
                + " it before the call and pass it as a @NoDerivative Tensor parameter, for"
                + " Tensor.where(mask, a, b)");
      }
      case "toArray", "get" -> {
        throw new DiagnosticException(
            DiagnosticId.ADJ113,
            call,
            "Tensor."
                + name
                + signature(args)
                + " reads a tensor's values into Java arrays or numbers, which carry no gradient:"
                + " keep the computation in tensor operations (item() gives a one-element"
                + " tensor's value, to branch on)");
      }
      default -> {}
    }
    throw unsupportedTensorCall(call, "Tensor." + name, args);
  }

  /**
   * {@code receiver.name(ints...)}, a view or reshape: its rule reads the parameters the tape
   * records, which {@code Adjoints.<paramsMethod>(receiver, ints...)} normalises as {@code Ops}
   * does ({@code null}: a rule that needs none).
   */
  private Value intView(
      MethodInvocationTree call,
      TensorOp op,
      String name,
      String paramsMethod,
      Value receiver,
      List<Value> args) {
    StringJoiner placeholders = new StringJoiner(", ");
    for (int i = 0; i < args.size(); i++) {
      placeholders.add("{p" + i + "}");
    }
    String params =
        paramsMethod == null
            ? "OpParams.none()"
            : "Adjoints." + paramsMethod + "({0}, " + placeholders + ")";
    return tensorOp(
        call,
        op,
        "{0}." + name + "(" + placeholders + ")",
        params,
        List.of(receiver),
        ints(args, call));
  }

  /**
   * Lowers {@code x.to(DType.FLOAT32)} or {@code x.to(DType.FLOAT64)}: a conversion between
   * floating types, whose rule converts the adjoint back. The type must be one of those constants,
   * so that the generated code can name it; a conversion to {@code INT64} or {@code BOOL} carries
   * no gradient (the tape records none) and is reported.
   */
  private Value lowerConversion(MethodInvocationTree call, Value receiver, ExpressionTree type) {
    String constant =
        type instanceof MemberSelectTree select
                && resolver
                    .resolveType(select.getExpression().toString())
                    .filter(t -> t.getQualifiedName().contentEquals(DTYPE))
                    .isPresent()
            ? select.getIdentifier().toString()
            : "";
    if (constant.equals("FLOAT32") || constant.equals("FLOAT64")) {
      return tensorOp(
          call,
          TensorOp.TO_DTYPE,
          "{0}.to(" + DTYPE + "." + constant + ")",
          "OpParams.none()",
          List.of(receiver),
          List.of());
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
  Value lowerTensorStatic(MethodInvocationTree call, String owner, String name) {
    if (owner.equals(IrType.TENSOR_CLASS) && (name.equals("cat") || name.equals("stack"))) {
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
    List<Value> args = new ArrayList<>();
    for (ExpressionTree arg : call.getArguments()) {
      args.add(lowerExpression(arg));
    }
    boolean allTensors = args.stream().allMatch(a -> a.type() == IrType.TENSOR);
    String none = "OpParams.none()";
    if (owner.equals(IrType.TENSOR_CLASS) && name.equals("where") && args.size() == 3) {
      if (allTensors) {
        return tensorOp(call, TensorOp.WHERE, "Tensor.where({0}, {1}, {2})", none, args, List.of());
      }
    }
    if (owner.equals(LOSSES) && args.size() == 2 && allTensors) {
      switch (name) {
        case "mse" -> {
          return tensorOp(call, TensorOp.MSE_LOSS, "Losses.mse({0}, {1})", none, args, List.of());
        }
        case "binaryCrossEntropyWithLogits" -> {
          return tensorOp(
              call,
              TensorOp.BCE_WITH_LOGITS,
              "Losses.binaryCrossEntropyWithLogits({0}, {1})",
              none,
              args,
              List.of());
        }
        case "nll" -> {
          return tensorOp(call, TensorOp.NLL_LOSS, "Losses.nll({0}, {1})", none, args, List.of());
        }
        case "crossEntropy" -> {
          // as the runtime computes it: log-softmax over the classes, then the NLL loss
          Value logProbabilities =
              tensorOp(
                  call,
                  TensorOp.LOG_SOFTMAX,
                  "{0}.logSoftmax({p0})",
                  "Adjoints.dimension({0}, {p0})",
                  List.of(args.get(0)),
                  List.of(new Value.Const("1", IrType.INT)));
          return tensorOp(
              call,
              TensorOp.NLL_LOSS,
              "Losses.nll({0}, {1})",
              none,
              List.of(logProbabilities, args.get(1)),
              List.of());
        }
        default -> {}
      }
    }
    String simpleOwner = owner.substring(owner.lastIndexOf('.') + 1);
    if (owner.equals(IrType.TENSOR_CLASS) && !name.equals("where")) {
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
    throw unsupportedTensorCall(call, simpleOwner + "." + name, args);
  }

  /**
   * Lowers {@code layer.forward(input)} for a {@code Linear} field of the receiver: {@code input ·
   * weightᵀ + bias}, as {@code Linear.forward} computes it, with its weight and bias as leaves.
   */
  Value lowerLayerCall(MethodInvocationTree call, VariableElement layer, String name) {
    if (!name.equals("forward") || call.getArguments().size() != 1) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "only forward(input) of a Linear layer is differentiated, not '" + name + "'");
    }
    if (layer.getModifiers().contains(Modifier.STATIC) || !isInstanceMethod) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "layer '"
              + layer.getSimpleName()
              + "' must be an instance field of the model whose method is @Differentiable: its"
              + " weights are the parameters the gradient goes to");
    }
    if (layer.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          call,
          "field '"
              + layer.getSimpleName()
              + "' is private; the generated class cannot read it: make it package-private");
    }
    Value input = lowerExpression(call.getArguments().get(0));
    if (input.type() != IrType.TENSOR) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "Linear.forward takes a Tensor, not a " + input.type().javaName());
    }
    requireReachable(layer, call);
    String field = layer.getSimpleName().toString();
    String path = receiverExpression + "." + field;
    Value.Var weight = fieldLeaf(path + ".weight()", leafName(field + "Weight"));
    Value.Var bias = fieldLeaf(path + ".bias()", leafName(field + "Bias"));
    Value transposed =
        tensorOp(
            call,
            TensorOp.TRANSPOSE,
            "{0}.t()",
            "Adjoints.matrixTransposition({0})",
            List.of(weight),
            List.of());
    Value product =
        tensorOp(
            call,
            TensorOp.MATMUL,
            "{0}.matmul({1})",
            "OpParams.none()",
            List.of(input, transposed),
            List.of());
    // a layer built without a bias has none: the product is the output; with one, the bias is
    // added over the product, which nothing else reads
    return elementwise(
        call,
        ElementwiseOp.ADD,
        isOverwritable(product)
            ? "{1} == null ? {0} : Adjoints.addOver({0}, {1})"
            : "{1} == null ? {0} : {0}.add({1})",
        product,
        bias);
  }

  // ---------------------------------------------------------------- helpers

  /** Whether {@code v} is a temporary the operation consuming it may overwrite. */
  private boolean isOverwritable(Value v) {
    return v instanceof Value.Var var && temporaries.contains(var) && overwritable.contains(var);
  }

  private Value.Var elementwise(
      MethodInvocationTree call, ElementwiseOp op, String forward, Value... args) {
    Value.Var target = temporary(IrType.TENSOR);
    if (op == ElementwiseOp.ADD || op == ElementwiseOp.SUBTRACT || op == ElementwiseOp.MULTIPLY) {
      overwritable.add(
          target); // a new tensor (or an overwritable operand); the rule reads operands
    }
    emit(
        new Node.TensorApply(
            target,
            TensorPrimitive.elementwise(describe(call), op, forward),
            List.of(args),
            List.of(),
            origin(call)));
    return target;
  }

  private Value.Var tensorOp(
      MethodInvocationTree call,
      TensorOp op,
      String forward,
      String params,
      List<Value> args,
      List<Value> paramValues) {
    for (Value arg : args) {
      if (arg.type() != IrType.TENSOR) {
        throw new DiagnosticException(
            DiagnosticId.ADJ113,
            call,
            describe(call) + " takes tensors; '" + arg + "' is a " + arg.type().javaName());
      }
    }
    Value.Var target = temporary(IrType.TENSOR);
    if (op == TensorOp.MATMUL) {
      overwritable.add(target); // a new tensor; the rule reads the operands, not the product
    }
    emit(
        new Node.TensorApply(
            target,
            TensorPrimitive.tensor(describe(call), op, forward, params),
            args,
            paramValues,
            origin(call)));
    return target;
  }

  private String describe(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    String method =
        select instanceof MemberSelectTree m
            ? m.getIdentifier().toString()
            : ((IdentifierTree) select).getName().toString();
    return method + "(...)";
  }

  private List<Value> ints(List<Value> args, Tree where) {
    for (Value v : args) {
      if (v.type() != IrType.INT) {
        throw new DiagnosticException(
            DiagnosticId.ADJ113, where, "a dimension must be an int, not a " + v.type().javaName());
      }
    }
    return args;
  }

  private List<Value> numbers(List<Value> args, Tree where) {
    for (Value v : args) {
      numeric(v, where);
    }
    return args;
  }

  /** The argument types, as a call's diagnostic names them: {@code (int, double)}. */
  private static String signature(List<Value> args) {
    StringJoiner types = new StringJoiner(", ", "(", ")");
    args.forEach(a -> types.add(a.type().javaName()));
    return types.toString();
  }

  private DiagnosticException unsupportedTensorCall(
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
            + " Tensor.where, the losses of Losses and Linear.forward (see docs/diagnostics.md)");
  }
}
