package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.diff.Adjoint;
import dev.adjoint.processor.expr.ArrayOf;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Return;
import dev.adjoint.processor.stmt.StmtBuilder;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The generated methods of differentiated tensor methods: they run the adjoint without the dynamic
 * tape, under {@code GradMode.noGrad()}, and hand the gradients to {@code .grad()} of the leaves as
 * {@code backward()} would.
 */
final class TensorMethods {
  private static final ClassName TENSOR = JavaTypes.TENSOR;
  private static final ClassName ADJOINTS = RuntimeClasses.ADJOINTS;
  private static final ClassName GRAD_MODE = RuntimeClasses.GRAD_MODE;
  private static final ClassName TENSOR_ALGEBRA = RuntimeClasses.TENSOR_ALGEBRA;

  private final ClassName sourceClass;

  /**
   * @param sourceClass the class whose tensor methods are differentiated
   */
  TensorMethods(ClassName sourceClass) {
    this.sourceClass = sourceClass;
  }

  /**
   * The methods of one differentiated method on tensors: {@code fBackward(args)} and {@code
   * fBackward(args, seed)}, which run it forward and backward without a tape and add the gradient
   * into {@code .grad()} of every tensor leaf that requires grad, as {@code loss.backward()} does.
   *
   * @param seedName the seed parameter's name
   * @param algebraName the name of the local holding the tensor algebra the rules are written with
   */
  List<MethodSpec> methods(
      IrFunction function, Adjoint adjoint, String seedName, String algebraName) {
    List<MethodSpec> methods = new ArrayList<>();
    String link =
        Javadoc.link(sourceClass, JavaTypes.signature(function), sourceClass.packageName());
    String method = function.name() + "Backward";
    List<ParameterSpec> parameters = JavaTypes.parameters(function, sourceClass);
    String arguments = JavaTypes.arguments(parameters);
    TypeName valueType = JavaTypes.of(function.returnType());
    methods.add(
        MethodSpec.methodBuilder(method)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(valueType)
            .addParameters(parameters)
            .addJavadoc(
                Javadoc.of(
                        "Runs "
                            + link
                            + " forward and backward without a tape, as {@code value.backward()}"
                            + " would after it: returns the value and adds its gradient into"
                            + " {@code .grad()} of every tensor it reads that requires grad"
                            + " (tensor parameters and the receiver's tensors). The value must"
                            + " have one element.")
                    .at(Javadoc.MEMBER))
            .addStatement("return $L($L, null)", method, arguments)
            .build());

    CodeBlock.Builder body = CodeBlock.builder();
    body.beginControlFlow("try ($T.Scope noGrad = $T.noGrad())", GRAD_MODE, GRAD_MODE);
    body.add("// the dynamic tape records nothing: the adjoint is written out below\n");
    if (adjoint.readsTensorAlgebra()) {
      body.addStatement("$T<$T> $L = $T.algebra()", TENSOR_ALGEBRA, TENSOR, algebraName, ADJOINTS);
    }
    // inside the no-grad scope
    int column = StmtRenderer.bodyColumn(1) + StmtRenderer.INDENT;
    StmtRenderer.render(adjoint.prologue(), body, column);
    StmtBuilder sweeps = new StmtBuilder();
    sweeps.comment("forward sweep: the primal, keeping what the reverse sweep reads");
    sweeps.addAll(adjoint.forward());
    sweeps.comment("reverse sweep: adjoints, from the result back to the leaves");
    // a leaf read through a list's element adds into its .grad() inside the reverse sweep
    boolean anyGradient =
        !adjoint.leafGradients().isEmpty() || adjoint.accumulatesElementGradients();
    JavaExpr adjoints = new TypeRef(ADJOINTS);
    if (anyGradient) {
      sweeps.define(
          LocalType.of(TypeName.LONG),
          "reverseStart",
          new Call(adjoints, "reverseStart", List.of()),
          "tensors made from here on are the sweep's own");
    }
    sweeps.addAll(adjoint.reverse());
    List<JavaExpr> leaves = new ArrayList<>();
    List<JavaExpr> gradients = new ArrayList<>();
    adjoint
        .leafGradients()
        .forEach(
            (leaf, gradient) -> {
              leaves.add(JavaExpr.name(leaf));
              gradients.add(JavaExpr.name(gradient));
            });
    if (!leaves.isEmpty()) {
      sweeps.comment("into .grad() of the leaves that require it, as loss.backward() does");
      sweeps.call(
          new Call(
              adjoints,
              "accumulateGrads",
              List.of(
                  JavaExpr.name("reverseStart"),
                  new ArrayOf(TENSOR, leaves),
                  new ArrayOf(TENSOR, gradients))),
          null);
    }
    sweeps.add(new Return(adjoint.value()));
    StmtRenderer.render(adjoint.guarded(sweeps.build()), body, column);
    body.endControlFlow();
    methods.add(
        MethodSpec.methodBuilder(method)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(valueType)
            .addParameters(parameters)
            .addParameter(TENSOR, seedName)
            .addJavadoc(
                Javadoc.of(
                        "Runs "
                            + link
                            + " forward and backward without a tape, as "
                            + Javadoc.code("value.backward(" + seedName + ")")
                            + " would after it: returns the value and adds "
                            + Javadoc.code(seedName)
                            + " times its Jacobian (the vector-Jacobian product) into {@code"
                            + " .grad()} of every tensor it reads that requires grad. A {@code"
                            + " null} "
                            + Javadoc.code(seedName)
                            + " stands for 1 and needs a one-element value.")
                    .at(Javadoc.MEMBER))
            .addCode(body.build())
            .build());
    return methods;
  }
}
