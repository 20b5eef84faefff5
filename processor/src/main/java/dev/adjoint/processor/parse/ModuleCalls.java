package dev.adjoint.processor.parse;

import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * {@code field.forward(x)} on a runtime {@code nn} module held in a field ({@code Linear}, {@code
 * Conv2d}, {@code BatchNorm2d}, {@code MaxPool2d}, {@code AdaptiveAvgPool2d}, {@code ReLU}, {@code
 * Dropout}, {@code Flatten}): lowered to the operations the module's forward runs, as {@link
 * ModuleForms} writes them; also on the variable of a for-each over a {@code List} field of them
 * ({@link #onElement}). The module's parameters are leaves read through the field; its
 * configuration (stride, padding, momentum, training mode, ...) is read from the module when the
 * generated code runs, through its accessors, so a model changed after compilation (its mode, its
 * layers' settings) is differentiated as it is then.
 */
final class ModuleCalls {
  private static final String NN = "dev.adjoint.runtime.nn.";

  /** The modules lowered here, by simple name; {@code Sequential} is reported, not lowered. */
  private static final List<String> LOWERED =
      List.of(
          "Linear",
          "Conv2d",
          "BatchNorm2d",
          "MaxPool2d",
          "AdaptiveAvgPool2d",
          "ReLU",
          "Dropout",
          "Flatten");

  private final Expressions expressions;
  private final Reachability reachability;
  private final TensorCalls tensors;

  ModuleCalls(Expressions expressions, Reachability reachability, TensorCalls tensors) {
    this.expressions = expressions;
    this.reachability = reachability;
    this.tensors = tensors;
  }

  /** The simple name of the runtime module {@code field} holds, if it is one this class knows. */
  static Optional<String> moduleOf(VariableElement field) {
    if (field.asType().getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    return runtimeClass((TypeElement) ((DeclaredType) field.asType()).asElement())
        .filter(simple -> LOWERED.contains(simple) || simple.equals("Sequential"));
  }

  /** The simple name of {@code type} if it is a class of the runtime's {@code nn} package. */
  static Optional<String> runtimeClass(TypeElement type) {
    String name = type.getQualifiedName().toString();
    return name.startsWith(NN) && name.indexOf('.', NN.length()) < 0
        ? Optional.of(name.substring(NN.length()))
        : Optional.empty();
  }

  /**
   * {@code layer.forward(x)} on the variable of a for-each over a list of runtime modules ({@code
   * for (Linear layer : layers)}): the module's operations, its parameters the leaves of the pass
   * and its configuration read in the pass ({@link Node.ElementRead}), through {@code
   * layers.get(k)}.
   */
  Value onElement(MethodInvocationTree call, SubModelElement element, String name, Frame frame) {
    String kind = runtimeClass(element.model()).orElseThrow();
    if (!LOWERED.contains(kind)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "a list of "
              + kind
              + " is not differentiated: in a for-each over a list the processor differentiates"
              + " forward of "
              + String.join(", ", LOWERED)
              + " (a List of one of them), and @Differentiable methods of your own classes; hold"
              + " each layer in its own field and call them in turn, or run this method on the"
              + " dynamic tape");
    }
    requireForward(call, kind, name);
    Value input = input(call, kind, frame);
    return new Lowering(
            call, FieldRef.ofReceiver(element.segment()), Optional.of(element.index()), frame)
        .of(kind, input);
  }

  private static void requireForward(MethodInvocationTree call, String kind, String name) {
    if (!name.equals("forward") || call.getArguments().size() != 1) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "only forward(input) of a " + kind + " module is differentiated, not '" + name + "'");
    }
  }

  private Value input(MethodInvocationTree call, String kind, Frame frame) {
    Value input = expressions.lower(call.getArguments().get(0), frame);
    if (input.type() != IrType.TENSOR) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          kind + ".forward takes a Tensor, not a " + input.type().javaName());
    }
    return input;
  }

  /** Lowers {@code module.name(args)} for a module field of the receiver. */
  Value call(MethodInvocationTree call, VariableElement module, String name, Frame frame) {
    String kind = moduleOf(module).orElseThrow();
    String field = module.getSimpleName().toString();
    if (kind.equals("Sequential")) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "Sequential '"
              + field
              + "' runs its layers in a loop over a list of modules, which the processor does not"
              + " differentiate: hold each layer in its own field and call them in turn ("
              + field
              + "Conv.forward(x), then "
              + field
              + "Bn.forward(...)), or run this method on the dynamic tape");
    }
    requireForward(call, kind, name);
    if (module.getModifiers().contains(Modifier.STATIC) || !frame.source().isInstance()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "module '"
              + field
              + "' must be an instance field of the model whose method is @Differentiable: its"
              + " weights are the parameters the gradient goes to");
    }
    if (module.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          call,
          "field '"
              + field
              + "' is private; the generated class cannot read it: make it"
              + " package-private");
    }
    Value input = input(call, kind, frame);
    reachability.require(module, call, frame);
    return new Lowering(call, FieldRef.ofReceiver(field), Optional.empty(), frame).of(kind, input);
  }

  /**
   * One call's lowering: the module read through {@code module}; on a list's element, in the pass
   * whose counter is {@code passIndex}.
   */
  private final class Lowering {
    private final MethodInvocationTree call;
    private final FieldRef module;
    private final Optional<Value.Var> passIndex;
    private final Frame frame;

    Lowering(
        MethodInvocationTree call, FieldRef module, Optional<Value.Var> passIndex, Frame frame) {
      this.call = call;
      this.module = module;
      this.passIndex = passIndex;
      this.frame = frame;
    }

    Value of(String kind, Value x) {
      return switch (kind) {
        case "Linear" -> {
          Value transposed = apply(ModuleForms.TRANSPOSE, List.of(leaf("weight")), List.of());
          Value product = apply(ModuleForms.MATMUL, List.of(x, transposed), List.of());
          yield apply(ModuleForms.LINEAR_BIAS, List.of(product, leaf("bias")), List.of());
        }
        case "Conv2d" ->
            apply(
                ModuleForms.CONV2D,
                List.of(x, leaf("weight"), leaf("bias")),
                List.of(
                    read("stride", IrType.INT_ARRAY),
                    read("padding", IrType.INT_ARRAY),
                    read("dilation", IrType.INT_ARRAY),
                    read("groups", IrType.INT)));
        case "MaxPool2d" ->
            apply(
                ModuleForms.MAX_POOL2D,
                List.of(x),
                List.of(
                    read("kernelSize", IrType.INT_ARRAY),
                    read("stride", IrType.INT_ARRAY),
                    read("padding", IrType.INT_ARRAY),
                    read("dilation", IrType.INT_ARRAY),
                    read("ceilMode", IrType.BOOLEAN)));
        case "AdaptiveAvgPool2d" ->
            apply(
                ModuleForms.ADAPTIVE_AVG_POOL2D,
                List.of(x),
                List.of(read("outputHeight", IrType.INT), read("outputWidth", IrType.INT)));
        case "ReLU" -> apply(ModuleForms.RELU, List.of(x), List.of());
        case "Flatten" ->
            apply(ModuleForms.FLATTEN, List.of(x), List.of(read("startDim", IrType.INT)));
        case "Dropout" -> {
          // the mask is drawn once, in the forward sweep, from the module's generator
          Value mask =
              apply(
                  ModuleForms.DROPOUT_MASK,
                  List.of(detached(x)),
                  List.of(
                      read("p", IrType.DOUBLE),
                      read("isTraining", IrType.BOOLEAN),
                      read("generator", IrType.OBJECT)));
          yield apply(ModuleForms.DROPOUT, List.of(x, mask), List.of());
        }
        case "BatchNorm2d" -> batchNorm(x);
        default -> throw new IllegalStateException("no lowering for " + kind);
      };
    }

    /**
     * Batch norm as its module runs it: the statistics (and, in training, the running statistics'
     * update and the call count) once, in the forward sweep, on the input detached (they are
     * constants of the step that normalises, whose rule follows x through them in training); then
     * the normalisation, whose rule reads the statistics' rows.
     */
    private Value batchNorm(Value x) {
      Value training = read("isTraining", IrType.BOOLEAN);
      Value runningMean = read("runningMean", IrType.TENSOR);
      Value statistics =
          apply(
              ModuleForms.BATCH_NORM_STATISTICS,
              List.of(detached(x)),
              List.of(
                  runningMean,
                  read("runningVar", IrType.TENSOR),
                  read("numBatchesTracked", IrType.TENSOR),
                  training,
                  read("momentum", IrType.DOUBLE),
                  read("eps", IrType.DOUBLE)));
      Value mean = apply(ModuleForms.statisticsRow(0), List.of(statistics), List.of());
      Value invstd = apply(ModuleForms.statisticsRow(1), List.of(statistics), List.of());
      List<Value> operands = new ArrayList<>(List.of(x, leaf("weight"), leaf("bias")));
      operands.add(mean);
      operands.add(invstd);
      return apply(ModuleForms.BATCH_NORM, operands, List.of(training, runningMean));
    }

    private Value.Var leaf(String accessor) {
      if (passIndex.isPresent()) {
        return inPass("leaf", accessor, IrType.TENSOR, true);
      }
      return frame.state().leaves.leaf(module.thenCall(accessor));
    }

    private Value read(String accessor, IrType type) {
      if (passIndex.isPresent()) {
        return inPass("read", accessor, type, false);
      }
      return Value.Const.of(module.thenCall(accessor), type);
    }

    /** {@code accessor()} of this pass's module, read in the pass: a leaf, or data. */
    private Value.Var inPass(String base, String accessor, IrType type, boolean leaf) {
      Value.Var target = new Value.Var(frame.state().names.fresh(base), type);
      Value.Const read = Value.Const.of(module.thenCall(accessor), type);
      frame.emit(
          new Node.ElementRead(target, read, passIndex.orElseThrow(), leaf, frame.origin(call)));
      return target;
    }

    private Value detached(Value x) {
      Value.Var target = frame.temporary(IrType.TENSOR);
      frame.emit(new Node.Detach(target, x, frame.origin(call)));
      return target;
    }

    private Value apply(TensorForm form, List<Value> operands, List<Value> params) {
      return tensors.apply(call, form, operands, params, frame);
    }
  }
}
