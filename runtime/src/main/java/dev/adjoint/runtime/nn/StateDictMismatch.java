package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One difference between a module's state and a state offered to {@link Module#loadStateDict}: an
 * entry the module has and the state lacks, one the state has and the module lacks, or one present
 * in both with another shape or element type.
 */
public sealed interface StateDictMismatch {
  /** The dotted name of the entry ({@code layer1.0.bn1.running_mean}). */
  String name();

  /** One line for the error message; {@code source} names the other side ("the file"). */
  String describe(String source);

  /** The module has {@code name} ({@code dtype}, {@code shape}); the state does not. */
  record Missing(String name, DType dtype, int[] shape) implements StateDictMismatch {
    @Override
    public String describe(String source) {
      return "missing     " + name + " (" + dtype.displayName() + " " + Shape.format(shape) + ")";
    }
  }

  /** The state has {@code name}; the module does not. */
  record Unexpected(String name) implements StateDictMismatch {
    @Override
    public String describe(String source) {
      return "unexpected  " + name;
    }
  }

  /** Both have {@code name}, with different shapes. */
  record WrongShape(String name, int[] inState, int[] inModule) implements StateDictMismatch {
    @Override
    public String describe(String source) {
      return "shape       "
          + name
          + ": "
          + Shape.format(inState)
          + " in "
          + source
          + ", "
          + Shape.format(inModule)
          + " in the module";
    }
  }

  /** Both have {@code name}, with different element types. */
  record WrongDType(String name, DType inState, DType inModule) implements StateDictMismatch {
    @Override
    public String describe(String source) {
      return "dtype       "
          + name
          + ": "
          + inState.displayName()
          + " in "
          + source
          + ", "
          + inModule.displayName()
          + " in the module";
    }
  }

  /**
   * Every difference between {@code own} (a module's state, in its order) and {@code state}: the
   * module's entries first, in the module's order, then the state's unexpected ones in its order.
   */
  static List<StateDictMismatch> between(Map<String, Tensor> own, Map<String, Tensor> state) {
    List<StateDictMismatch> out = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor mine = e.getValue();
      Tensor theirs = state.get(e.getKey());
      if (theirs == null) {
        out.add(new Missing(e.getKey(), mine.dtype(), mine.shape()));
        continue;
      }
      if (!Arrays.equals(theirs.shape(), mine.shape())) {
        out.add(new WrongShape(e.getKey(), theirs.shape(), mine.shape()));
      }
      if (theirs.dtype() != mine.dtype()) {
        out.add(new WrongDType(e.getKey(), theirs.dtype(), mine.dtype()));
      }
    }
    for (String name : state.keySet()) {
      if (!own.containsKey(name)) {
        out.add(new Unexpected(name));
      }
    }
    return out;
  }
}
