package dev.adjoint.processor;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.diag.Reporter;
import dev.adjoint.processor.diff.Adjoint;
import dev.adjoint.processor.diff.ReverseMode;
import dev.adjoint.processor.emit.GradientClassWriter;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.parse.GeneratedNames;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.Return;
import dev.adjoint.processor.stmt.Stmt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;

/**
 * The anomaly-checked variants of one class's adjoints, in {@code <Class>GradAnomalies}: the same
 * sweeps written again with a check after each value ({@code ReverseMode.write(..., checkAnomalies
 * = true)}, from a copy of the names, so the code is the plain one plus the checks). The plain
 * adjoint starts with one test, {@code AnomalyMode.isEnabled()}, and calls its variant when it
 * holds; otherwise it runs exactly as generated without checks.
 */
final class AnomalyVariants {
  private static final ClassName ANOMALY_MODE = RuntimeClasses.ANOMALY_MODE;

  private final TypeElement owner;
  private final ClassName variantClass;
  private final GradientClassWriter writer;
  private int added;

  AnomalyVariants(TypeElement owner) {
    this.owner = owner;
    String name = GeneratedNames.gradientClass(owner) + "Anomalies";
    this.variantClass = ClassName.get(GeneratedNames.packageOf(owner), name);
    this.writer =
        new GradientClassWriter(GeneratedNames.packageOf(owner), name, ClassName.get(owner));
  }

  /**
   * Writes the checked variant of {@code function} into the variant class and returns {@code plain}
   * with the dispatch to it in front.
   *
   * @param names a copy of the names as they were before {@code plain} was written
   */
  Adjoint add(
      IrFunction function,
      Activity activity,
      Names names,
      String seedName,
      Map<String, String> arrayAdjoints,
      Optional<String> gradient,
      String value,
      Adjoint plain) {
    Adjoint checked =
        ReverseMode.write(
            function,
            activity,
            names,
            GeneratedNames.qualifiedGradientClass(owner),
            seedName,
            arrayAdjoints,
            true);
    List<String> args = new ArrayList<>();
    function.receiverClass().ifPresent(r -> args.add("self"));
    function.parameters().forEach(p -> args.add(p.name()));
    args.add(seedName);
    String method;
    if (function.usesTensors()) {
      writer.addTensor(function, checked, seedName, "tensors");
      method = function.name() + "Backward";
    } else {
      writer.add(
          function,
          checked,
          seedName,
          new GradientClassWriter.Accumulators(gradient, arrayAdjoints, value));
      gradient.ifPresent(args::add);
      args.addAll(arrayAdjoints.values());
      method = function.name();
    }
    added++;
    Stmt dispatch =
        new If(
            new Call(new TypeRef(ANOMALY_MODE), "isEnabled", List.of()),
            List.of(
                new Return(
                    new Call(
                        new TypeRef(variantClass),
                        method,
                        args.stream().map(JavaExpr::name).toList()))),
            List.of(),
            "anomaly mode: the same adjoint, checked");
    List<Stmt> prologue = new ArrayList<>(List.of(dispatch));
    prologue.addAll(plain.prologue());
    return plain.withPrologue(prologue);
  }

  /** Records that the variant class is derived from {@code classes}' source, as the plain one. */
  void addOriginatingElements(
      java.util.Collection<? extends javax.lang.model.element.Element> classes) {
    writer.addOriginatingElements(classes);
  }

  /** Writes the variant class, if it holds a variant. */
  void writeTo(Filer filer, Reporter reporter) {
    if (added == 0) {
      return;
    }
    try {
      writer.toJavaFile().writeTo(filer);
    } catch (IOException e) {
      reporter.error(
          DiagnosticId.ADJ100,
          owner,
          "could not write " + variantClass.simpleName() + ": " + e.getMessage());
    }
  }
}
