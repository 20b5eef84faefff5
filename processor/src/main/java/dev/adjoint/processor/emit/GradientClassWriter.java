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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
   * @param arrayAdjoints for each differentiated array parameter, the name of the parameter of the
   *     accumulating form that receives its partials
   */
  public void add(
      IrFunction function,
      ReverseMode.Adjoint adjoint,
      String seedName,
      Map<String, String> arrayAdjoints) {
    TypeName valueType = primitive(function.returnType());
    String valueComponent =
        function.parameters().stream().anyMatch(p -> p.name().equals("value")) ? "primal" : "value";
    String signature =
        function.name()
            + function.parameters().stream()
                .map(p -> p.variable().type().javaName())
                .collect(Collectors.joining(", ", "(", ")"));
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
    for (IrFunction.Parameter p : function.parameters()) {
      if (p.differentiated()) {
        constructor.addParameter(primitive(p.variable().type()), p.name());
        record.addJavadoc("@param $L ∂$L/∂$L\n", p.name(), function.name(), p.name());
      }
    }
    record.recordConstructor(constructor.build());
    records.add(record.build());

    ClassName recordName = ClassName.get(packageName, className, function.resultRecord());
    List<ParameterSpec> parameters = new ArrayList<>();
    function
        .receiverClass()
        .ifPresent(r -> parameters.add(ParameterSpec.builder(sourceClass, "self").build()));
    for (IrFunction.Parameter p : function.parameters()) {
      parameters.add(ParameterSpec.builder(primitive(p.variable().type()), p.name()).build());
    }
    String arguments =
        parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", "));
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

    CodeBlock.Builder body = CodeBlock.builder();
    body.add(adjoint.prologue());
    body.add("// forward sweep: the primal, keeping what the reverse sweep reads\n");
    body.add(adjoint.forward());
    body.add("// reverse sweep: adjoints, from the result back to the parameters\n");
    body.add(adjoint.reverse());
    List<String> values = new ArrayList<>();
    values.add(adjoint.value());
    for (IrFunction.Parameter p : function.parameters()) {
      if (p.differentiated()) {
        values.add(
            p.variable().type().isArray()
                ? arrayAdjoints.get(p.name())
                : adjoint.partials().get(p.name()));
      }
    }
    body.addStatement("return new $T($L)", recordName, String.join(", ", values));
    MethodSpec.Builder pullback =
        MethodSpec.methodBuilder(function.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(recordName)
            .addParameters(parameters)
            .addParameter(valueType, seedName);
    if (arrayAdjoints.isEmpty()) {
      methods.add(
          pullback
              .addJavadoc(
                  "The pullback of {@link $T#$L}: its value, and {@code $L} times each partial"
                      + "\nderivative (the vector-Jacobian product).\n",
                  sourceClass,
                  signature,
                  seedName)
              .addCode(body.build())
              .build());
      return;
    }
    // arrays: the pullback allocates the partials' arrays and calls the accumulating form
    List<String> allocations = new ArrayList<>();
    MethodSpec.Builder accumulating =
        MethodSpec.methodBuilder(function.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(recordName)
            .addParameters(parameters)
            .addParameter(valueType, seedName);
    CodeBlock.Builder allocate = CodeBlock.builder();
    for (IrFunction.Parameter p : function.parameters()) {
      String adjointName = arrayAdjoints.get(p.name());
      if (adjointName != null) {
        TypeName arrayType = primitive(p.variable().type());
        accumulating.addParameter(arrayType, adjointName);
        allocate.addStatement(
            "$T $L = new $L[$L.length]",
            arrayType,
            adjointName,
            p.variable().type().elementType().javaName(),
            p.name());
        allocations.add(adjointName);
      }
    }
    methods.add(
        pullback
            .addJavadoc(
                "The pullback of {@link $T#$L}: its value, and {@code $L} times each partial"
                    + "\nderivative (the vector-Jacobian product), in new arrays for array"
                    + " parameters.\n",
                sourceClass,
                signature,
                seedName)
            .addCode(allocate.build())
            .addStatement(
                "return $L($L, $L, $L)",
                function.name(),
                arguments,
                seedName,
                String.join(", ", allocations))
            .build());
    methods.add(
        accumulating
            .addJavadoc(
                "The pullback of {@link $T#$L}, adding {@code $L} times the partials with respect"
                    + "\nto array parameters into the given arrays (as {@code .grad} accumulates),"
                    + " so that a\ntraining loop allocates nothing. The record holds the same"
                    + " arrays.\n",
                sourceClass,
                signature,
                seedName)
            .addCode(body.build())
            .build());
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
                    + " source line it\ncomes from.\n",
                sourceClass)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addTypes(records)
            .addMethods(methods)
            .build();
    return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("  ").build();
  }

  private static TypeName primitive(IrType type) {
    return switch (type) {
      case DOUBLE -> TypeName.DOUBLE;
      case FLOAT -> TypeName.FLOAT;
      case LONG -> TypeName.LONG;
      case INT -> TypeName.INT;
      case BOOLEAN -> TypeName.BOOLEAN;
      case DOUBLE_ARRAY, FLOAT_ARRAY, LONG_ARRAY, INT_ARRAY, BOOLEAN_ARRAY ->
          com.palantir.javapoet.ArrayTypeName.of(primitive(type.elementType()));
    };
  }
}
