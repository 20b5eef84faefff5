package dev.adjoint.processor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the jumps of the code being lowered go. The IR has no jumps: {@code break} sets the {@code
 * exit} flag of the loop (or switch) it leaves and of every loop inside it, {@code continue} sets
 * {@code cont}, a {@code return} inside a branch or loop sets the function's {@code result} and
 * {@code returned}; the statements after a jump run only while no flag is set.
 *
 * @param targets the loops and switches around the code, innermost first
 * @param returns the function's return flags, when it returns from inside branches or loops
 */
record Control(List<Target> targets, Optional<ReturnFlags> returns) {
  static final Control NONE = new Control(List.of(), Optional.empty());

  Control {
    targets = List.copyOf(targets);
  }

  /**
   * A loop or switch jumps may leave.
   *
   * @param label its label, or null
   * @param exit the flag a break (or a return) out of it sets; null where nothing leaves it
   * @param cont the flag a continue of it sets; null where nothing continues it (and for a switch)
   * @param isSwitch a switch: {@code break} leaves it, {@code continue} goes to the enclosing loop
   * @param pinned the source variables the loop pins to one IR variable each (assigned in it, their
   *     values flow around the back edge)
   */
  record Target(
      String label,
      Scope.Binding exit,
      Scope.Binding cont,
      boolean isSwitch,
      Set<Scope.Binding> pinned) {
    Target {
      pinned = Set.copyOf(pinned);
    }
  }

  /** The flags of a function that returns from inside branches or loops. */
  record ReturnFlags(Scope.Binding result, Scope.Binding returned) {}

  /** The control inside {@code target}. */
  Control inside(Target target) {
    List<Target> more = new ArrayList<>();
    more.add(target);
    more.addAll(targets);
    return new Control(more, returns);
  }

  Control withReturns(ReturnFlags flags) {
    return new Control(targets, Optional.of(flags));
  }

  Optional<Target> innermost() {
    return targets.isEmpty() ? Optional.empty() : Optional.of(targets.get(0));
  }

  /** Whether an enclosing loop pins {@code binding} to one IR variable. */
  boolean isPinned(Scope.Binding binding) {
    return targets.stream().anyMatch(t -> t.pinned().contains(binding));
  }
}
