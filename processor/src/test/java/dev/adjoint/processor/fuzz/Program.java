package dev.adjoint.processor.fuzz;

import java.util.List;

/**
 * A random program in the subset the processor supports, as a tree, so that jqwik can shrink a
 * failing one. The method it stands for is
 *
 * <pre>{@code
 * public static double f(double a, double b, double c, double[] q)  // q has 3 elements
 * }</pre>
 *
 * with locals {@code double u = a, v = b, w = c}, an {@code int} counter {@code n} and a local
 * array {@code m} of 5 elements, made one of three ways. Loops refer to their enclosing loops by
 * how many levels out they are, so that any subtree stays a valid program wherever shrinking moves
 * it; {@link ProgramRenderer} resolves those references to names.
 */
record Program(ArrayForm arrayForm, List<Stmt> body, Expr result) {

  /** How the local array {@code m} is made. */
  enum ArrayForm {
    /** {@code new double[q.length + 2]}, then one store per element */
    NEW_THEN_STORES,
    /** {@code {a, b * c, q[1], 1, q[0] - a}} */
    INITIALIZER,
    /** an initializer into another variable, then {@code double[] m = thatArray;} */
    ALIAS
  }

  /** The scalar parameters and locals. */
  enum Scalar {
    A,
    B,
    C,
    U,
    V,
    W
  }

  /** The locals a statement may assign. */
  enum Local {
    U,
    V,
    W
  }

  enum BinaryOp {
    ADD("+"),
    SUB("-"),
    MUL("*");

    final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** Math functions, each applied in a form whose argument stays in its smooth domain. */
  enum Function {
    SIN,
    COS,
    TANH,
    /** exp(tanh(x)): bounded. */
    EXP_TANH,
    /** sqrt(x² + 1). */
    SQRT_SQUARE_PLUS_ONE,
    /** log(1 + x²). */
    LOG_ONE_PLUS_SQUARE,
    ABS,
    ATAN
  }

  enum Comparison {
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">=");

    final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }
  }

  enum LoopKind {
    /** {@code for (int i = 0; i < bound; i++)} */
    FOR,
    /** {@code while (i < bound) { i++; ... }} */
    WHILE,
    /** {@code do { i++; ... } while (i < bound);} */
    DO_WHILE,
    /** {@code while (i < bound && condition) { i++; ... }}: a data-dependent trip count */
    WHILE_DATA,
    /** {@code for (double x : m) { ...; i++; }} */
    FOR_EACH_LOCAL,
    /** {@code for (double x : q) { ...; i++; }} */
    FOR_EACH_PARAMETER
  }

  /** A double- or int-valued expression. */
  sealed interface Expr {}

  record Constant(double value) implements Expr {}

  record Read(Scalar scalar) implements Expr {}

  /** {@code m[index]} */
  record ArrayRead(Index index) implements Expr {}

  /** {@code q[element]}, element in 0..2 */
  record ParameterRead(int element) implements Expr {}

  /** The int counter {@code n}. */
  record CounterRead() implements Expr {}

  /**
   * The loop {@code levelsOut} levels out from here (0: the innermost): its element for a for-each,
   * its int counter otherwise; the constant 1 outside loops.
   */
  record LoopValue(int levelsOut) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right) implements Expr {}

  /** {@code left / (1 + right * right)} */
  record SafeDivide(Expr left, Expr right) implements Expr {}

  record Apply(Function function, Expr argument) implements Expr {}

  record MaxMin(boolean max, Expr left, Expr right) implements Expr {}

  /**
   * A call of the program's {@code @Differentiable} helper {@code h(x, y)}, which loops and so uses
   * the tape itself, nested in the caller's.
   */
  record Call(Expr x, Expr y) implements Expr {}

  record Conditional(Cond condition, Expr ifTrue, Expr ifFalse) implements Expr {}

  /** An array index: a constant in 0..4, or the int counter of an enclosing loop (0..4). */
  sealed interface Index {}

  record ConstantIndex(int value) implements Index {}

  record LoopIndex(int levelsOut) implements Index {}

  sealed interface Cond {}

  record Compare(Comparison comparison, Expr left, Expr right) implements Cond {}

  record And(Cond left, Cond right) implements Cond {}

  record Or(Cond left, Cond right) implements Cond {}

  record Not(Cond operand) implements Cond {}

  sealed interface Stmt {}

  record Assign(Local local, Expr value) implements Stmt {}

  /** {@code local op= value} */
  record CompoundAssign(Local local, BinaryOp op, Expr value) implements Stmt {}

  /** {@code m[index] = value}, or {@code m[index] += value} when {@code add}. */
  record Store(Index index, boolean add, Expr value) implements Stmt {}

  /** {@code n++} */
  record Count() implements Stmt {}

  record If(Cond condition, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

  /** A loop of at most {@code bound} passes (1..4; 1..3 for the while forms). */
  record Loop(LoopKind kind, int bound, Cond dataCondition, List<Stmt> body) implements Stmt {}

  /** {@code if (condition) break L;} for the loop {@code levelsOut} levels out (if inside one). */
  record Break(Cond condition, int levelsOut) implements Stmt {}

  /** {@code if (condition) continue L;} */
  record Continue(Cond condition, int levelsOut) implements Stmt {}

  /** {@code if (condition) return value;} */
  record Return(Cond condition, Expr value) implements Stmt {}
}
