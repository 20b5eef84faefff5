package dev.adjoint.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.RuntimeClasses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Class>GradCheck}: for each {@code @Differentiable} method {@code f} of a class, a
 * {@code f(args)} that compares the generated derivative at {@code args} with central differences
 * of {@code f} itself, and for each {@code @Derivative} rule {@code d} it declares, a {@code
 * d(args)} that compares the user's partial with central differences of its target. Each returns a
 * {@code GradientReport} naming the worst coordinate; the numerics are the runtime's {@code
 * GeneratedChecks}.
 *
 * <p>Checked: scalar methods returning {@code double} whose differentiated parameters are {@code
 * double}s and {@code double[]}s; tensor methods (their differentiated tensor parameters and the
 * tensors they read from fields); rules of {@code double} targets. Other methods get no check.
 */
public final class GradientCheckWriter {
  private static final ClassName CHECKS =
      ClassName.get("dev.adjoint.runtime.gradcheck", "GeneratedChecks");
  private static final ClassName REPORT =
      ClassName.get("dev.adjoint.runtime.gradcheck", "GradientReport");
  private static final ClassName TENSOR = RuntimeClasses.TENSOR;

  private final String packageName;
  private final String className;
  private final ClassName sourceClass;
  private final ClassName gradientClass;
  private final List<MethodSpec> methods = new ArrayList<>();

  /**
   * @param packageName the package of the source class and of the generated classes
   * @param className the check class's simple name
   * @param sourceClass the class whose methods are checked
   * @param gradientClass the generated class holding their adjoints
   */
  public GradientCheckWriter(
      String packageName, String className, ClassName sourceClass, ClassName gradientClass) {
    this.packageName = packageName;
    this.className = className;
    this.sourceClass = sourceClass;
    this.gradientClass = gradientClass;
  }

  /** Whether a check of this differentiated scalar method can be written. */
  public static boolean checksScalar(IrFunction function) {
    if (function.returnType() != IrType.DOUBLE) {
      return false;
    }
    return function.parameters().stream()
        .filter(IrFunction.Parameter::differentiated)
        .allMatch(
            p ->
                p.variable().type() == IrType.DOUBLE || p.variable().type() == IrType.DOUBLE_ARRAY);
  }

  /** Adds the check of a scalar method (see {@link #checksScalar}). */
  public void addScalar(IrFunction function) {
    List<IrFunction.Parameter> params = function.parameters();
    Set<String> taken = new HashSet<>();
    params.forEach(p -> taken.add(p.name()));
    taken.add("self");
    String point = free("point", taken);
    String gradient = free("gradient", taken);
    List<IrFunction.Parameter> differentiated =
        params.stream().filter(IrFunction.Parameter::differentiated).toList();
    List<String> blockNames = new ArrayList<>();
    List<String> blocks = new ArrayList<>();
    for (IrFunction.Parameter p : differentiated) {
      boolean array = p.variable().type().isArray();
      blockNames.add("\"" + p.name() + (array ? "[]" : "") + "\"");
      blocks.add(array ? p.name() : "{" + p.name() + "}");
    }
    // the arguments at a point: differentiated ones from its blocks, others as given (arrays
    // copied, as the method may own them)
    List<String> args = new ArrayList<>();
    int block = 0;
    for (IrFunction.Parameter p : params) {
      if (p.differentiated()) {
        boolean array = p.variable().type().isArray();
        args.add(point + "[" + block++ + "]" + (array ? "" : "[0]"));
      } else {
        args.add(p.variable().type().isArray() ? p.name() + ".clone()" : p.name());
      }
    }
    String receiver = function.receiverClass().isPresent() ? "self" : null;
    String call = String.join(", ", args);
    CodeBlock.Builder partials = CodeBlock.builder();
    List<String> accumulators = new ArrayList<>();
    long scalars = differentiated.stream().filter(p -> !p.variable().type().isArray()).count();
    if (scalars > 0) {
      partials.addStatement("double[] $L = new double[$L]", gradient, scalars);
      accumulators.add(gradient);
    }
    List<String> results = new ArrayList<>();
    int slot = 0;
    block = 0;
    for (IrFunction.Parameter p : differentiated) {
      if (p.variable().type().isArray()) {
        String adjoint = free("d" + capitalized(p.name()), taken);
        partials.addStatement("double[] $L = new double[$L[$L].length]", adjoint, point, block);
        accumulators.add(adjoint);
        results.add(adjoint);
      } else {
        results.add("{" + gradient + "[" + slot++ + "]}");
      }
      block++;
    }
    partials.addStatement(
        "$T.$L($L$L, 1.0, $L)",
        gradientClass,
        function.name(),
        receiver == null ? "" : receiver + ", ",
        call,
        String.join(", ", accumulators));
    partials.addStatement("return new double[][] {$L}", String.join(", ", results));
    CodeBlock body =
        CodeBlock.builder()
            .add("return $T.scalar(\n", CHECKS)
            .indent()
            .add("$S,\n", sourceClass.simpleName() + "." + function.name())
            .add("new String[] {$L},\n", wrappable(blockNames))
            .add("new double[][] {$L},\n", String.join(", ", blocks))
            .add(
                "$L -> $L.$L($L),\n",
                point,
                receiver == null ? CodeBlock.of("$T", sourceClass) : CodeBlock.of("self"),
                function.name(),
                call)
            .add("$L -> {\n", point)
            .indent()
            .add(partials.build())
            .unindent()
            .add("});\n")
            .unindent()
            .build();
    methods.add(
        method(function)
            .addJavadoc(
                Javadoc.of(
                        "Compares the partials "
                            + link(gradientClass, "")
                            + " generates for "
                            + link(sourceClass, function.name())
                            + " at these arguments with central differences of the method"
                            + " itself; the report names the worst coordinate.")
                    .at(Javadoc.MEMBER))
            .addCode(body)
            .build());
  }

  /** Adds the check of a tensor method: its differentiated tensors and the fields it reads. */
  public void addTensor(IrFunction function) {
    List<String> names = new ArrayList<>();
    List<String> leaves = new ArrayList<>();
    for (IrFunction.Parameter p : function.parameters()) {
      if (p.differentiated() && p.variable().type() == IrType.TENSOR) {
        names.add("\"" + p.name() + "\"");
        leaves.add(p.name());
      }
    }
    for (IrFunction.FieldLeaf leaf : function.fieldLeaves()) {
      names.add("\"" + leaf.expression() + "\"");
      // an optional sub-model's tensors are null where it is absent
      leaves.add(CHECKS.simpleName() + ".leaf(() -> " + leaf.expression() + ")");
    }
    Set<String> taken = new HashSet<>();
    function.parameters().forEach(p -> taken.add(p.name()));
    String seed = free("seed", taken);
    String args =
        (function.receiverClass().isPresent() ? "self, " : "")
            + function.parameters().stream()
                .map(IrFunction.Parameter::name)
                .collect(Collectors.joining(", "));
    String plainArgs =
        function.parameters().stream()
            .map(IrFunction.Parameter::name)
            .collect(Collectors.joining(", "));
    CodeBlock body =
        CodeBlock.builder()
            .add("return $T.tensor(\n", CHECKS)
            .indent()
            .add("$S,\n", sourceClass.simpleName() + "." + function.name())
            .add("new String[] {$L},\n", wrappable(names))
            .add("new $T[] {$L},\n", TENSOR, wrappable(leaves))
            .add(
                "() -> $L.$L($L),\n",
                function.receiverClass().isPresent()
                    ? CodeBlock.of("self")
                    : CodeBlock.of("$T", sourceClass),
                function.name(),
                plainArgs)
            .add(
                "$L -> $T.$LBackward($L, $L));\n", seed, gradientClass, function.name(), args, seed)
            .unindent()
            .build();
    methods.add(
        method(function)
            .addJavadoc(
                Javadoc.of(
                        "Compares the gradients "
                            + link(gradientClass, function.name() + "Backward")
                            + " adds into {@code .grad()} with central differences of "
                            + link(sourceClass, function.name())
                            + " itself, along a fixed random seed of its result's shape, for"
                            + " every element of every tensor it reads that requires grad; the"
                            + " report names the worst coordinate. Gradients already there are"
                            + " kept; elements are moved and put back.")
                    .at(Javadoc.MEMBER))
            .addCode(body)
            .build());
  }

  /**
   * Adds the check of a user-written partial {@code rule} ({@code @Derivative}) of {@code target}
   * with respect to parameter {@code wrt}: {@code rule(args)} against the central difference of
   * {@code target} in that parameter alone.
   *
   * @param ruleOwner the class declaring the rule
   * @param targetOwner the class declaring the target
   * @param parameters the target's (and rule's) parameters, name and type
   */
  public void addDerivative(
      ClassName ruleOwner,
      String rule,
      ClassName targetOwner,
      String target,
      List<String> parameterNames,
      List<TypeName> parameterTypes,
      int wrt) {
    Set<String> taken = new HashSet<>(parameterNames);
    String at = free("at", taken);
    List<String> shifted = new ArrayList<>(parameterNames);
    shifted.set(wrt, at);
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(rule)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(REPORT);
    for (int i = 0; i < parameterNames.size(); i++) {
      m.addParameter(ParameterSpec.builder(parameterTypes.get(i), parameterNames.get(i)).build());
    }
    String args = String.join(", ", parameterNames);
    methods.add(
        m.addJavadoc(
                Javadoc.of(
                        "Compares "
                            + link(ruleOwner, rule)
                            + ", the partial of "
                            + Javadoc.code(target)
                            + " with respect to "
                            + Javadoc.code(parameterNames.get(wrt))
                            + " registered with {@code @Derivative}, with the central difference"
                            + " of "
                            + Javadoc.code(target)
                            + " at these arguments.")
                    .at(Javadoc.MEMBER))
            .addStatement(
                "return $T.derivative($S, $S, $L,$W$L -> $T.$L($L),$W$T.$L($L))",
                CHECKS,
                ruleOwner.simpleName() + "." + rule,
                parameterNames.get(wrt),
                parameterNames.get(wrt),
                at,
                targetOwner,
                target,
                String.join(", ", shifted),
                ruleOwner,
                rule,
                args)
            .build());
  }

  /** {@code items} separated by commas, where JavaPoet may break a line past 100 columns. */
  private static CodeBlock wrappable(List<String> items) {
    return CodeBlock.join(items.stream().map(i -> CodeBlock.of("$L", i)).toList(), ",$W");
  }

  /** A Javadoc link to {@code type} (a member of it, unless {@code member} is empty). */
  private String link(ClassName type, String member) {
    return Javadoc.link(type, member, packageName);
  }

  /** Whether any check was added. */
  public boolean isEmpty() {
    return methods.isEmpty();
  }

  /** The generated source file. */
  public JavaFile toJavaFile() {
    TypeSpec type =
        TypeSpec.classBuilder(className)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(
                AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", "dev.adjoint.processor.AdjointProcessor")
                    .build())
            .addJavadoc(
                Javadoc.of(
                        "Gradient checks of "
                            + link(sourceClass, "")
                            + ", generated at build time by Adjoint: each method compares a"
                            + " derivative (generated, or registered with {@code @Derivative})"
                            + " with central differences at the given arguments and returns a"
                            + " report naming the worst coordinate ({@code report.assertPassed()}"
                            + " in a test).")
                    .at(Javadoc.TOP_LEVEL))
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addMethods(methods)
            .build();
    return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("  ").build();
  }

  private MethodSpec.Builder method(IrFunction function) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(function.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(REPORT);
    return m.addParameters(JavaTypes.parameters(function, sourceClass));
  }

  private static String free(String base, Set<String> taken) {
    String name = base;
    for (int k = 2; taken.contains(name); k++) {
      name = base + k;
    }
    taken.add(name);
    return name;
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
