package dev.adjoint.processor.clean;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.LocalCall;
import dev.adjoint.processor.expr.Name;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.expr.Parenthesized;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.CountedFor;
import dev.adjoint.processor.stmt.Declare;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.ExprStmt;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Throw;
import dev.adjoint.processor.stmt.Update;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the statements the clean-up tests build (double locals, int loop counters, arithmetic,
 * {@code if}, counted loops, {@code sink(x)} calls, {@code throw}) with Java's scoping: reading or
 * assigning a local outside its declaring block, or declaring one twice, fails, as javac would
 * refuse it. The result is the values passed to {@code sink}, in order: what a cleaned body must
 * reproduce.
 */
final class StatementInterpreter {
  private final Deque<Map<String, Double>> scopes = new ArrayDeque<>();
  private final List<Double> sunk = new ArrayList<>();

  private StatementInterpreter(Map<String, Double> parameters) {
    scopes.push(new HashMap<>(parameters));
  }

  /**
   * The values {@code body} sinks, run with {@code parameters}; a {@code throw} ends the run, and
   * the list then ends with {@link #THROWN}.
   */
  static List<Double> run(List<Stmt> body, Map<String, Double> parameters) {
    StatementInterpreter interpreter = new StatementInterpreter(parameters);
    try {
      interpreter.block(body);
    } catch (Thrown thrown) {
      interpreter.sunk.add(THROWN);
    }
    return interpreter.sunk;
  }

  /** What the sunk values end with when the body threw (a value no sink computes here). */
  static final double THROWN = -1234.5;

  /** A {@code throw} reached: it unwinds the interpreter as it unwinds the method. */
  private static final class Thrown extends RuntimeException {
    Thrown() {
      super(null, null, false, false);
    }
  }

  private void block(List<Stmt> statements) {
    scopes.push(new HashMap<>());
    statements.forEach(this::statement);
    scopes.pop();
  }

  private void statement(Stmt s) {
    switch (s) {
      case Define d -> {
        if (visible(d.name()) != null) {
          throw new IllegalStateException(d.name() + " is already declared");
        }
        scopes.peek().put(d.name(), value(d.value()));
      }
      case Declare d -> {
        if (visible(d.name()) != null) {
          throw new IllegalStateException(d.name() + " is already declared");
        }
        scopes.peek().put(d.name(), null); // unassigned: javac refuses a read before a write
      }
      case Assign a -> set(name(a.target()), value(a.value()));
      case Update u -> {
        String name = name(u.target());
        double old = get(name);
        double c = value(u.value());
        set(name, u.subtracts() ? old - c : old + c);
      }
      case ExprStmt e -> {
        LocalCall sink = (LocalCall) e.expression(); // sink(x)
        sunk.add(value(sink.arguments().getFirst()));
      }
      case If i -> block(value(i.condition()) != 0 ? i.thenBody() : i.elseBody());
      case Throw t -> throw new Thrown();
      case CountedFor f -> {
        int bound = (int) value(f.bound());
        for (int k = 0; k < bound; k++) {
          scopes.push(new HashMap<>(Map.of(f.counter(), (double) k)));
          block(f.body());
          scopes.pop();
        }
      }
      default -> throw new IllegalArgumentException("not interpreted: " + s);
    }
  }

  /** The value of {@code e}; a comparison is 1 or 0. */
  private double value(JavaExpr e) {
    if (e.constant().isPresent()) {
      return e.constant().getAsDouble();
    }
    return switch (e) {
      case Name n -> get(n.identifier());
      case Negation n -> -value(n.operand());
      case Parenthesized p -> value(p.inner());
      case Binary b -> {
        double x = value(b.left());
        double y = value(b.right());
        yield switch (b.operator()) {
          case "+" -> x + y;
          case "-" -> x - y;
          case "*" -> x * y;
          case "/" -> x / y;
          case ">" -> x > y ? 1 : 0;
          default -> throw new IllegalArgumentException("operator " + b.operator());
        };
      }
      default -> throw new IllegalArgumentException("not interpreted: " + e);
    };
  }

  private static String name(JavaExpr target) {
    return ((Name) target).identifier();
  }

  private Map<String, Double> visible(String name) {
    for (Map<String, Double> scope : scopes) {
      if (scope.containsKey(name)) {
        return scope;
      }
    }
    return null;
  }

  private double get(String name) {
    Map<String, Double> scope = visible(name);
    if (scope == null) {
      throw new IllegalStateException(name + " is read where it is not declared");
    }
    Double value = scope.get(name);
    if (value == null) {
      throw new IllegalStateException(name + " is read before it is assigned");
    }
    return value;
  }

  private void set(String name, double value) {
    Map<String, Double> scope = visible(name);
    if (scope == null) {
      throw new IllegalStateException(name + " is assigned where it is not declared");
    }
    scope.put(name, value);
  }
}
