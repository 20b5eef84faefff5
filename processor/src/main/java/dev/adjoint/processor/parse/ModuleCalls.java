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
 * ModuleForms} writes them. The module's parameters are leaves read through the field; its
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
    String name =
        ((TypeElement) ((DeclaredType) field.asType()).asElement()).getQualifiedName().toString();
    if (!name.startsWith(NN)) {
      return Optional.empty();
    }
    String simple = name.substring(NN.length());
    return LOWERED.contains(simple) || simple.equals("Sequential")
        ? Optional.of(simple)
        : Optional.empty();
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
    if (!name.equals("forward") || call.getArguments().size() != 1) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "only forward(input) of a " + kind + " module is differentiated, not '" + name + "'");
    }
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
    Value input = expressions.lower(call.getArguments().get(0), frame);
    if (input.type() != IrType.TENSOR) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          kind + ".forward takes a Tensor, not a " + input.type().javaName());
    }
    reachability.require(module, call, frame);
    return new Lowering(call, FieldRef.ofReceiver(field), frame).of(kind, input);
  }

  /** One call's lowering: the module read through {@code module}. */
  private final class Lowering {
    private final MethodInvocationTree call;
    private final FieldRef module;
    private final Frame frame;

    Lowering(MethodInvocationTree call, FieldRef module, Frame frame) {
      this.call = call;
      this.module = module;
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
      return frame.state().leaves.leaf(module.thenCall(accessor));
    }

    private Value read(String accessor, IrType type) {
      return Value.Const.of(module.thenCall(accessor), type);
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
