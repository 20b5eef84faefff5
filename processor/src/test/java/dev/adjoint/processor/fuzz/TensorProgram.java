package dev.adjoint.processor.fuzz;

import java.util.List;

/**
 * A random tensor program as data: float64 inputs {@code x0 … } that require grad, constant tensors
 * {@code c0 … } ({@code @NoDerivative}: boolean masks made by a comparison, integer indices), and
 * statements that bind tensor locals {@code v0 … }; the method returns the sum of every local's
 * sum, each scaled by a constant, so that each local reaches the result. {@link
 * TensorProgramSource} writes it as Java; {@link TorchInterpreter} runs it on libtorch.
 *
 * @param inputs the inputs' shapes
 * @param constants the constant tensors, in parameter order
 * @param body the statements, in order
 */
record TensorProgram(List<int[]> inputs, List<Constant> constants, List<Stmt> body) {

  /** A {@code @NoDerivative} tensor parameter. */
  sealed interface Constant {
    int[] shape();
  }

  /**
   * The mask {@code values.<relation>(threshold)}, computed by each engine's own comparison from
   * the same float64 values (drawn from a few levels, so that equality and ties happen).
   */
  record Mask(int[] shape, double[] values, Relation relation, double threshold)
      implements Constant {}

  /** An int64 index tensor, each value within the dimension it indexes. */
  record Index(int[] shape, long[] values) implements Constant {}

  /** The comparisons, by their method name on both engines. */
  enum Relation {
    GT,
    LT,
    GE,
    LE,
    EQ;

    String method() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A tensor expression; {@link #shape} is what it evaluates to (PyTorch's rules). */
  sealed interface Expr {
    int[] shape();
  }

  /** Input {@code x<index>}. */
  record Input(int index, int[] shape) implements Expr {}

  /** Local {@code v<index>}. */
  record Local(int index, int[] shape) implements Expr {}

  /** An elementwise function of one operand. */
  record Apply(UnaryOp op, Expr operand) implements Expr {
    public int[] shape() {
      return operand.shape();
    }
  }

  /** {@code operand.<op>(constant)}. */
  record Scalar(ScalarOp op, double constant, Expr operand) implements Expr {
    public int[] shape() {
      return operand.shape();
    }
  }

  /** A broadcasting binary operation. */
  record Binary(BinaryOp op, Expr left, Expr right, int[] shape) implements Expr {}

  /** {@code sum/mean/max} over one dimension (dropped), which may be negative. */
  record Reduce(String op, Expr operand, int dim, int[] shape) implements Expr {}

  /** {@code sum()/mean()/max()} over every element: a scalar. */
  record ReduceAll(String op, Expr operand) implements Expr {
    public int[] shape() {
      return new int[0];
    }
  }

  /** {@code softmax(dim)} or {@code logSoftmax(dim)}. */
  record Softmax(boolean log, Expr operand, int dim) implements Expr {
    public int[] shape() {
      return operand.shape();
    }
  }

  record MatMul(Expr left, Expr right, int[] shape) implements Expr {}

  record Transpose(Expr operand, int d0, int d1, int[] shape) implements Expr {}

  record Permute(Expr operand, int[] order, int[] shape) implements Expr {}

  record Reshape(Expr operand, int[] shape) implements Expr {}

  /** {@code flatten()}: every element in one dimension. */
  record Flatten(Expr operand, int[] shape) implements Expr {}

  record Expand(Expr operand, int[] shape) implements Expr {}

  record Unsqueeze(Expr operand, int dim, int[] shape) implements Expr {}

  /** {@code squeeze(dim)} of a dimension of size one. */
  record Squeeze(Expr operand, int dim, int[] shape) implements Expr {}

  record Narrow(Expr operand, int dim, int start, int length, int[] shape) implements Expr {}

  /** {@code select(dim, index)}; the index may be negative. */
  record Select(Expr operand, int dim, int index, int[] shape) implements Expr {}

  /** {@code Tensor.where(c<mask>, a, b)}; the three broadcast together. */
  record Where(int mask, Expr whenTrue, Expr whenFalse, int[] shape) implements Expr {}

  /** {@code operand.maskedFill(c<mask>, value)}; the mask broadcasts to the operand. */
  record MaskedFill(Expr operand, int mask, double value) implements Expr {
    public int[] shape() {
      return operand.shape();
    }
  }

  /** {@code operand.indexSelect(dim, c<index>)}, a one-dimensional index. */
  record IndexSelect(Expr operand, int dim, int index, int[] shape) implements Expr {}

  /** {@code operand.gather(dim, c<index>)}: the result has the index's shape. */
  record Gather(Expr operand, int dim, int index, int[] shape) implements Expr {}

  /** The elementwise functions, each on a domain where it is defined for any real operand. */
  enum UnaryOp {
    EXP("%s.tanh().exp()"),
    EXPM1("%s.tanh().expm1()"),
    SIN("%s.sin()"),
    COS("%s.cos()"),
    TANH("%s.tanh()"),
    SIGMOID("%s.sigmoid()"),
    SOFTPLUS("%s.softplus()"),
    RELU("%s.relu()"),
    ABS("%s.abs()"),
    CLAMP("%s.clamp(-0.5, 0.5)"),
    NEG("%s.neg()"),
    SQUARE("%s.pow(2)"),
    CUBE("%s.pow(3)"),
    LOG("%s.mul(%s).add(1).log()"),
    SQRT("%s.mul(%s).add(1).sqrt()"),
    LOG1P("%s.abs().log1p()"),
    CONTIGUOUS("%s.contiguous()");

    /** The Java expression, {@code %s} the operand (a side-effect-free expression). */
    final String template;

    UnaryOp(String template) {
      this.template = template;
    }
  }

  /** An operation with a number; {@code DIV}'s constant is never near zero. */
  enum ScalarOp {
    MUL,
    ADD,
    SUB,
    RSUB,
    DIV;

    String method() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  enum BinaryOp {
    ADD,
    SUB,
    MUL,
    /** {@code a.div(b.mul(b).add(1))}: a quotient away from zero. */
    DIV,
    /** {@code a.mul(a).add(1).pow(b.tanh())}: a positive base, a bounded exponent. */
    POW,
    MAXIMUM,
    MINIMUM
  }

  sealed interface Stmt {}

  /** {@code Tensor v<local> = value;} */
  record Let(int local, Expr value) implements Stmt {}

  /** {@code Tensor v<local>; if (v<test>.sum().item() > threshold) v = a; else v = b;} */
  record Branch(int local, int test, double threshold, Expr whenTrue, Expr whenFalse)
      implements Stmt {}

  /** {@code Tensor v<local> = init; for (i < times) v = step;} where step reads {@code v}. */
  record Loop(int local, Expr init, int times, Expr step) implements Stmt {}

  /**
   * The weight of statement {@code i}'s local in the result: about {@code 1/(i+1)}, with three
   * decimals, so that its Java literal is the same double.
   */
  static double weight(int i) {
    return Math.round(1000.0 / (i + 1)) / 1000.0;
  }

  static int local(Stmt s) {
    return switch (s) {
      case Let l -> l.local();
      case Branch b -> b.local();
      case Loop l -> l.local();
    };
  }
}
