package dev.adjoint.processor.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A random tensor program as data: float64 inputs {@code x0 … } that require grad, boolean masks
 * {@code m0 … } ({@code @NoDerivative}), and statements that bind tensor locals {@code v0 … }; the
 * method returns the sum of every local's sum, each scaled by a constant, so that each local
 * reaches the result. {@link #source} writes it as Java; {@link TorchInterpreter} runs the same
 * value on libtorch.
 *
 * @param inputs the inputs' shapes
 * @param masks the masks' shapes
 * @param body the statements, in order
 */
record TensorProgram(List<int[]> inputs, List<int[]> masks, List<Stmt> body) {

  /** A tensor expression; {@link #shape} is what it evaluates to (PyTorch's rules). */
  sealed interface Expr {
    int[] shape();
  }

  /** Input {@code x<index>}. */
  record Input(int index, int[] shape) implements Expr {}

  /** Local {@code v<index>}. */
  record Local(int index, int[] shape) implements Expr {}

  /** An elementwise function of one operand; {@code op} is a {@link Unary} name. */
  record Apply(UnaryOp op, Expr operand) implements Expr {
    public int[] shape() {
      return operand.shape();
    }
  }

  /** {@code operand.mul(c)} or {@code operand.add(c)}. */
  record Scalar(boolean multiply, double constant, Expr operand) implements Expr {
    public int[] shape() {
      return operand.shape();
    }
  }

  /** A broadcasting binary operation. */
  record Binary(BinaryOp op, Expr left, Expr right, int[] shape) implements Expr {}

  /** {@code sum/mean/max} over one dimension (dropped). */
  record Reduce(String op, Expr operand, int dim, int[] shape) implements Expr {}

  /** {@code softmax(dim)} or {@code logSoftmax(dim)}. */
  record Softmax(boolean log, Expr operand, int dim) implements Expr {
    public int[] shape() {
      return operand.shape();
    }
  }

  record MatMul(Expr left, Expr right, int[] shape) implements Expr {}

  record Transpose(Expr operand, int d0, int d1, int[] shape) implements Expr {}

  record Reshape(Expr operand, int[] shape) implements Expr {}

  record Expand(Expr operand, int[] shape) implements Expr {}

  record Unsqueeze(Expr operand, int dim, int[] shape) implements Expr {}

  record Narrow(Expr operand, int dim, int start, int length, int[] shape) implements Expr {}

  /** {@code select(dim, index)}; the index may be negative. */
  record Select(Expr operand, int dim, int index, int[] shape) implements Expr {}

  /** {@code Tensor.where(m<mask>, a, b)}, all three of one shape. */
  record Where(int mask, Expr whenTrue, Expr whenFalse) implements Expr {
    public int[] shape() {
      return whenTrue.shape();
    }
  }

  /** The elementwise functions, each on a domain where it is smooth for any real operand. */
  enum UnaryOp {
    EXP("%s.tanh().exp()"),
    SIN("%s.sin()"),
    COS("%s.cos()"),
    TANH("%s.tanh()"),
    SIGMOID("%s.sigmoid()"),
    SOFTPLUS("%s.softplus()"),
    NEG("%s.neg()"),
    SQUARE("%s.pow(2)"),
    LOG("%s.mul(%s).add(1).log()"),
    SQRT("%s.mul(%s).add(1).sqrt()"),
    LOG1P("%s.abs().log1p()");

    /** The Java expression, {@code %s} the operand (a side-effect-free expression). */
    final String template;

    UnaryOp(String template) {
      this.template = template;
    }
  }

  enum BinaryOp {
    ADD,
    SUB,
    MUL,
    /** {@code a.div(b.mul(b).add(1))}: a quotient away from zero. */
    DIV
  }

  sealed interface Stmt {}

  /** {@code Tensor v<local> = value;} */
  record Let(int local, Expr value) implements Stmt {}

  /** {@code Tensor v<local>; if (v<test>.sum().item() > threshold) v = a; else v = b;} */
  record Branch(int local, int test, double threshold, Expr whenTrue, Expr whenFalse)
      implements Stmt {}

  /** {@code Tensor v<local> = init; for (i < times) v = step;} where step reads {@code v}. */
  record Loop(int local, Expr init, int times, Expr step) implements Stmt {}

  /** The class {@code fuzz.<name>} holding the {@code @Differentiable} method {@code f}. */
  String source(String name) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(ProgramRenderer.PACKAGE).append(";\n\n");
    out.append("import dev.adjoint.annotations.Differentiable;\n");
    out.append("import dev.adjoint.annotations.NoDerivative;\n");
    out.append("import dev.adjoint.runtime.tensor.Tensor;\n\n");
    out.append("public final class ").append(name).append(" {\n");
    out.append(method());
    out.append("}\n");
    return out.toString();
  }

  /** The method alone, as a failure prints it. */
  String method() {
    StringJoiner params = new StringJoiner(", ");
    for (int i = 0; i < inputs.size(); i++) {
      params.add("Tensor x" + i);
    }
    for (int i = 0; i < masks.size(); i++) {
      params.add("@NoDerivative Tensor m" + i);
    }
    StringBuilder out = new StringBuilder();
    out.append("  // inputs ");
    for (int[] s : inputs) {
      out.append(Arrays.toString(s));
    }
    out.append(", masks ");
    for (int[] s : masks) {
      out.append(Arrays.toString(s));
    }
    out.append("\n  @Differentiable\n  public static Tensor f(").append(params).append(") {\n");
    StringBuilder result = new StringBuilder();
    for (Stmt s : body) {
      switch (s) {
        case Let let ->
            out.append("    Tensor v")
                .append(let.local())
                .append(" = ")
                .append(java(let.value()))
                .append(";\n");
        case Branch b -> {
          out.append("    Tensor v").append(b.local()).append(";\n");
          out.append("    if (v")
              .append(b.test())
              .append(".sum().item() > ")
              .append(number(b.threshold()))
              .append(") {\n      v")
              .append(b.local())
              .append(" = ")
              .append(java(b.whenTrue()))
              .append(";\n    } else {\n      v")
              .append(b.local())
              .append(" = ")
              .append(java(b.whenFalse()))
              .append(";\n    }\n");
        }
        case Loop l -> {
          out.append("    Tensor v").append(l.local()).append(" = ").append(java(l.init()));
          out.append(";\n    for (int i = 0; i < ").append(l.times()).append("; i++) {\n");
          out.append("      v").append(l.local()).append(" = ").append(java(l.step()));
          out.append(";\n    }\n");
        }
      }
    }
    for (int i = 0; i < body.size(); i++) {
      String term = "v" + local(body.get(i)) + ".sum().mul(" + number(weight(i)) + ")";
      result.append(i == 0 ? term : ".add(" + term + ")");
    }
    out.append("    return ").append(result).append(";\n  }\n");
    return out.toString();
  }

  /** The weight of statement {@code i}'s local in the result. */
  static double weight(int i) {
    return 1.0 / (i + 1);
  }

  static int local(Stmt s) {
    return switch (s) {
      case Let l -> l.local();
      case Branch b -> b.local();
      case Loop l -> l.local();
    };
  }

  static String java(Expr e) {
    return switch (e) {
      case Input in -> "x" + in.index();
      case Local l -> "v" + l.index();
      case Apply a -> a.op().template.replace("%s", java(a.operand()));
      case Scalar s ->
          java(s.operand()) + (s.multiply() ? ".mul(" : ".add(") + number(s.constant()) + ")";
      case Binary b ->
          switch (b.op()) {
            case ADD -> java(b.left()) + ".add(" + java(b.right()) + ")";
            case SUB -> java(b.left()) + ".sub(" + java(b.right()) + ")";
            case MUL -> java(b.left()) + ".mul(" + java(b.right()) + ")";
            case DIV -> {
              String r = java(b.right());
              yield java(b.left()) + ".div(" + r + ".mul(" + r + ").add(1))";
            }
          };
      case Reduce r -> java(r.operand()) + "." + r.op() + "(" + r.dim() + ")";
      case Softmax s ->
          java(s.operand()) + (s.log() ? ".logSoftmax(" : ".softmax(") + s.dim() + ")";
      case MatMul m -> java(m.left()) + ".matmul(" + java(m.right()) + ")";
      case Transpose t -> java(t.operand()) + ".transpose(" + t.d0() + ", " + t.d1() + ")";
      case Reshape r -> java(r.operand()) + ".reshape(" + ints(r.shape()) + ")";
      case Expand x -> java(x.operand()) + ".expand(" + ints(x.shape()) + ")";
      case Unsqueeze u -> java(u.operand()) + ".unsqueeze(" + u.dim() + ")";
      case Narrow n ->
          java(n.operand())
              + ".narrow("
              + n.dim()
              + ", "
              + n.start()
              + ", "
              + n.length()
              + ")";
      case Select s -> java(s.operand()) + ".select(" + s.dim() + ", " + s.index() + ")";
      case Where w ->
          "Tensor.where(m" + w.mask() + ", " + java(w.whenTrue()) + ", " + java(w.whenFalse()) + ")";
    };
  }

  private static String ints(int[] values) {
    StringJoiner j = new StringJoiner(", ");
    for (int v : values) {
      j.add(Integer.toString(v));
    }
    return j.toString();
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
