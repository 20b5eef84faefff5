package dev.adjoint.processor.diff;

import com.palantir.javapoet.ClassName;

/** The runtime's classes the generated adjoints call, as JavaPoet names them (and imports them). */
final class RuntimeClasses {
  static final ClassName ADJOINTS = ClassName.get("dev.adjoint.runtime.autograd", "Adjoints");
  static final ClassName TENSOR = ClassName.get("dev.adjoint.runtime.tensor", "Tensor");
  static final ClassName FUSED = ClassName.get("dev.adjoint.runtime.autograd", "Fused");
  static final ClassName CUSTOM_FUNCTION =
      ClassName.get("dev.adjoint.runtime.autograd", "CustomFunction");
  static final ClassName TENSOR_OP = ClassName.get("dev.adjoint.runtime.rules", "TensorOp");
  static final ClassName COMPARISON = ClassName.get("dev.adjoint.runtime.rules", "Comparison");

  private RuntimeClasses() {}

  /** {@code java.lang.Math} or {@code java.lang.StrictMath}, as the source's method chose. */
  static ClassName math(String simpleName) {
    return ClassName.get("java.lang", simpleName);
  }
}
