package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The rules a {@link CustomFunction}'s {@code forward} and {@code backward} must follow, over type
 * names, so that the annotation processor (reading declarations at build time) and the runtime
 * (reading the class by reflection, for code not built with the processor) check them alike and
 * word their messages alike.
 *
 * <p>{@code forward} takes tensors and Java numbers ({@code double}, {@code float}, {@code int},
 * {@code long}), at least one tensor, and returns a {@code Tensor}. {@code backward} takes the
 * gradient of the result, then forward's parameters in order (the values forward was called with,
 * saved for it), then, optionally, {@code Tensor result} (forward's result, saved for it only when
 * declared). It returns the gradient of forward's one tensor parameter as a {@code Tensor}, or,
 * when forward takes several tensors, a {@code Tensor[]} with one gradient per tensor parameter, in
 * order ({@code null}: none).
 *
 * <p>Type names are as {@code Class.getTypeName()} and {@code TypeMirror.toString()} write them:
 * {@code dev.adjoint.runtime.tensor.Tensor}, {@code double}, {@code
 * dev.adjoint.runtime.tensor.Tensor[]}.
 */
public final class CustomFunctionSignature {
  /** The tensor type's name. */
  public static final String TENSOR = Tensor.class.getName();

  /** The name of an array of tensors. */
  public static final String TENSORS = TENSOR + "[]";

  private static final Set<String> NUMBERS = Set.of("double", "float", "int", "long");

  private CustomFunctionSignature() {}

  /** Whether a forward parameter of this type is an operand (a tensor), not a constant. */
  public static boolean isTensor(String type) {
    return type.equals(TENSOR);
  }

  /** How many of forward's parameters are tensors. */
  public static int tensorCount(List<String> forwardTypes) {
    return (int) forwardTypes.stream().filter(CustomFunctionSignature::isTensor).count();
  }

  /** What is wrong with {@code function}'s forward, if anything. */
  public static Optional<String> checkForward(
      String function, List<String> types, List<String> names, String returnType) {
    for (int i = 0; i < types.size(); i++) {
      if (!isTensor(types.get(i)) && !NUMBERS.contains(types.get(i))) {
        return Optional.of(
            function
                + ".forward's parameter '"
                + names.get(i)
                + "' is a "
                + simple(types.get(i))
                + "; a custom function takes tensors and Java numbers (double, float, int, long)");
      }
    }
    if (tensorCount(types) == 0) {
      return Optional.of(
          function + ".forward takes no Tensor: a custom function differentiates tensor operands");
    }
    if (!isTensor(returnType)) {
      return Optional.of(
          function + ".forward returns " + simple(returnType) + "; it must return a Tensor");
    }
    return Optional.empty();
  }

  /**
   * What is wrong with {@code function}'s backward (of these parameter types and return type) given
   * its forward, if anything; the message gives the declaration to write.
   */
  public static Optional<String> checkBackward(
      String function,
      List<String> forwardTypes,
      List<String> forwardNames,
      List<String> backwardTypes,
      String backwardReturn) {
    int n = forwardTypes.size();
    boolean shape =
        (backwardTypes.size() == n + 1 || backwardTypes.size() == n + 2)
            && isTensor(backwardTypes.get(0))
            && backwardTypes.subList(1, n + 1).equals(forwardTypes)
            && (backwardTypes.size() == n + 1 || isTensor(backwardTypes.get(n + 1)));
    String expectedReturn = tensorCount(forwardTypes) == 1 ? TENSOR : TENSORS;
    if (shape && backwardReturn.equals(expectedReturn)) {
      return Optional.empty();
    }
    return Optional.of(
        function
            + ".backward"
            + typeList(backwardTypes)
            + " returning "
            + simple(backwardReturn)
            + " does not match forward"
            + typeList(forwardTypes)
            + "; declare "
            + expectedBackward(forwardTypes, forwardNames, false)
            + " or, to read forward's saved result, "
            + expectedBackward(forwardTypes, forwardNames, true));
  }

  /** The message when {@code function} declares no (or several) public {@code method}s. */
  public static String missing(String function, String method, int found, String example) {
    return function
        + (found == 0
            ? " extends CustomFunction but declares no public method " + method + "(...)"
            : " declares " + found + " public methods named " + method + "; declare one")
        + ", e.g. "
        + example;
  }

  /** The backward to declare for this forward, with or without the saved result. */
  public static String expectedBackward(
      List<String> forwardTypes, List<String> forwardNames, boolean withResult) {
    StringJoiner params = new StringJoiner(", ", "(", ")");
    params.add("Tensor grad");
    for (int i = 0; i < forwardTypes.size(); i++) {
      params.add(simple(forwardTypes.get(i)) + " " + forwardNames.get(i));
    }
    if (withResult) {
      params.add("Tensor result");
    }
    String returned = tensorCount(forwardTypes) == 1 ? "Tensor" : "Tensor[]";
    return "public " + returned + " backward" + params;
  }

  /** Whether a backward of {@code backwardArity} parameters reads forward's saved result. */
  public static boolean takesResult(int forwardArity, int backwardArity) {
    return backwardArity == forwardArity + 2;
  }

  private static String typeList(List<String> types) {
    StringJoiner out = new StringJoiner(", ", "(", ")");
    types.forEach(t -> out.add(simple(t)));
    return out.toString();
  }

  private static String simple(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }
}
