package dev.adjoint.processor.parse;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Value;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Which method a call calls, from the IR types of its arguments, as javac would choose it. */
final class Overloads {
  private final Elements elements;

  Overloads(Elements elements) {
    this.elements = elements;
  }

  /** The method {@code name} of {@code type} (declared or inherited) that {@code args} select. */
  ExecutableElement choose(TypeElement type, String name, List<Value> args, Tree where) {
    List<ExecutableElement> candidates =
        ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
            .filter(m -> m.getSimpleName().contentEquals(name))
            .filter(m -> m.getParameters().size() == args.size())
            .toList();
    List<ExecutableElement> applicable = candidates.stream().filter(m -> accepts(m, args)).toList();
    if (applicable.isEmpty()) {
      // javac's third phase (JLS 15.12.2.4): a variable-arity method, its trailing arguments
      // packed into an array (see isVarargsCall)
      applicable =
          ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
              .filter(m -> m.getSimpleName().contentEquals(name) && acceptsAsVarargs(m, args))
              .toList();
    }
    if (applicable.size() > 1) {
      // prefer the one taking exactly the argument types
      List<ExecutableElement> exact =
          applicable.stream().filter(m -> acceptsExactly(m, args)).toList();
      if (exact.size() == 1) {
        return exact.get(0);
      }
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          where,
          "cannot tell which overload of "
              + name
              + " is called;"
              + " cast the arguments to the parameter types");
    }
    if (applicable.isEmpty()) {
      boolean varargs =
          ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
              .anyMatch(m -> m.getSimpleName().contentEquals(name) && m.isVarArgs());
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          where,
          "no method "
              + name
              + " taking "
              + args.size()
              + " primitive argument(s) in "
              + type.getQualifiedName()
              + (varargs
                  ? ", nor a varargs "
                      + name
                      + " whose elements take them (a varargs parameter must be a"
                      + " one-dimensional array of double, float, int, long or boolean); pass"
                      + " the arguments' types it declares"
                  : ""));
    }
    return applicable.get(0);
  }

  /**
   * Whether the call of {@code m} with {@code args} passes its variable arity as separate
   * arguments, which the caller packs into an array, as javac does.
   */
  static boolean isVarargsCall(ExecutableElement m, List<Value> args) {
    if (!m.isVarArgs()) {
      return false;
    }
    int fixed = m.getParameters().size() - 1;
    return args.size() != fixed + 1
        || Types2Ir.of(m.getParameters().get(fixed).asType()).orElse(null)
            != args.get(fixed).type();
  }

  private static boolean acceptsAsVarargs(ExecutableElement m, List<Value> args) {
    int fixed = m.getParameters().size() - 1;
    if (!m.isVarArgs() || args.size() < fixed) {
      return false;
    }
    Optional<IrType> array = Types2Ir.of(m.getParameters().get(fixed).asType());
    if (array.isEmpty() || !array.get().isArray() || array.get().elementType().isArray()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      IrType p = i < fixed ? Types2Ir.of(m.getParameters().get(i).asType()).orElse(null) : null;
      IrType wanted = i < fixed ? p : array.get().elementType();
      if (wanted == null || !wanted.acceptsWithoutCast(args.get(i).type())) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code type} has a method {@code name}, declared or inherited. */
  boolean hasMethod(TypeElement type, String name) {
    return ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
        .anyMatch(m -> m.getSimpleName().contentEquals(name));
  }

  private static boolean accepts(ExecutableElement m, List<Value> args) {
    for (int i = 0; i < args.size(); i++) {
      TypeMirror declared = m.getParameters().get(i).asType();
      if (args.get(i).type() == IrType.OBJECT) {
        // a record or object parameter passed on (overloads on two such classes are ambiguous)
        if (ObjectParameters.constantClass(declared).isEmpty()) {
          return false;
        }
        continue;
      }
      Optional<IrType> p = Types2Ir.of(declared);
      if (p.isEmpty() || !p.get().acceptsWithoutCast(args.get(i).type())) {
        return false;
      }
    }
    return true;
  }

  private static boolean acceptsExactly(ExecutableElement m, List<Value> args) {
    for (int i = 0; i < args.size(); i++) {
      if (Types2Ir.of(m.getParameters().get(i).asType()).orElse(null) != args.get(i).type()) {
        return false;
      }
    }
    return true;
  }
}
