package dev.adjoint.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.clean.Cleanups;
import dev.adjoint.processor.diff.Adjoint;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.stmt.Return;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.StmtBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
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
  private final TensorMethods tensorMethods;
  private final Set<Element> originating = new LinkedHashSet<>();

  /** The simple names of the nested classes holding split sweeps ({@link SweepParts}). */
  private final Set<String> nestedNames = new HashSet<>();

  /**
   * @param packageName the package of the source class, and of the generated one
   * @param className the generated class's simple name
   * @param sourceClass the class whose methods are differentiated
   */
  public GradientClassWriter(String packageName, String className, ClassName sourceClass) {
    this.packageName = packageName;
    this.className = className;
    this.sourceClass = sourceClass;
    this.tensorMethods = new TensorMethods(sourceClass);
  }

  /**
   * Adds the record and the methods of one differentiated method.
   *
   * @param names the generated method's accumulator parameters: {@code gradient} for the scalar
   *     partials (absent when there are none), and one per differentiated array parameter
   */
  public void add(IrFunction function, Adjoint adjoint, String seedName, Accumulators names) {
    TypeName valueType = JavaTypes.of(function.returnType());
    String valueComponent =
        Names.valueComponent(
            function.parameters().stream().map(IrFunction.Parameter::sourceName).toList());
    String signature = JavaTypes.signature(function);
    List<IrFunction.Parameter> differentiated =
        function.parameters().stream().filter(IrFunction.Parameter::differentiated).toList();

    // the record
    String link = Javadoc.link(sourceClass, signature, packageName);
    TypeSpec.Builder record =
        TypeSpec.recordBuilder(function.resultRecord()).addModifiers(Modifier.PUBLIC);
    Javadoc recordDoc =
        Javadoc.of(
                "The value of "
                    + link
                    + " and its partial derivatives, one per differentiated parameter (scaled"
                    + " by the seed when it came from the pullback).")
            .param(valueComponent, "the value");
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    constructor.addParameter(valueType, valueComponent);
    // the components keep the source's names, which callers read (a parameter the generated code
    // renames, because it writes that name itself, is renamed only inside the methods)
    for (IrFunction.Parameter p : differentiated) {
      constructor.addParameter(JavaTypes.of(p.variable().type()), p.sourceName());
      String partial = "∂" + function.name() + "/∂" + p.sourceName();
      recordDoc.param(
          p.sourceName(),
          function.returnType().isArray()
              ? "the seed times " + partial + " (a vector-Jacobian product)"
              : partial);
    }
    record.addJavadoc(recordDoc.at(Javadoc.MEMBER)).recordConstructor(constructor.build());
    records.add(record.build());

    ClassName recordName = ClassName.get(packageName, className, function.resultRecord());
    List<ParameterSpec> parameters = JavaTypes.parameters(function, sourceClass);
    String arguments = JavaTypes.arguments(parameters);

    // f(args): the gradient, for a scalar result (a non-scalar one needs a seed, as in PyTorch)
    if (!function.returnType().isArray()) {
      String one = function.returnType() == IrType.FLOAT ? "1.0f" : "1.0";
      methods.add(
          MethodSpec.methodBuilder(function.name())
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(recordName)
              .addParameters(parameters)
              .addJavadoc(
                  Javadoc.of(
                          "The value of " + link + " and its partial derivatives (the gradient).")
                      .at(Javadoc.MEMBER))
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
              "$T $L = new $L[$L.length][]", JavaTypes.of(type), name, element, p.name());
          pullbackBody.beginControlFlow(
              "for (int $L = 0; $L < $L.length; $L++)", row, row, p.name(), row);
          pullbackBody.addStatement(
              "$L[$L] = new $L[$L[$L].length]", name, row, element, p.name(), row);
          pullbackBody.endControlFlow();
        } else {
          pullbackBody.addStatement(
              "$T $L = new $L[$L.length]",
              JavaTypes.of(type),
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
                Javadoc.of(
                        "The pullback of "
                            + link
                            + ": its value, and "
                            + Javadoc.code(seedName)
                            + " times each partial derivative (the vector-Jacobian product).")
                    .at(Javadoc.MEMBER))
            .addCode(pullbackBody.build())
            .build());

    // f(args, seed, accumulators...): the core, adding into the caller's arrays
    MethodSpec.Builder core =
        MethodSpec.methodBuilder(function.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(valueType)
            .addParameters(parameters)
            .addParameter(valueType, seedName);
    Javadoc layout =
        Javadoc.of(
            "The pullback of "
                + link
                + ", accumulated: returns the value and adds the partials, times "
                + Javadoc.code(seedName)
                + ", into the given arrays (as {@code .grad} accumulates), allocating nothing:");
    if (names.gradient().isPresent()) {
      core.addParameter(
          com.palantir.javapoet.ArrayTypeName.of(TypeName.DOUBLE), names.gradient().get());
      int index = 0;
      for (IrFunction.Parameter p : differentiated) {
        if (!p.variable().type().isArray()) {
          layout.line(
              String.format(
                  "<br>{@code %s[%d] += %s·∂%s/∂%s}",
                  names.gradient().get(), index++, seedName, function.name(), p.name()));
        }
      }
    }
    for (IrFunction.Parameter p : differentiated) {
      if (p.variable().type().isArray()) {
        String name = names.arrays().get(p.name());
        core.addParameter(JavaTypes.of(p.variable().type()), name);
        String index = p.variable().type().isMatrix() ? "[k][l]" : "[k]";
        layout.line(
            String.format(
                "<br>{@code %s%s += %s·∂%s/∂%s%s}",
                name, index, seedName, function.name(), p.name(), index));
      }
    }
    StmtBuilder tail = new StmtBuilder();
    int index = 0;
    for (IrFunction.Parameter p : differentiated) {
      if (!p.variable().type().isArray()) {
        JavaExpr into =
            new dev.adjoint.processor.expr.Element( // javax.lang.model.element.Element is imported
                JavaExpr.name(names.gradient().get()), JavaExpr.literal(Integer.toString(index++)));
        tail.update(into, false, adjoint.partials().get(p.name()), null);
      }
    }
    tail.add(new Return(adjoint.value()));
    StmtBuilder sweeps = new StmtBuilder();
    if (adjoint.split()) {
      // too long for one method: the sweeps go into the parts of a nested class
      List<ParameterSpec> coreParameters = core.build().parameters();
      String holder = free(capitalized(function.name()) + "Sweeps", nestedNames);
      nestedNames.add(holder);
      ClassName partsClass = ClassName.get(packageName, className, holder);
      String run = SweepParts.runName(function);
      records.add(
          SweepParts.holder(
              partsClass, signature, run, adjoint, coreParameters, valueType, tail.build()));
      sweeps.add(SweepParts.call(partsClass, run, coreParameters, adjoint));
    } else {
      sweeps.comment("forward sweep: the primal, keeping what the reverse sweep reads");
      sweeps.addAll(adjoint.forward());
      sweeps.comment("reverse sweep: adjoints, from the result back to the parameters");
      sweeps.addAll(adjoint.reverse());
      sweeps.addAll(tail.build());
    }
    // split sweeps are cleaned part by part (SweepParts); here the body is only the call to them
    List<Stmt> cleaned =
        adjoint.split() ? sweeps.build() : Cleanups.apply(sweeps.build(), parameterTypes(core));
    CodeBlock.Builder body = CodeBlock.builder();
    StmtRenderer.render(adjoint.prologue(), body, StmtRenderer.bodyColumn(1));
    StmtRenderer.render(adjoint.guarded(cleaned), body, StmtRenderer.bodyColumn(1));
    methods.add(core.addJavadoc(layout.at(Javadoc.MEMBER)).addCode(body.build()).build());
  }

  /** The parameters {@code method} has so far, each with its type. */
  private static Map<String, TypeName> parameterTypes(MethodSpec.Builder method) {
    Map<String, TypeName> types = new LinkedHashMap<>();
    method.build().parameters().forEach(p -> types.put(p.name(), p.type()));
    return types;
  }

  /**
   * Adds the methods of one differentiated method on tensors ({@link TensorMethods#methods}).
   *
   * @param seedName the seed parameter's name
   * @param algebraName the name of the local holding the tensor algebra the rules are written with
   */
  public void addTensor(IrFunction function, Adjoint adjoint, String seedName, String algebraName) {
    methods.addAll(tensorMethods.methods(function, adjoint, seedName, algebraName));
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

  /** {@code base}, or {@code base_1}, {@code base_2}, ...: the first not in {@code taken}. */
  static String free(String base, Set<String> taken) {
    String name = base;
    for (int i = 1; taken.contains(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static long scalarCount(List<IrFunction.Parameter> differentiated) {
    return differentiated.stream().filter(p -> !p.variable().type().isArray()).count();
  }

  /**
   * Records that the generated file is derived from {@code classes}' source (the source class, the
   * callees written into it, the classes whose members it reads), so that incremental builds and
   * IDEs regenerate it when one of them changes.
   */
  public void addOriginatingElements(Collection<? extends Element> classes) {
    originating.addAll(classes);
  }

  /** The generated source file. */
  public JavaFile toJavaFile() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(className)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(
                AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", GENERATOR)
                    .build())
            .addJavadoc(
                Javadoc.of(
                        "Reverse-mode adjoints of the {@code @Differentiable} methods of "
                            + Javadoc.link(sourceClass, "", packageName)
                            + ", generated at build time by Adjoint. Each statement's comment"
                            + " names the source line it comes from.")
                    .at(Javadoc.TOP_LEVEL))
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addTypes(records)
            .addMethods(methods);
    originating.forEach(type::addOriginatingElement);
    return JavaFile.builder(packageName, type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }
}
