package dev.adjoint.processor.diff;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.LocalCall;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.NamedLocalType;
import java.util.List;

/**
 * How a generated class names other classes: as JavaPoet {@link ClassName}s, which it imports or
 * qualifies; its own generated class needs no qualifier at all.
 *
 * @param ownGradientClass the qualified name of the class the adjoint goes into
 */
record GradientClassNames(String ownGradientClass) {
  /**
   * The result record of {@code callee}'s generated pullback, nested in its generated class: by its
   * simple name when that is the class being written (the plain class or its anomaly variant, each
   * with its own records), else as a {@code $T}.
   */
  LocalType recordType(DifferentiableCallee callee) {
    return own(callee)
        ? new NamedLocalType(callee.resultRecord())
        : LocalType.of(callee.gradientClass().nestedClass(callee.resultRecord()));
  }

  /**
   * The result record of {@code callee}'s generated pullback, as a type named as {@link
   * #recordType} names it: by its simple name when it is a record of the class being written (the
   * plain class or its anomaly variant, whose records are its own).
   */
  ClassName recordClass(DifferentiableCallee callee) {
    return own(callee)
        ? ClassName.get("", callee.resultRecord())
        : callee.gradientClass().nestedClass(callee.resultRecord());
  }

  /**
   * A call of the callee's generated method on {@code arguments}: unqualified if its class is this
   * one, else {@code Class.method(...)}.
   */
  JavaExpr call(DifferentiableCallee callee, List<JavaExpr> arguments) {
    return own(callee)
        ? new LocalCall(callee.method(), arguments)
        : new Call(new TypeRef(callee.gradientClass()), callee.method(), arguments);
  }

  /** Whether {@code callee}'s generated class is the one being written. */
  private boolean own(DifferentiableCallee callee) {
    return callee.gradientClass().canonicalName().equals(ownGradientClass);
  }
}
