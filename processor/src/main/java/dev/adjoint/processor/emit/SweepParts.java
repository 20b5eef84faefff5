package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.diff.Adjoint;
import dev.adjoint.processor.diff.SweepChunk;
import dev.adjoint.processor.diff.SweepLocal;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Sweeps too long for one method ({@link Adjoint#split}), written as a nested class whose fields
 * are the core method's parameters, the prologue's locals the sweeps read, and every local a sweep
 * declares at the top level. Each part ({@link Adjoint#parts}) is an inner class of it, {@code
 * Forward0}, ..., {@code Reverse0}, ..., whose {@code run()} holds consecutive top-level
 * statements: in an inner class a name not declared locally is the enclosing object's field, and
 * each part copies the top-level locals it declares into their fields at its end, for the parts
 * after it. The statements are the ones a single method would hold. A class per part keeps each
 * class's constant pool (at most 65535 entries) small too: the anomaly checks' messages of a long
 * method alone would fill one. The holder's {@code run()} runs the parts in order.
 */
final class SweepParts {
  private SweepParts() {}

  /**
   * The holder class.
   *
   * @param name its name, nested in the generated class
   * @param methodName the differentiated method, for the Javadoc
   * @param run the name of the methods that run the holder and each part: one that no statement
   *     calls (a differentiable method of the same class could be named {@code run})
   * @param parameters the core method's parameters, which its constructor takes
   * @param valueType the type {@code run()} returns
   * @param tail the statements after the reverse sweep: the partials added into the accumulators,
   *     and the return of the value
   */
  static TypeSpec holder(
      ClassName name,
      String methodName,
      String run,
      Adjoint adjoint,
      List<ParameterSpec> parameters,
      TypeName valueType,
      CodeBlock tail) {
    TypeSpec.Builder holder =
        TypeSpec.classBuilder(name.simpleName())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                "The sweeps of {@code $L}, too long for one method (at most 64 KB of bytecode), in"
                    + "\nparts that share the locals below.\n",
                methodName);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    for (ParameterSpec p : inputs(parameters, adjoint)) {
      holder.addField(p.type(), p.name(), Modifier.PRIVATE);
      constructor.addParameter(p).addStatement("this.$L = $L", p.name(), p.name());
    }
    holder.addMethod(constructor.build());
    Set<String> fields = new HashSet<>();
    for (List<SweepChunk> sweep : List.of(adjoint.forwardChunks(), adjoint.reverseChunks())) {
      for (SweepChunk c : sweep) {
        for (SweepLocal local : c.declares()) {
          if (fields.add(local.name())) {
            holder.addField(local.type(), local.name(), Modifier.PRIVATE);
          }
        }
      }
    }
    CodeBlock.Builder runParts = CodeBlock.builder();
    addParts(name, "Forward", "the forward sweep", adjoint.forwardChunks(), run, holder, runParts);
    addParts(name, "Reverse", "the reverse sweep", adjoint.reverseChunks(), run, holder, runParts);
    runParts.add(tail);
    holder.addMethod(
        MethodSpec.methodBuilder(run)
            .returns(valueType)
            .addJavadoc("Runs the parts in order: the value, with the partials added.\n")
            .addCode(runParts.build())
            .build());
    return holder.build();
  }

  /**
   * {@code return new Name(parameters..., prologue locals...).run();}: the core method's body after
   * its prologue.
   */
  static CodeBlock call(
      ClassName name, String run, List<ParameterSpec> parameters, Adjoint adjoint) {
    String arguments =
        inputs(parameters, adjoint).stream()
            .map(ParameterSpec::name)
            .collect(Collectors.joining(", "));
    return CodeBlock.builder().addStatement("return new $T($L).$L()", name, arguments, run).build();
  }

  /** The constructor's parameters: the core method's, then the prologue's locals. */
  private static List<ParameterSpec> inputs(List<ParameterSpec> parameters, Adjoint adjoint) {
    List<ParameterSpec> inputs = new ArrayList<>(parameters);
    for (SweepLocal local : adjoint.prologueLocals()) {
      inputs.add(ParameterSpec.builder(local.type(), local.name()).build());
    }
    return inputs;
  }

  /**
   * The name of the holder's and the parts' methods: {@code run}, or {@code run_1}, ... if the
   * function calls a differentiable method of that name, which its statements call unqualified.
   */
  static String runName(IrFunction function) {
    Set<String> called = new HashSet<>();
    collectCallees(function.body(), called);
    String name = "run";
    for (int i = 1; called.contains(name); i++) {
      name = "run_" + i;
    }
    return name;
  }

  private static void collectCallees(List<Node> nodes, Set<String> called) {
    for (Node node : nodes) {
      switch (node) {
        case Node.CallDifferentiable call -> called.add(call.callee().method());
        case Node.If branch -> {
          collectCallees(branch.thenBranch(), called);
          collectCallees(branch.elseBranch(), called);
        }
        case Node.While loop -> {
          collectCallees(loop.condition(), called);
          collectCallees(loop.body(), called);
        }
        default -> {}
      }
    }
  }

  /** Adds the parts of one sweep, each an inner class, and their calls to {@code runParts}. */
  private static void addParts(
      ClassName holder,
      String prefix,
      String sweep,
      List<SweepChunk> chunks,
      String run,
      TypeSpec.Builder holderType,
      CodeBlock.Builder runParts) {
    List<List<SweepChunk>> parts = Adjoint.parts(chunks);
    for (int i = 0; i < parts.size(); i++) {
      List<SweepChunk> part = parts.get(i);
      CodeBlock.Builder body = CodeBlock.builder();
      List<SweepLocal> declared = new ArrayList<>();
      for (SweepChunk c : part) {
        body.add(c.code());
        declared.addAll(c.declares());
      }
      if (!declared.isEmpty()) {
        body.add("// for the parts after this one\n");
      }
      for (SweepLocal local : declared) {
        body.addStatement("$L.this.$L = $L", holder.simpleName(), local.name(), local.name());
      }
      String partClass = prefix + i;
      holderType.addType(
          TypeSpec.classBuilder(partClass)
              .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc(
                  "Part $L of $L: $L to $L.\n",
                  i + 1,
                  sweep,
                  part.get(0).origin(),
                  part.get(part.size() - 1).origin())
              .addMethod(MethodSpec.methodBuilder(run).addCode(body.build()).build())
              .build());
      runParts.addStatement("new $L().$L()", partClass, run);
    }
  }
}
