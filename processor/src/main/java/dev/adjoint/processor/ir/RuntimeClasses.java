package dev.adjoint.processor.ir;

import com.palantir.javapoet.ClassName;

/**
 * The runtime's classes the generated code names, as JavaPoet names them (and imports them): one
 * place for the parse templates, the sweeps and the writers.
 */
public final class RuntimeClasses {
  public static final ClassName ADJOINTS =
      ClassName.get("dev.adjoint.runtime.autograd", "Adjoints");
  public static final ClassName TENSOR = ClassName.get("dev.adjoint.runtime.tensor", "Tensor");
  public static final ClassName FUSED = ClassName.get("dev.adjoint.runtime.autograd", "Fused");
  public static final ClassName CUSTOM_FUNCTION =
      ClassName.get("dev.adjoint.runtime.autograd", "CustomFunction");
  public static final ClassName TENSOR_OP = ClassName.get("dev.adjoint.runtime.rules", "TensorOp");
  public static final ClassName COMPARISON =
      ClassName.get("dev.adjoint.runtime.rules", "Comparison");
  public static final ClassName MODULE_ADJOINTS =
      ClassName.get("dev.adjoint.runtime.autograd", "ModuleAdjoints");
  public static final ClassName OP_PARAMS = ClassName.get("dev.adjoint.runtime.rules", "OpParams");
  public static final ClassName LOSSES = ClassName.get("dev.adjoint.runtime.nn", "Losses");
  public static final ClassName DTYPE = ClassName.get("dev.adjoint.runtime.tensor", "DType");
  public static final ClassName TAPE = ClassName.get("dev.adjoint.runtime.tape", "Tape");
  public static final ClassName ANOMALY_MODE =
      ClassName.get("dev.adjoint.runtime.autograd", "AnomalyMode");
  public static final ClassName GENERATED_ANOMALIES =
      ClassName.get("dev.adjoint.runtime.autograd", "GeneratedAnomalies");
  public static final ClassName GRAD_MODE =
      ClassName.get("dev.adjoint.runtime.autograd", "GradMode");
  public static final ClassName TENSOR_ALGEBRA =
      ClassName.get("dev.adjoint.runtime.rules", "TensorAlgebra");

  private RuntimeClasses() {}

  /** {@code java.lang.Math} or {@code java.lang.StrictMath}, as the source's method chose. */
  public static ClassName math(String simpleName) {
    return ClassName.get("java.lang", simpleName);
  }
}
