package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hands out the IR's variable names, unique in one function: every name the source uses is reserved
 * up front, so a generated temporary never takes a user's variable's name, while a source variable
 * keeps its own name for its first definition.
 *
 * <p>Each name is handed out for a {@link Request}, and the supply remembers the requests in order
 * ({@link #allocations}). Asking another supply for the same requests, in the same order, names the
 * same variables afresh there: that is how a callee's body lowered once gets its names at each call
 * it is written at, numbered as the caller's own code would be.
 */
public final class Names {
  /** What a name was asked for. */
  public sealed interface Request permits Temporary, SourceVariable, Fresh {}

  /** A temporary, {@code t1}, {@code t2}, ... */
  public record Temporary() implements Request {}

  /** A definition of the source variable {@code sourceName}: itself, then {@code sourceName_1}. */
  public record SourceVariable(String sourceName) implements Request {}

  /** {@code base} if free, else {@code base_1}, ...: generated flags, results, field leaves. */
  public record Fresh(String base) implements Request {}

  /** One name handed out, and what it was asked for. */
  public record Allocation(Request request, String name) {}

  private final Set<String> reserved = new HashSet<>();
  // names the generated code writes as they are (the receiver, the tensor algebra, ...)
  private final Set<String> fixed = new HashSet<>();
  private final Set<String> claimed = new HashSet<>();
  private final List<Allocation> allocations = new ArrayList<>();
  private int temporaries;

  /**
   * An independent supply with this one's state: what either hands out later, the other may too.
   */
  public Names copy() {
    Names copy = new Names();
    copy.reserved.addAll(reserved);
    copy.fixed.addAll(fixed);
    copy.claimed.addAll(claimed);
    copy.allocations.addAll(allocations);
    copy.temporaries = temporaries;
    return copy;
  }

  /**
   * The name of the value component of a method's result record, whose other components are named
   * after the method's parameters: {@code value}, unless a parameter has that name; then {@code
   * primal}, {@code primal_1}, ..., the first no parameter has.
   */
  public static String valueComponent(java.util.Collection<String> parameterNames) {
    if (!parameterNames.contains("value")) {
      return "value";
    }
    String name = "primal";
    for (int i = 1; parameterNames.contains(name); i++) {
      name = "primal_" + i;
    }
    return name;
  }

  /** Marks {@code name} as used by the source. */
  public void reserve(String name) {
    reserved.add(name);
  }

  /**
   * Marks {@code name} as one the generated code writes itself, as it is ({@code self}, the
   * receiver; {@code tensors}, the tensor algebra): no name handed out is {@code name}, not even a
   * source variable's, which is then renamed ({@code self_1}) in the generated code.
   */
  public void fix(String name) {
    reserved.add(name);
    fixed.add(name);
  }

  /** Every name handed out so far, in order, with its request. */
  public List<Allocation> allocations() {
    return List.copyOf(allocations);
  }

  /** A name for {@code request}. */
  public String allocate(Request request) {
    return switch (request) {
      case Temporary t -> temporary();
      case SourceVariable s -> forSourceVariable(s.sourceName());
      case Fresh f -> fresh(f.base());
    };
  }

  /**
   * A name for a definition of the source variable {@code sourceName}: the name itself the first
   * time (unless the generated code {@link #fix fixes} it), then {@code sourceName_1}, {@code
   * sourceName_2}, ...
   */
  public String forSourceVariable(String sourceName) {
    String name =
        !fixed.contains(sourceName) && claimed.add(sourceName) ? sourceName : suffixed(sourceName);
    return logged(new SourceVariable(sourceName), name);
  }

  /** {@code base} if nobody uses it, else {@code base_1}, {@code base_2}, ... */
  public String fresh(String base) {
    String name = !reserved.contains(base) && claimed.add(base) ? base : suffixed(base);
    return logged(new Fresh(base), name);
  }

  /**
   * The name a tensor read from {@code field} prefers: the fields and the accessor in camel case,
   * {@code firstLeftWeight} for {@code self.first.left.weight()}, so that two sub-models' leaves
   * read apart; free as {@link #fresh} makes it.
   */
  public String forField(FieldRef field) {
    StringBuilder name = new StringBuilder();
    field.fields().forEach(part -> appendCamel(name, part));
    field.accessor().ifPresent(part -> appendCamel(name, part));
    return fresh(name.toString());
  }

  /** The next free temporary name: {@code t1}, {@code t2}, ... */
  public String temporary() {
    while (true) {
      String candidate = "t" + ++temporaries;
      if (!reserved.contains(candidate) && claimed.add(candidate)) {
        return logged(new Temporary(), candidate);
      }
    }
  }

  private String suffixed(String base) {
    for (int i = 1; ; i++) {
      String candidate = base + "_" + i;
      if (!reserved.contains(candidate) && claimed.add(candidate)) {
        return candidate;
      }
    }
  }

  private String logged(Request request, String name) {
    allocations.add(new Allocation(request, name));
    return name;
  }

  private static void appendCamel(StringBuilder name, String part) {
    if (name.isEmpty() || part.isEmpty()) {
      name.append(part);
    } else {
      name.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
    }
  }
}
