package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.clean.Cleanups;
import dev.adjoint.processor.diff.Adjoint;
import dev.adjoint.processor.diff.SweepChunk;
import dev.adjoint.processor.diff.SweepLocal;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.stmt.Return;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.StmtBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Modifier;

/**
 * Sweeps too long for one method the JIT compiles ({@link Adjoint#split}), written as a nested
 * class whose fields are the core method's parameters, the prologue's locals the sweeps read, and
 * every local a sweep declares at the top level. Each part ({@link Adjoint#parts}) is an inner
 * class of it, {@code Forward0}, ..., {@code Reverse0}, ..., whose {@code run()} holds consecutive
 * top-level statements: in an inner class a name not declared locally is the enclosing object's
 * field, and each part copies into their fields, at its end, the top-level locals it declares that
 * a later part reads ({@link #handedOn}). The statements are the ones a single method would hold,
 * cleaned up part by part as a method's are. A class per part keeps each class's constant pool (at
 * most 65535 entries) small too: the anomaly checks' messages of a long method alone would fill
 * one. The holder's static {@code run(inputs...)} takes the thread's instance (kept in a {@code
 * ThreadLocal}; a recursive call, finding it in use, takes a new one), sets the inputs and runs the
 * parts in order; so a call allocates nothing, as the unsplit form, and the instance, a few KB of
 * fields, stays warm in the cache. Every top-level local is assigned before it is read in each
 * call, so nothing carries over from one call to the next but the references, which the call clears
 * at its end.
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
   * @param parameters the core method's parameters, which its static {@code run} takes
   * @param valueType the type {@code run} returns
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
      List<Stmt> tail) {
    TypeSpec.Builder holder =
        TypeSpec.classBuilder(name.simpleName())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                Javadoc.of(
                        "The sweeps of "
                            + Javadoc.code(methodName)
                            + ", too long for one method the JIT compiles (8000 bytes of"
                            + " bytecode), in parts that share the locals below. Each thread"
                            + " reuses one instance, so a call allocates nothing.")
                    .at(Javadoc.MEMBER));
    Map<String, TypeName> fields = new LinkedHashMap<>();
    List<ParameterSpec> inputs = inputs(parameters, adjoint);
    for (ParameterSpec p : inputs) {
      holder.addField(p.type(), p.name(), Modifier.PRIVATE);
      fields.put(p.name(), p.type());
    }
    List<SweepLocal> references = new ArrayList<>();
    for (List<SweepChunk> sweep : List.of(adjoint.forwardChunks(), adjoint.reverseChunks())) {
      for (SweepChunk c : sweep) {
        for (SweepLocal local : c.declares()) {
          if (fields.putIfAbsent(local.name(), local.type()) == null) {
            holder.addField(local.type(), local.name(), Modifier.PRIVATE);
            if (!local.type().isPrimitive()) {
              references.add(local);
            }
          }
        }
      }
    }
    Set<String> taken = new HashSet<>(fields.keySet());
    String current = reserve("CURRENT", taken);
    String running = reserve("running", taken);
    holder.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(ClassName.get(ThreadLocal.class), name),
                current,
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc(Javadoc.of("This thread's instance.").at(Javadoc.NESTED_MEMBER))
            .initializer("$T.withInitial($T::new)", ThreadLocal.class, name)
            .build());
    holder.addField(
        FieldSpec.builder(TypeName.BOOLEAN, running, Modifier.PRIVATE)
            .addJavadoc(
                Javadoc.of(
                        "Whether a call is using this instance (a recursive call takes a new one).")
                    .at(Javadoc.NESTED_MEMBER))
            .build());
    CodeBlock.Builder runParts = CodeBlock.builder();
    List<Stmt> afterForward = new ArrayList<>(adjoint.reverse());
    afterForward.addAll(tail);
    Sweep forward = new Sweep("Forward", "the forward sweep", adjoint.forwardChunks());
    Sweep reverse = new Sweep("Reverse", "the reverse sweep", adjoint.reverseChunks());
    addParts(name, forward, afterForward, run, fields, taken, holder, runParts);
    addParts(name, reverse, tail, run, fields, taken, holder, runParts);
    StmtRenderer.render(tail, runParts, StmtRenderer.bodyColumn(2));
    holder.addMethod(entry(name, run, inputs, references, valueType, current, running, taken));
    holder.addMethod(
        MethodSpec.methodBuilder(run)
            .addModifiers(Modifier.PRIVATE)
            .returns(valueType)
            .addJavadoc(
                Javadoc.of("Runs the parts in order: the value, with the partials added.")
                    .at(Javadoc.NESTED_MEMBER))
            .addCode(runParts.build())
            .build());
    return holder.build();
  }

  /**
   * The holder's static {@code run(inputs...)}: takes this thread's instance (a new one if a call
   * is using it), sets its inputs, runs it, and lets go of the references it was given.
   */
  private static MethodSpec entry(
      ClassName name,
      String run,
      List<ParameterSpec> inputs,
      List<SweepLocal> references,
      TypeName valueType,
      String current,
      String running,
      Set<String> taken) {
    String sweeps = reserve("sweeps", taken); // taken holds the inputs: they are fields too
    CodeBlock.Builder code =
        CodeBlock.builder()
            .addStatement("$T $N = $N.get()", name, sweeps, current)
            .beginControlFlow("if ($N.$N)", sweeps, running)
            .addStatement("$N = new $T()", sweeps, name)
            .endControlFlow()
            .addStatement("$N.$N = true", sweeps, running)
            .beginControlFlow("try");
    for (ParameterSpec p : inputs) {
      code.addStatement("$N.$N = $N", sweeps, p.name(), p.name());
    }
    code.addStatement("return $N.$N()", sweeps, run)
        .nextControlFlow("finally")
        .addStatement("$N.$N = false", sweeps, running);
    code.add("// holds no caller's array, tape or tensor past the call\n");
    for (ParameterSpec p : inputs) {
      if (!p.type().isPrimitive()) {
        code.addStatement("$N.$N = null", sweeps, p.name());
      }
    }
    for (SweepLocal local : references) {
      code.addStatement("$N.$N = null", sweeps, local.name());
    }
    code.endControlFlow();
    return MethodSpec.methodBuilder(run)
        .addModifiers(Modifier.STATIC)
        .addJavadoc(
            Javadoc.of(
                    "Runs the sweeps on this thread's instance: the value, with the partials added.")
                .at(Javadoc.NESTED_MEMBER))
        .returns(valueType)
        .addParameters(inputs)
        .addCode(code.build())
        .build();
  }

  /** A name for one of the holder's own members or locals, apart from {@code taken}, then taken. */
  private static String reserve(String base, Set<String> taken) {
    String name = GradientClassWriter.free(base, taken);
    taken.add(name);
    return name;
  }

  /** {@code return Name.run(parameters..., prologue locals...);}: the core method's rest. */
  static Stmt call(ClassName name, String run, List<ParameterSpec> parameters, Adjoint adjoint) {
    List<JavaExpr> arguments =
        inputs(parameters, adjoint).stream().map(p -> JavaExpr.name(p.name())).toList();
    return new Return(new Call(new TypeRef(name), run, arguments));
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
    return GradientClassWriter.free("run", called);
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

  /**
   * For each of a sweep's {@code parts}, the top-level locals it declares that a later part, or
   * {@code after} (the statements after the sweep), reads: those it copies into their fields. One
   * walk over the code, from the end.
   */
  static List<List<SweepLocal>> handedOn(List<List<SweepChunk>> parts, List<Stmt> after) {
    List<List<SweepLocal>> handedOn = new ArrayList<>();
    Predicate<String> readLater = Cleanups.readers(after);
    for (List<SweepChunk> part : parts.reversed()) {
      Predicate<String> readAfterThisPart = readLater;
      List<SweepLocal> kept = new ArrayList<>();
      List<Stmt> code = new ArrayList<>();
      for (SweepChunk c : part) {
        c.declares().stream().filter(l -> readAfterThisPart.test(l.name())).forEach(kept::add);
        code.addAll(c.code());
      }
      handedOn.addFirst(List.copyOf(kept));
      readLater = readLater.or(Cleanups.readers(code));
    }
    return handedOn;
  }

  /**
   * One sweep to split: the prefix of its parts' class names, how the Javadoc names it, its chunks.
   */
  private record Sweep(String prefix, String description, List<SweepChunk> chunks) {}

  /**
   * Adds the parts of one sweep, each an inner class with an instance in a field of the holder
   * (named apart from {@code taken}, to which the names are added), and their calls to {@code
   * runParts}.
   *
   * <p>A part ends by copying into their fields the top-level locals it declares that a later part
   * or {@code after} (the statements after this sweep) reads. Its body is then cleaned up ({@link
   * Cleanups}) as a method's is: the passes see those locals read at the end and keep their values,
   * and the fields it reads but does not declare are, to them, parameters (of the types in {@code
   * fields}).
   */
  private static void addParts(
      ClassName holder,
      Sweep sweep,
      List<Stmt> after,
      String run,
      Map<String, TypeName> fields,
      Set<String> taken,
      TypeSpec.Builder holderType,
      CodeBlock.Builder runParts) {
    List<List<SweepChunk>> parts = Adjoint.parts(sweep.chunks());
    JavaExpr enclosing = new Member(new TypeRef(holder), "this");
    List<List<SweepLocal>> handedOn = handedOn(parts, after);
    for (int i = 0; i < parts.size(); i++) {
      List<SweepChunk> part = parts.get(i);
      StmtBuilder code = new StmtBuilder();
      part.forEach(c -> code.addAll(c.code()));
      List<SweepLocal> kept = handedOn.get(i);
      if (!kept.isEmpty()) {
        code.comment("for the parts after this one");
      }
      for (SweepLocal local : kept) {
        code.assign(new Member(enclosing, local.name()), JavaExpr.name(local.name()), null);
      }
      CodeBlock.Builder body = CodeBlock.builder();
      StmtRenderer.render(
          Cleanups.apply(code.build(), fields), body, StmtRenderer.bodyColumn(3)); // run()
      String prefix = sweep.prefix();
      String partClass = prefix + i;
      String instance = reserve(prefix.toLowerCase(Locale.ROOT) + i, taken);
      holderType.addType(
          TypeSpec.classBuilder(partClass)
              .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc(
                  Javadoc.of(
                          String.format(
                              "Part %d of %s: %s to %s.",
                              i + 1,
                              sweep.description(),
                              part.get(0).origin(),
                              part.get(part.size() - 1).origin()))
                      .at(Javadoc.NESTED_MEMBER))
              .addMethod(MethodSpec.methodBuilder(run).addCode(body.build()).build())
              .build());
      holderType.addField(
          FieldSpec.builder(
                  ClassName.get("", partClass), instance, Modifier.PRIVATE, Modifier.FINAL)
              .initializer("new $L()", partClass)
              .build());
      runParts.addStatement("$N.$L()", instance, run);
    }
  }
}
