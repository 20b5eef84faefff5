package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.TensorProgram.Apply;
import dev.adjoint.processor.fuzz.TensorProgram.Binary;
import dev.adjoint.processor.fuzz.TensorProgram.Branch;
import dev.adjoint.processor.fuzz.TensorProgram.Constant;
import dev.adjoint.processor.fuzz.TensorProgram.Expand;
import dev.adjoint.processor.fuzz.TensorProgram.Expr;
import dev.adjoint.processor.fuzz.TensorProgram.Flatten;
import dev.adjoint.processor.fuzz.TensorProgram.Gather;
import dev.adjoint.processor.fuzz.TensorProgram.IndexSelect;
import dev.adjoint.processor.fuzz.TensorProgram.Input;
import dev.adjoint.processor.fuzz.TensorProgram.Let;
import dev.adjoint.processor.fuzz.TensorProgram.Local;
import dev.adjoint.processor.fuzz.TensorProgram.Loop;
import dev.adjoint.processor.fuzz.TensorProgram.Mask;
import dev.adjoint.processor.fuzz.TensorProgram.MaskedFill;
import dev.adjoint.processor.fuzz.TensorProgram.MatMul;
import dev.adjoint.processor.fuzz.TensorProgram.Narrow;
import dev.adjoint.processor.fuzz.TensorProgram.Permute;
import dev.adjoint.processor.fuzz.TensorProgram.Reduce;
import dev.adjoint.processor.fuzz.TensorProgram.ReduceAll;
import dev.adjoint.processor.fuzz.TensorProgram.Reshape;
import dev.adjoint.processor.fuzz.TensorProgram.Scalar;
import dev.adjoint.processor.fuzz.TensorProgram.Select;
import dev.adjoint.processor.fuzz.TensorProgram.Softmax;
import dev.adjoint.processor.fuzz.TensorProgram.Squeeze;
import dev.adjoint.processor.fuzz.TensorProgram.Stmt;
import dev.adjoint.processor.fuzz.TensorProgram.Transpose;
import dev.adjoint.processor.fuzz.TensorProgram.Unsqueeze;
import dev.adjoint.processor.fuzz.TensorProgram.Where;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/** Writes a {@link TensorProgram} as the Java class the processor compiles. */
final class TensorProgramSource {
  private TensorProgramSource() {}

  /** The class {@code fuzz.<name>} holding the {@code @Differentiable} method {@code f}. */
  static String classSource(String name, TensorProgram program) {
    return "package "
        + ProgramRenderer.PACKAGE
        + ";\n\n"
        + "import dev.adjoint.annotations.Differentiable;\n"
        + "import dev.adjoint.annotations.NoDerivative;\n"
        + "import dev.adjoint.runtime.tensor.Tensor;\n\n"
        + "public final class "
        + name
        + " {\n"
        + method(program)
        + "}\n";
  }

  /** The method alone, as a failure prints it, after a comment giving the constants. */
  static String method(TensorProgram program) {
    StringJoiner params = new StringJoiner(", ");
    for (int i = 0; i < program.inputs().size(); i++) {
      params.add("Tensor x" + i);
    }
    for (int i = 0; i < program.constants().size(); i++) {
      params.add("@NoDerivative Tensor c" + i);
    }
    StringBuilder out = new StringBuilder();
    out.append("  // inputs");
    for (int[] s : program.inputs()) {
      out.append(' ').append(Arrays.toString(s));
    }
    out.append('\n');
    for (int i = 0; i < program.constants().size(); i++) {
      out.append("  // c").append(i).append(" = ").append(describe(program.constants().get(i)));
      out.append('\n');
    }
    out.append("  @Differentiable\n  public static Tensor f(").append(params).append(") {\n");
    for (Stmt s : program.body()) {
      switch (s) {
        case Let let -> line(out, "    Tensor v" + let.local() + " = " + java(let.value()));
        case Branch b -> {
          out.append("    Tensor v").append(b.local()).append(";\n");
          out.append("    if (v").append(b.test()).append(".sum().item() > ");
          out.append(number(b.threshold())).append(") {\n");
          line(out, "      v" + b.local() + " = " + java(b.whenTrue()));
          out.append("    } else {\n");
          line(out, "      v" + b.local() + " = " + java(b.whenFalse()));
          out.append("    }\n");
        }
        case Loop l -> {
          line(out, "    Tensor v" + l.local() + " = " + java(l.init()));
          out.append("    for (int i = 0; i < ").append(l.times()).append("; i++) {\n");
          line(out, "      v" + l.local() + " = " + java(l.step()));
          out.append("    }\n");
        }
      }
    }
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < program.body().size(); i++) {
      String term =
          "v"
              + TensorProgram.local(program.body().get(i))
              + ".sum().mul("
              + number(TensorProgram.weight(i))
              + ")";
      result.append(i == 0 ? term : ".add(" + term + ")");
    }
    line(out, "    return " + result);
    return out.append("  }\n").toString();
  }

  private static void line(StringBuilder out, String statement) {
    out.append(statement).append(";\n");
  }

  private static String describe(Constant c) {
    return switch (c) {
      case Mask m ->
          "fromArray("
              + Arrays.toString(m.values())
              + ", "
              + Arrays.toString(m.shape())
              + ")."
              + m.relation().method()
              + "("
              + number(m.threshold())
              + ")";
      case TensorProgram.Index x ->
          "int64 " + Arrays.toString(x.values()) + " of shape " + Arrays.toString(x.shape());
    };
  }

  static String java(Expr e) {
    return switch (e) {
      case Input in -> "x" + in.index();
      case Local l -> "v" + l.index();
      case Apply a -> a.op().template.replace("%s", java(a.operand()));
      case Scalar s -> java(s.operand()) + "." + s.op().method() + "(" + number(s.constant()) + ")";
      case Binary b -> {
        String l = java(b.left());
        String r = java(b.right());
        yield switch (b.op()) {
          case ADD -> l + ".add(" + r + ")";
          case SUB -> l + ".sub(" + r + ")";
          case MUL -> l + ".mul(" + r + ")";
          case DIV -> l + ".div(" + r + ".mul(" + r + ").add(1))";
          case POW -> l + ".mul(" + l + ").add(1).pow(" + r + ".tanh())";
          case MAXIMUM -> l + ".maximum(" + r + ")";
          case MINIMUM -> l + ".minimum(" + r + ")";
        };
      }
      case Reduce r -> java(r.operand()) + "." + r.op() + "(" + r.dim() + ")";
      case ReduceAll r -> java(r.operand()) + "." + r.op() + "()";
      case Softmax s ->
          java(s.operand()) + (s.log() ? ".logSoftmax(" : ".softmax(") + s.dim() + ")";
      case MatMul m -> java(m.left()) + ".matmul(" + java(m.right()) + ")";
      case Transpose t -> java(t.operand()) + ".transpose(" + t.d0() + ", " + t.d1() + ")";
      case Permute p -> java(p.operand()) + ".permute(" + ints(p.order()) + ")";
      case Reshape r -> java(r.operand()) + ".reshape(" + ints(r.shape()) + ")";
      case Flatten f -> java(f.operand()) + ".flatten()";
      case Expand x -> java(x.operand()) + ".expand(" + ints(x.shape()) + ")";
      case Unsqueeze u -> java(u.operand()) + ".unsqueeze(" + u.dim() + ")";
      case Squeeze q -> java(q.operand()) + ".squeeze(" + q.dim() + ")";
      case Narrow n ->
          java(n.operand()) + ".narrow(" + ints(new int[] {n.dim(), n.start(), n.length()}) + ")";
      case Select s -> java(s.operand()) + ".select(" + s.dim() + ", " + s.index() + ")";
      case Where w ->
          "Tensor.where(c"
              + w.mask()
              + ", "
              + java(w.whenTrue())
              + ", "
              + java(w.whenFalse())
              + ")";
      case MaskedFill m ->
          java(m.operand()) + ".maskedFill(c" + m.mask() + ", " + number(m.value()) + ")";
      case IndexSelect x -> java(x.operand()) + ".indexSelect(" + x.dim() + ", c" + x.index() + ")";
      case Gather g -> java(g.operand()) + ".gather(" + g.dim() + ", c" + g.index() + ")";
    };
  }

  private static String ints(int[] values) {
    StringJoiner j = new StringJoiner(", ");
    for (int v : values) {
      j.add(Integer.toString(v));
    }
    return j.toString();
  }

  /** A constant with three decimals: the generator draws only such, so the literal is exact. */
  static String number(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
