package dev.adjoint.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.diff.ReverseMode;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The emit pass: assembles the generated class of one source class with JavaPoet. For each
 * {@code @Differentiable} method {@code f}: a record {@code FGradient} holding the value and one
 * partial per differentiated parameter, {@code f(args)} returning it, and {@code f(args, seed)},
 * the pullback (vector-Jacobian product) that scales the partials by the seed.
 */
public final class GradientClassWriter {
  private static final String GENERATOR = "dev.adjoint.processor.AdjointProcessor";

  private final String packageName;
  private final String className;
  private final ClassName sourceClass;
  private final List<TypeSpec> records = new ArrayList<>();
  private final List<MethodSpec> methods = new ArrayList<>();

  /**
   * @param packageName the package of the source class, and of the generated one
   * @param className the generated class's simple name
   * @param sourceClass the class whose methods are differentiated
   */
  public GradientClassWriter(String packageName, String className, ClassName sourceClass) {
    this.packageName = packageName;
    this.className = className;
    this.sourceClass = sourceClass;
  }

  /**
   * Adds the record and the methods of one differentiated method.
   *
   * @param names the generated method's accumulator parameters: {@code gradient} for the scalar
   *     partials (absent when there are none), and one per differentiated array parameter
   */
  public void add(
      IrFunction function, ReverseMode.Adjoint adjoint, String seedName, Accumulators names) {
    TypeName valueType = primitive(function.returnType());
    String valueComponent =
        Names.valueComponent(
            function.parameters().stream().map(IrFunction.Parameter::name).toList());
    String signature =
        function.name()
            + function.parameters().stream()
                .map(p -> p.variable().type().javaName())
                .collect(Collectors.joining(", ", "(", ")"));
    List<IrFunction.Parameter> differentiated =
        function.parameters().stream().filter(IrFunction.Parameter::differentiated).toList();

    // the record
    TypeSpec.Builder record =
        TypeSpec.recordBuilder(function.resultRecord())
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                "The value of {@link $T#$L} and its partial derivatives, one per differentiated"
                    + " parameter\n(scaled by the seed when it came from the pullback).\n",
                sourceClass,
                signature);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    constructor.addParameter(valueType, valueComponent);
    record.addJavadoc("\n@param $L the value\n", valueComponent);
    for (IrFunction.Parameter p : differentiated) {
      constructor.addParameter(primitive(p.variable().type()), p.name());
      record.addJavadoc(
          function.returnType().isArray()
              ? "@param $L the seed times ∂$L/∂$L (a vector-Jacobian product)\n"
              : "@param $L ∂$L/∂$L\n",
          p.name(),
          function.name(),
          p.name());
    }
    record.recordConstructor(constructor.build());
    records.add(record.build());

    ClassName recordName = ClassName.get(packageName, className, function.resultRecord());
    List<ParameterSpec> parameters = parameters(function);
    String arguments =
        parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", "));

    // f(args): the gradient, for a scalar result (a non-scalar one needs a seed, as in PyTorch)
    if (!function.returnType().isArray()) {
      String one = function.returnType() == IrType.FLOAT ? "1.0f" : "1.0";
      methods.add(
          MethodSpec.methodBuilder(function.name())
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(recordName)
              .addParameters(parameters)
              .addJavadoc(
                  "The value of {@link $T#$L} and its partial derivatives (the gradient).\n",
                  sourceClass,
                  signature)
              .addStatement("return $L($L, $L)", function.name(), arguments, one)
              .build());
    }

    // f(args, seed): the pullback, in a record; allocates the accumulators and calls the core
    CodeBlock.Builder pullbackBody = CodeBlock.builder();
    List<String> accumulatorArgs = new ArrayList<>();
    if (names.gradient().isPresent()) {
      pullbackBody.addStatement(
          "double[] $L = new double[$L]", names.gradient().get(), scalarCount(differentiated));
      accumulatorArgs.add(names.gradient().get());
    }
    // the pullback's own names: its parameters, the seed, the accumulators and the value
    Set<String> pullbackNames = new HashSet<>();
    parameters.forEach(p -> pullbackNames.add(p.name()));
    pullbackNames.add(seedName);
    names.gradient().ifPresent(pullbackNames::add);
    pullbackNames.addAll(names.arrays().values());
    pullbackNames.add(names.value());
    for (IrFunction.Parameter p : differentiated) {
      if (p.variable().type().isArray()) {
        String name = names.arrays().get(p.name());
        IrType type = p.variable().type();
        if (type.isMatrix()) {
          // one row of partials per row, each as long as its row
          String element = type.elementType().elementType().javaName();
          String row = free("k", pullbackNames);
          pullbackBody.addStatement(
              "$T $L = new $L[$L.length][]", primitive(type), name, element, p.name());
          pullbackBody.beginControlFlow(
              "for (int $L = 0; $L < $L.length; $L++)", row, row, p.name(), row);
          pullbackBody.addStatement(
              "$L[$L] = new $L[$L[$L].length]", name, row, element, p.name(), row);
          pullbackBody.endControlFlow();
        } else {
          pullbackBody.addStatement(
              "$T $L = new $L[$L.length]",
              primitive(type),
              name,
              type.elementType().javaName(),
              p.name());
        }
        accumulatorArgs.add(name);
      }
    }
    String value = names.value();
    pullbackBody.addStatement(
        "$T $L = $L($L, $L, $L)",
        valueType,
        value,
        function.name(),
        arguments,
        seedName,
        String.join(", ", accumulatorArgs));
    List<String> components = new ArrayList<>();
    components.add(value);
    int slot = 0;
    for (IrFunction.Parameter p : differentiated) {
      if (p.variable().type().isArray()) {
        components.add(names.arrays().get(p.name()));
      } else {
        String element = names.gradient().get() + "[" + slot++ + "]";
        components.add(p.variable().type() == IrType.FLOAT ? "(float) " + element : element);
      }
    }
    pullbackBody.addStatement("return new $T($L)", recordName, String.join(", ", components));
    methods.add(
        MethodSpec.methodBuilder(function.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(recordName)
            .addParameters(parameters)
            .addParameter(valueType, seedName)
            .addJavadoc(
                "The pullback of {@link $T#$L}: its value, and {@code $L} times each partial"
                    + "\nderivative (the vector-Jacobian product).\n",
                sourceClass,
                signature,
                seedName)
            .addCode(pullbackBody.build())
            .build());

    // f(args, seed, accumulators...): the core, adding into the caller's arrays
    MethodSpec.Builder core =
        MethodSpec.methodBuilder(function.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(valueType)
            .addParameters(parameters)
            .addParameter(valueType, seedName);
    StringBuilder layout = new StringBuilder();
    if (names.gradient().isPresent()) {
      core.addParameter(
          com.palantir.javapoet.ArrayTypeName.of(TypeName.DOUBLE), names.gradient().get());
      int index = 0;
      for (IrFunction.Parameter p : differentiated) {
        if (!p.variable().type().isArray()) {
          layout.append(
              String.format(
                  "<br>{@code %s[%d] += %s·∂%s/∂%s}%n",
                  names.gradient().get(), index++, seedName, function.name(), p.name()));
        }
      }
    }
    for (IrFunction.Parameter p : differentiated) {
      if (p.variable().type().isArray()) {
        String name = names.arrays().get(p.name());
        core.addParameter(primitive(p.variable().type()), name);
        String index = p.variable().type().isMatrix() ? "[k][l]" : "[k]";
        layout.append(
            String.format(
                "<br>{@code %s%s += %s·∂%s/∂%s%s}%n",
                name, index, seedName, function.name(), p.name(), index));
      }
    }
    CodeBlock.Builder body = CodeBlock.builder();
    body.add(adjoint.prologue());
    body.add("// forward sweep: the primal, keeping what the reverse sweep reads\n");
    body.add(adjoint.forward());
    body.add("// reverse sweep: adjoints, from the result back to the parameters\n");
    body.add(adjoint.reverse());
    int index = 0;
    for (IrFunction.Parameter p : differentiated) {
      if (!p.variable().type().isArray()) {
        body.addStatement(
            "$L[$L] += $L", names.gradient().get(), index++, adjoint.partials().get(p.name()));
      }
    }
    body.addStatement("return $L", adjoint.value());
    methods.add(
        core.addJavadoc(
                "The pullback of {@link $T#$L}, accumulated: returns the value and adds the"
                    + " partials,\ntimes {@code $L}, into the given arrays (as {@code .grad}"
                    + " accumulates), allocating\nnothing:\n$L",
                sourceClass,
                signature,
                seedName,
                layout.toString())
            .addCode(body.build())
            .build());
  }

  private static final ClassName TENSOR = ClassName.get("dev.adjoint.runtime.tensor", "Tensor");
  private static final ClassName ADJOINTS =
      ClassName.get("dev.adjoint.runtime.autograd", "Adjoints");
  private static final ClassName GRAD_MODE =
      ClassName.get("dev.adjoint.runtime.autograd", "GradMode");
  private static final ClassName TENSOR_ALGEBRA =
      ClassName.get("dev.adjoint.runtime.rules", "TensorAlgebra");

  /** Classes generated tensor code names by their simple names, imported when it does. */
  private static final List<ClassName> TENSOR_SUPPORT =
      List.of(
          ClassName.get("dev.adjoint.runtime.rules", "OpParams"),
          ClassName.get("dev.adjoint.runtime.rules", "TensorOp"),
          ClassName.get("dev.adjoint.runtime.rules", "Comparison"),
          ClassName.get("dev.adjoint.runtime.autograd", "Fused"),
          ClassName.get("dev.adjoint.runtime.nn", "Losses"));

  private final java.util.Set<ClassName> mentioned = new java.util.LinkedHashSet<>();

  /**
   * Adds the methods of one differentiated method on tensors: {@code fBackward(args)} and {@code
   * fBackward(args, seed)}, which run it forward and backward without a tape and add the gradient
   * into {@code .grad()} of every tensor leaf that requires grad, as {@code loss.backward()} does.
   *
   * @param seedName the seed parameter's name
   * @param algebraName the name of the local holding the tensor algebra the rules are written with
   */
  public void addTensor(
      IrFunction function, ReverseMode.Adjoint adjoint, String seedName, String algebraName) {
    String signature =
        function.name()
            + function.parameters().stream()
                .map(p -> p.variable().type().javaName())
                .collect(Collectors.joining(", ", "(", ")"));
    String method = function.name() + "Backward";
    List<ParameterSpec> parameters = parameters(function);
    String arguments =
        parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", "));
    TypeName valueType = primitive(function.returnType());
    methods.add(
        MethodSpec.methodBuilder(method)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(valueType)
            .addParameters(parameters)
            .addJavadoc(
                "Runs {@link $T#$L} forward and backward without a tape, as {@code"
                    + " value.backward()}\nwould after it: returns the value and adds its"
                    + " gradient into {@code .grad()} of every\ntensor it reads that requires grad"
                    + " (tensor parameters and the receiver's tensors).\nThe value must have one"
                    + " element.\n",
                sourceClass,
                signature)
            .addStatement("return $L($L, null)", method, arguments)
            .build());

    CodeBlock.Builder body = CodeBlock.builder();
    body.beginControlFlow("try ($T.Scope noGrad = $T.noGrad())", GRAD_MODE, GRAD_MODE);
    body.add("// the dynamic tape records nothing: the adjoint is written out below\n");
    String code = adjoint.prologue().toString() + adjoint.forward() + adjoint.reverse();
    if (code.contains(algebraName + ".")) {
      body.addStatement("$T<$T> $L = $T.algebra()", TENSOR_ALGEBRA, TENSOR, algebraName, ADJOINTS);
    }
    for (ClassName support : TENSOR_SUPPORT) {
      if (code.contains(support.simpleName() + ".")) {
        mentioned.add(support);
      }
    }
    body.add(adjoint.prologue());
    body.add("// forward sweep: the primal, keeping what the reverse sweep reads\n");
    body.add(adjoint.forward());
    body.add("// reverse sweep: adjoints, from the result back to the leaves\n");
    boolean anyGradient =
        adjoint.leafGradients().values().stream().anyMatch(g -> !g.equals("null"));
    if (anyGradient) {
      body.add(
          "long reverseStart = $T.reverseStart(); // tensors made from here on are the sweep's"
              + " own\n",
          ADJOINTS);
    }
    body.add(adjoint.reverse());
    List<String> leaves = new ArrayList<>();
    List<String> gradients = new ArrayList<>();
    adjoint
        .leafGradients()
        .forEach(
            (leaf, gradient) -> {
              if (!gradient.equals("null")) {
                leaves.add(leaf);
                gradients.add(gradient);
              }
            });
    if (!leaves.isEmpty()) {
      body.add("// into .grad() of the leaves that require it, as loss.backward() does\n");
      body.addStatement(
          "$T.accumulateGrads(reverseStart, new $T[] {$L}, new $T[] {$L})",
          ADJOINTS,
          TENSOR,
          String.join(", ", leaves),
          TENSOR,
          String.join(", ", gradients));
    }
    body.addStatement("return $L", adjoint.value());
    body.endControlFlow();
    methods.add(
        MethodSpec.methodBuilder(method)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(valueType)
            .addParameters(parameters)
            .addParameter(TENSOR, seedName)
            .addJavadoc(
                "Runs {@link $T#$L} forward and backward without a tape, as {@code"
                    + " value.backward($L)}\nwould after it: returns the value and adds {@code"
                    + " $L} times its Jacobian (the vector-Jacobian\nproduct) into {@code"
                    + " .grad()} of every tensor it reads that requires grad. A {@code null}"
                    + "\n{@code $L} stands for 1 and needs a one-element value.\n",
                sourceClass,
                signature,
                seedName,
                seedName,
                seedName)
            .addCode(body.build())
            .build());
  }

  /**
   * The names of the core method's accumulator parameters and of the pullback's value local.
   *
   * @param gradient the array of scalar partials, when some scalar parameter is differentiated
   * @param arrays for each differentiated array parameter, its accumulator array
   * @param value the local holding the value in the pullback
   */
  public record Accumulators(
      java.util.Optional<String> gradient, Map<String, String> arrays, String value) {}

  /** {@code base}, or {@code base_1}, {@code base_2}, ... if {@code taken} holds it. */
  private static String free(String base, Set<String> taken) {
    String name = base;
    for (int i = 1; taken.contains(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  private static long scalarCount(List<IrFunction.Parameter> differentiated) {
    return differentiated.stream().filter(p -> !p.variable().type().isArray()).count();
  }

  /**
   * The generated methods' parameters: the receiver of an instance method first, then the method's.
   */
  private List<ParameterSpec> parameters(IrFunction function) {
    List<ParameterSpec> parameters = new ArrayList<>();
    function
        .receiverClass()
        .ifPresent(r -> parameters.add(ParameterSpec.builder(sourceClass, "self").build()));
    for (IrFunction.Parameter p : function.parameters()) {
      parameters.add(ParameterSpec.builder(primitive(p.variable().type()), p.name()).build());
    }
    return parameters;
  }

  /** The generated source file. */
  public JavaFile toJavaFile() {
    TypeSpec type =
        TypeSpec.classBuilder(className)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(
                AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", GENERATOR)
                    .build())
            .addJavadoc(
                "Reverse-mode adjoints of the {@code @Differentiable} methods of {@link $T},\n"
                    + "generated at build time by Adjoint. Each statement's comment names the"
                    + " source line it\ncomes from.\n$L",
                sourceClass,
                tensorNote())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addTypes(records)
            .addMethods(methods)
            .build();
    return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("  ").build();
  }

  // tensor adjoints name the runtime's classes simply; linking them here imports them
  private CodeBlock tensorNote() {
    if (mentioned.isEmpty()) {
      return CodeBlock.of("");
    }
    CodeBlock.Builder note =
        CodeBlock.builder().add("\n<p>Tensor adjoints evaluate the runtime's rules with");
    for (ClassName c : mentioned) {
      note.add(" {@link $T}", c);
    }
    return note.add(".\n").build();
  }

  static TypeName primitive(IrType type) {
    return switch (type) {
      case DOUBLE -> TypeName.DOUBLE;
      case FLOAT -> TypeName.FLOAT;
      case LONG -> TypeName.LONG;
      case INT -> TypeName.INT;
      case BOOLEAN -> TypeName.BOOLEAN;
      case DOUBLE_ARRAY,
          FLOAT_ARRAY,
          LONG_ARRAY,
          INT_ARRAY,
          BOOLEAN_ARRAY,
          DOUBLE_MATRIX,
          FLOAT_MATRIX ->
          com.palantir.javapoet.ArrayTypeName.of(primitive(type.elementType()));
      case TENSOR -> TENSOR;
      case OBJECT -> ClassName.OBJECT;
    };
  }
}
