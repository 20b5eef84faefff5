package dev.adjoint.processor.diff;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.expr.Arguments;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.TensorPrimitive;
import dev.adjoint.runtime.rules.TensorOp;
import java.util.ArrayList;
import java.util.List;

/**
 * What a tensor adjoint's code refers to beyond its {@code $T} types, recorded from the trees and
 * operations the sweeps write: whether it reads the tensor algebra's local, and which runtime
 * classes the op table's templates (text, written by the parse pass) name by their simple names.
 */
final class TensorCodeReferences {
  private boolean algebra;
  private boolean opParams;
  private boolean losses;

  /** After the reverse sweep writes {@code contribution} into a tensor adjoint. */
  void wroteContribution(JavaExpr contribution) {
    algebra |= contribution.reads(TensorSourceAlgebra.ALGEBRA);
    opParams |= contribution.count(e -> e instanceof Arguments) > 0;
  }

  /** After the forward sweep writes {@code primitive}'s forward template. */
  void wroteForward(TensorPrimitive primitive) {
    TensorOp op = primitive.tensorOp();
    // the op table writes these three losses as calls of Losses
    losses |= op == TensorOp.MSE_LOSS || op == TensorOp.BCE_WITH_LOGITS || op == TensorOp.NLL_LOSS;
  }

  /** Whether the code reads the local holding the tensor algebra. */
  boolean readsAlgebra() {
    return algebra;
  }

  /** The runtime classes the templates name by their simple names, which must be imported. */
  List<ClassName> templateClasses() {
    List<ClassName> classes = new ArrayList<>();
    if (opParams) {
      classes.add(RuntimeClasses.OP_PARAMS);
    }
    if (losses) {
      classes.add(RuntimeClasses.LOSSES);
    }
    return classes;
  }
}
