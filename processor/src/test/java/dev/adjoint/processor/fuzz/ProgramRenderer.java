package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Program.And;
import dev.adjoint.processor.fuzz.Program.Apply;
import dev.adjoint.processor.fuzz.Program.ArrayRead;
import dev.adjoint.processor.fuzz.Program.Assign;
import dev.adjoint.processor.fuzz.Program.Binary;
import dev.adjoint.processor.fuzz.Program.Break;
import dev.adjoint.processor.fuzz.Program.Call;
import dev.adjoint.processor.fuzz.Program.Compare;
import dev.adjoint.processor.fuzz.Program.CompoundAssign;
import dev.adjoint.processor.fuzz.Program.Cond;
import dev.adjoint.processor.fuzz.Program.Conditional;
import dev.adjoint.processor.fuzz.Program.Constant;
import dev.adjoint.processor.fuzz.Program.ConstantIndex;
import dev.adjoint.processor.fuzz.Program.Continue;
import dev.adjoint.processor.fuzz.Program.Count;
import dev.adjoint.processor.fuzz.Program.CounterRead;
import dev.adjoint.processor.fuzz.Program.Expr;
import dev.adjoint.processor.fuzz.Program.If;
import dev.adjoint.processor.fuzz.Program.Index;
import dev.adjoint.processor.fuzz.Program.Loop;
import dev.adjoint.processor.fuzz.Program.LoopIndex;
import dev.adjoint.processor.fuzz.Program.LoopKind;
import dev.adjoint.processor.fuzz.Program.LoopValue;
import dev.adjoint.processor.fuzz.Program.MaxMin;
import dev.adjoint.processor.fuzz.Program.Not;
import dev.adjoint.processor.fuzz.Program.Or;
import dev.adjoint.processor.fuzz.Program.ParameterRead;
import dev.adjoint.processor.fuzz.Program.Read;
import dev.adjoint.processor.fuzz.Program.Return;
import dev.adjoint.processor.fuzz.Program.SafeDivide;
import dev.adjoint.processor.fuzz.Program.Stmt;
import dev.adjoint.processor.fuzz.Program.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Program} as a Java class: the {@code @Differentiable} method {@code f}, its
 * helper {@code h}, and {@code traced} and {@code tracedH}, the same bodies with every double
 * intermediate passed through {@link Trace#tr} and every decision through {@link Trace#br} or
 * {@link Trace#mm}, so that the test can skip points where an intermediate overflows or where a
 * neighbour decides differently.
 */
final class ProgramRenderer {
  static final String PACKAGE = "fuzz";

  /** Added to every returned value, so that it depends on everything the body computed. */
  private static final String STATE = " + u + v + w + m[0] + m[1] + m[2] + m[3] + m[4]";

  private final boolean traced;
  private final StringBuilder out = new StringBuilder();
  private final List<LoopFrame> loops = new ArrayList<>();
  private int nextLoop;

  /** An enclosing loop: its label, int counter, and element variable (for-each only). */
  private record LoopFrame(String label, String counter, String element) {}

  /** A rendered expression and whether Java types it as int. */
  private record Code(String text, boolean isInt) {}

  private ProgramRenderer(boolean traced) {
    this.traced = traced;
  }

  /** The source of class {@code fuzz.<className>}. */
  static String classSource(String className, Program program) {
    return "package "
        + PACKAGE
        + ";\n\n"
        + "import static dev.adjoint.processor.fuzz.Trace.br;\n"
        + "import static dev.adjoint.processor.fuzz.Trace.mm;\n"
        + "import static dev.adjoint.processor.fuzz.Trace.tr;\n\n"
        + "import dev.adjoint.annotations.Differentiable;\n\n"
        + "public class "
        + className
        + " {\n"
        + "  @Differentiable\n"
        + "  public static double h(double x, double y) {\n"
        + "    double s = x;\n"
        + "    for (int k = 0; k < 2; k++) {\n"
        + "      if (s > 3) break;\n"
        + "      s = s * Math.tanh(y) + Math.sin(s);\n"
        + "    }\n"
        + "    return s;\n"
        + "  }\n\n"
        + "  public static double tracedH(double x, double y) {\n"
        + "    double s = x;\n"
        + "    for (int k = 0; k < 2; k++) {\n"
        + "      if (br(s > 3)) break;\n"
        + "      s = tr(tr(s * tr(Math.tanh(y))) + tr(Math.sin(s)));\n"
        + "    }\n"
        + "    return s;\n"
        + "  }\n\n"
        + "  @Differentiable\n"
        + "  public static double f(double a, double b, double c, double[] q) {\n"
        + new ProgramRenderer(false).body(program)
        + "  }\n\n"
        + "  public static double traced(double a, double b, double c, double[] q) {\n"
        + new ProgramRenderer(true).body(program)
        + "  }\n"
        + "}\n";
  }

  /** The body of {@code f} alone, for failure messages. */
  static String methodSource(Program program) {
    return "double f(double a, double b, double c, double[] q) {\n"
        + new ProgramRenderer(false).body(program)
        + "}\n";
  }

  private String body(Program program) {
    line(2, "double u = a;");
    line(2, "double v = b;");
    line(2, "double w = c;");
    line(2, "int n = 0;");
    switch (program.arrayForm()) {
      case NEW_THEN_STORES -> {
        line(2, "double[] m = new double[q.length + 2];");
        line(2, "m[0] = a;");
        line(2, "m[1] = b * c;");
        line(2, "m[2] = q[1];");
        line(2, "m[3] = 1;");
        line(2, "m[4] = q[0] - a;");
      }
      case INITIALIZER -> line(2, "double[] m = {a, b * c, q[1], 1, q[0] - a};");
      case ALIAS -> {
        line(2, "double[] m0 = {a, b * c, q[1], 1, q[0] - a};");
        line(2, "double[] m = m0;");
      }
    }
    block(program.body(), 2);
    line(2, "return " + expr(program.result()).text() + STATE + ";");
    return out.toString();
  }

  private void block(List<Stmt> statements, int depth) {
    for (Stmt s : statements) {
      statement(s, depth);
    }
  }

  private void statement(Stmt statement, int depth) {
    switch (statement) {
      case Assign s -> {
        line(depth, local(s.local()) + " = " + expr(s.value()).text() + ";");
        traceVariable(local(s.local()), depth);
      }
      case CompoundAssign s -> {
        line(depth, local(s.local()) + " " + s.op().symbol + "= " + expr(s.value()).text() + ";");
        traceVariable(local(s.local()), depth);
      }
      case Store s -> {
        String element = "m[" + index(s.index()) + "]";
        line(depth, element + " " + (s.add() ? "+=" : "=") + " " + expr(s.value()).text() + ";");
        traceVariable(element, depth);
      }
      case Count s -> line(depth, "n++;");
      case If s -> {
        line(depth, "if (" + cond(s.condition()) + ") {");
        block(s.then(), depth + 1);
        if (s.otherwise().isEmpty()) {
          line(depth, "}");
        } else {
          line(depth, "} else {");
          block(s.otherwise(), depth + 1);
          line(depth, "}");
        }
      }
      case Loop s -> loop(s, depth);
      case Break s -> jump("break", s.condition(), s.levelsOut(), depth);
      case Continue s -> jump("continue", s.condition(), s.levelsOut(), depth);
      case Return s ->
          line(
              depth,
              "if (" + cond(s.condition()) + ") return " + expr(s.value()).text() + STATE + ";");
    }
  }

  private void traceVariable(String variable, int depth) {
    if (traced) {
      line(depth, "tr(" + variable + ");");
    }
  }

  private void loop(Loop loop, int depth) {
    int id = nextLoop++;
    String label = "L" + id;
    String counter = "i" + id;
    boolean forEach =
        loop.kind() == LoopKind.FOR_EACH_LOCAL || loop.kind() == LoopKind.FOR_EACH_PARAMETER;
    LoopFrame frame = new LoopFrame(label, counter, forEach ? "x" + id : null);
    int bound = Math.max(1, Math.min(loop.bound(), loop.kind() == LoopKind.FOR ? 4 : 3));
    if (loop.kind() != LoopKind.FOR) {
      line(depth, "int " + counter + " = 0;");
    }
    // the loop's condition is outside its own frame
    String dataCondition = cond(loop.dataCondition());
    loops.add(frame);
    switch (loop.kind()) {
      case FOR -> {
        line(
            depth,
            label
                + ": for (int "
                + counter
                + " = 0; "
                + counter
                + " < "
                + bound
                + "; "
                + counter
                + "++) {");
        block(loop.body(), depth + 1);
        line(depth, "}");
      }
      case WHILE -> {
        line(depth, label + ": while (" + counter + " < " + bound + ") {");
        line(depth + 1, counter + "++;");
        block(loop.body(), depth + 1);
        line(depth, "}");
      }
      case WHILE_DATA -> {
        line(depth, label + ": while (" + counter + " < " + bound + " && " + dataCondition + ") {");
        line(depth + 1, counter + "++;");
        block(loop.body(), depth + 1);
        line(depth, "}");
      }
      case DO_WHILE -> {
        line(depth, label + ": do {");
        line(depth + 1, counter + "++;");
        block(loop.body(), depth + 1);
        line(depth, "} while (" + counter + " < " + bound + ");");
      }
      case FOR_EACH_LOCAL, FOR_EACH_PARAMETER -> {
        String array = loop.kind() == LoopKind.FOR_EACH_LOCAL ? "m" : "q";
        line(depth, label + ": for (double " + frame.element() + " : " + array + ") {");
        block(loop.body(), depth + 1);
        line(depth + 1, counter + "++;");
        line(depth, "}");
      }
    }
    loops.remove(loops.size() - 1);
  }

  private void jump(String keyword, Cond condition, int levelsOut, int depth) {
    if (loops.isEmpty()) {
      return; // shrinking moved it out of every loop: nothing to jump out of
    }
    int target = Math.max(0, loops.size() - 1 - levelsOut);
    String label = levelsOut == 0 ? "" : " " + loops.get(target).label();
    line(depth, "if (" + cond(condition) + ") " + keyword + label + ";");
  }

  private String cond(Cond condition) {
    return switch (condition) {
      case Compare c -> {
        String text =
            expr(c.left()).text() + " " + c.comparison().symbol + " " + expr(c.right()).text();
        yield traced ? "br(" + text + ")" : text;
      }
      case And c -> "(" + cond(c.left()) + ") && (" + cond(c.right()) + ")";
      case Or c -> "(" + cond(c.left()) + ") || (" + cond(c.right()) + ")";
      case Not c -> "!(" + cond(c.operand()) + ")";
    };
  }

  private Code expr(Expr expr) {
    return switch (expr) {
      case Constant c -> new Code(literal(c.value()), false);
      case Read r -> new Code(r.scalar().name().toLowerCase(Locale.ROOT), false);
      case ArrayRead r -> new Code("m[" + index(r.index()) + "]", false);
      case ParameterRead r -> new Code("q[" + Math.floorMod(r.element(), 3) + "]", false);
      case CounterRead r -> new Code("n", true);
      case LoopValue r -> {
        if (loops.isEmpty()) {
          yield new Code("1", true);
        }
        LoopFrame frame = loops.get(Math.max(0, loops.size() - 1 - r.levelsOut()));
        yield frame.element() != null
            ? new Code(frame.element(), false)
            : new Code(frame.counter(), true);
      }
      case Binary b -> {
        Code left = expr(b.left());
        Code right = expr(b.right());
        yield traced(
            "(" + left.text() + " " + b.op().symbol + " " + right.text() + ")",
            left.isInt() && right.isInt());
      }
      case SafeDivide d -> {
        Code left = expr(d.left());
        Code right = expr(d.right());
        yield traced(
            "(" + left.text() + " / (1 + " + right.text() + " * " + right.text() + "))",
            left.isInt() && right.isInt());
      }
      case Apply a -> {
        Code argument = expr(a.argument());
        // Math.abs of an int is an int: tracing it would widen the int arithmetic around it
        yield traced(
            apply(a.function(), argument.text()),
            a.function() == Program.Function.ABS && argument.isInt());
      }
      case MaxMin m -> {
        Code left = expr(m.left());
        Code right = expr(m.right());
        boolean ints = left.isInt() && right.isInt();
        yield traced && !ints
            ? traced("mm(" + m.max() + ", " + left.text() + ", " + right.text() + ")", false)
            : traced(
                "Math." + (m.max() ? "max" : "min") + "(" + left.text() + ", " + right.text() + ")",
                ints);
      }
      case Call c ->
          // the traced copy calls the traced helper, whose decisions count too: a point where
          // the helper's branch flips between the point and its neighbours is no reference
          traced(
              (traced ? "tracedH(" : "h(") + expr(c.x()).text() + ", " + expr(c.y()).text() + ")",
              false);
      case Conditional c -> {
        Code ifTrue = expr(c.ifTrue());
        Code ifFalse = expr(c.ifFalse());
        yield traced(
            "(" + cond(c.condition()) + " ? " + ifTrue.text() + " : " + ifFalse.text() + ")",
            ifTrue.isInt() && ifFalse.isInt());
      }
    };
  }

  private static String apply(Program.Function function, String x) {
    return switch (function) {
      case SIN -> "Math.sin(" + x + ")";
      case COS -> "Math.cos(" + x + ")";
      case TANH -> "Math.tanh(" + x + ")";
      case EXP_TANH -> "Math.exp(Math.tanh(" + x + "))";
      case SQRT_SQUARE_PLUS_ONE -> "Math.sqrt(" + x + " * " + x + " + 1)";
      case LOG_ONE_PLUS_SQUARE -> "Math.log(1 + " + x + " * " + x + ")";
      case ABS -> "Math.abs(" + x + ")";
      case ATAN -> "Math.atan(" + x + ")";
    };
  }

  /** Int expressions stay untraced: widening them would change Java's int arithmetic. */
  private Code traced(String text, boolean isInt) {
    return new Code(traced && !isInt ? "tr(" + text + ")" : text, isInt);
  }

  private String index(Index index) {
    return switch (index) {
      case ConstantIndex c -> Integer.toString(Math.floorMod(c.value(), 5));
      case LoopIndex l ->
          loops.isEmpty()
              ? "0"
              : loops.get(Math.max(0, loops.size() - 1 - l.levelsOut())).counter();
    };
  }

  private static String local(Program.Local local) {
    return local.name().toLowerCase(Locale.ROOT);
  }

  private static String literal(double value) {
    String text = Double.toString(value);
    return value < 0 ? "(" + text + ")" : text;
  }

  private void line(int depth, String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
  }
}
