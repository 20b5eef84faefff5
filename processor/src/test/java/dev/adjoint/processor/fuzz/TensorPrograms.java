package dev.adjoint.processor.fuzz;

import static dev.adjoint.processor.fuzz.ShapeDraws.broadcastOperand;
import static dev.adjoint.processor.fuzz.ShapeDraws.insert;
import static dev.adjoint.processor.fuzz.ShapeDraws.maybeNegative;
import static dev.adjoint.processor.fuzz.ShapeDraws.numel;
import static dev.adjoint.processor.fuzz.ShapeDraws.remove;

import dev.adjoint.processor.fuzz.TensorProgram.Apply;
import dev.adjoint.processor.fuzz.TensorProgram.Binary;
import dev.adjoint.processor.fuzz.TensorProgram.BinaryOp;
import dev.adjoint.processor.fuzz.TensorProgram.Branch;
import dev.adjoint.processor.fuzz.TensorProgram.Constant;
import dev.adjoint.processor.fuzz.TensorProgram.Expand;
import dev.adjoint.processor.fuzz.TensorProgram.Expr;
import dev.adjoint.processor.fuzz.TensorProgram.Flatten;
import dev.adjoint.processor.fuzz.TensorProgram.Gather;
import dev.adjoint.processor.fuzz.TensorProgram.Index;
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
import dev.adjoint.processor.fuzz.TensorProgram.Relation;
import dev.adjoint.processor.fuzz.TensorProgram.Reshape;
import dev.adjoint.processor.fuzz.TensorProgram.Scalar;
import dev.adjoint.processor.fuzz.TensorProgram.ScalarOp;
import dev.adjoint.processor.fuzz.TensorProgram.Select;
import dev.adjoint.processor.fuzz.TensorProgram.Softmax;
import dev.adjoint.processor.fuzz.TensorProgram.Squeeze;
import dev.adjoint.processor.fuzz.TensorProgram.Stmt;
import dev.adjoint.processor.fuzz.TensorProgram.Transpose;
import dev.adjoint.processor.fuzz.TensorProgram.UnaryOp;
import dev.adjoint.processor.fuzz.TensorProgram.Unsqueeze;
import dev.adjoint.processor.fuzz.TensorProgram.Where;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Builds a {@link TensorProgram} from a seed and a size. The size bounds the number of statements
 * and the depth of each expression, so that jqwik, shrinking the size of a failing program, reaches
 * a small program that still fails. Expressions are built top-down from the shape they must have:
 * each operation picks operand shapes that give it ({@link ShapeDraws}: a broadcast operand, a
 * reduction's extra dimension, a matrix product's inner size, a view's source shape).
 */
final class TensorPrograms {
  private static final int MAX_RANK = 4;
  private static final String[] REDUCTIONS = {"sum", "mean", "max"};
  private static final double[] LEVELS = {-1, -0.5, 0, 0.5, 1};

  private final Random random;
  private final List<int[]> inputs = new ArrayList<>();
  private final List<Constant> constants = new ArrayList<>();

  /** The locals in scope, by index. */
  private final List<int[]> locals = new ArrayList<>();

  private TensorPrograms(long seed) {
    this.random = new Random(seed);
  }

  /** The program of {@code seed} with at most {@code size} statements (size ≥ 1). */
  static TensorProgram build(long seed, int size) {
    return new TensorPrograms(seed).program(size);
  }

  private TensorProgram program(int size) {
    int statements = 1 + random.nextInt(Math.min(size, 5));
    int depth = Math.min(size, 4);
    List<Stmt> body = new ArrayList<>();
    for (int i = 0; i < statements; i++) {
      int[] shape = shape();
      int local = locals.size();
      int kind = random.nextInt(5);
      Stmt s;
      if (kind == 3 && !locals.isEmpty()) {
        int test = random.nextInt(locals.size());
        s = new Branch(local, test, constant(-0.5, 0.5), draw(shape, depth), draw(shape, depth));
      } else if (kind == 4) {
        Expr init = draw(shape, depth);
        locals.add(shape);
        // v·c + tanh(g(v, …)): bounded however many times it runs
        Expr step =
            new Binary(
                BinaryOp.ADD,
                new Scalar(ScalarOp.MUL, constant(0.2, 0.9), new Local(local, shape)),
                new Apply(UnaryOp.TANH, draw(shape, depth)),
                shape);
        locals.remove(locals.size() - 1);
        s = new Loop(local, init, 1 + random.nextInt(3), step);
      } else {
        s = new Let(local, draw(shape, depth));
      }
      body.add(s);
      locals.add(shape);
    }
    return new TensorProgram(inputs, constants, body);
  }

  /** A shape of rank 0 to 3, sizes 1 to 4 (rank 0 rarely). */
  private int[] shape() {
    int rank = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
    int[] s = new int[rank];
    for (int d = 0; d < rank; d++) {
      s[d] = 1 + random.nextInt(4);
    }
    return s;
  }

  private Expr draw(int[] shape, int depth) {
    return expr(shape, random.nextInt(depth + 1));
  }

  private Expr expr(int[] shape, int depth) {
    if (depth == 0) {
      return leaf(shape);
    }
    for (int attempt = 0; attempt < 8; attempt++) {
      Expr e = attempt(shape, depth - 1);
      if (e != null) {
        return e;
      }
    }
    return leaf(shape);
  }

  /** One operation that gives {@code shape}, its operands of depth {@code d}; null if none fits. */
  private Expr attempt(int[] shape, int d) {
    int rank = shape.length;
    return switch (random.nextInt(16)) {
      case 0 -> new Apply(pick(UnaryOp.values()), expr(shape, d));
      case 1 -> {
        ScalarOp op = pick(ScalarOp.values());
        double c =
            op == ScalarOp.DIV
                ? constant(0.5, 1.5) * (random.nextBoolean() ? 1 : -1)
                : constant(-1.5, 1.5);
        yield new Scalar(op, c, expr(shape, d));
      }
      case 2, 3 -> {
        Expr full = expr(shape, d);
        Expr broadcast = expr(broadcastOperand(shape, random), d);
        boolean swap = random.nextBoolean();
        yield new Binary(
            pick(BinaryOp.values()), swap ? broadcast : full, swap ? full : broadcast, shape);
      }
      case 4 -> {
        if (rank == 0 && random.nextBoolean()) {
          yield new ReduceAll(pick(REDUCTIONS), expr(shape(), d));
        }
        if (rank >= MAX_RANK) {
          yield null;
        }
        int dim = random.nextInt(rank + 1);
        int[] inner = insert(shape, dim, 1 + random.nextInt(4));
        yield new Reduce(
            pick(REDUCTIONS), expr(inner, d), maybeNegative(dim, rank + 1, random), shape);
      }
      case 5 ->
          rank == 0
              ? null
              : new Softmax(
                  random.nextBoolean(),
                  expr(shape, d),
                  maybeNegative(random.nextInt(rank), rank, random));
      case 6 -> matmul(shape, d);
      case 7 -> rank < 2 ? null : transposeOrPermute(shape, d);
      case 8 -> {
        if (rank == 1 && random.nextBoolean()) {
          yield new Flatten(expr(ShapeDraws.sameSize(shape, random), d), shape);
        }
        // not to rank 0: the processor takes reshape() with no sizes for no operation (ADJ113)
        int[] inner = ShapeDraws.sameSize(shape, random);
        yield inner.length > MAX_RANK || rank == 0 ? null : new Reshape(expr(inner, d), shape);
      }
      case 9 -> {
        if (rank == 0) {
          yield null;
        }
        int[] inner = broadcastOperand(shape, random);
        yield new Expand(expr(inner, d), shape);
      }
      case 10 -> unsqueezeOrSqueeze(shape, d);
      case 11 -> narrowOrSelect(shape, d);
      case 12 -> {
        int mask = mask(broadcastOperand(shape, random));
        Expr full = expr(shape, d);
        Expr other = expr(random.nextBoolean() ? shape : broadcastOperand(shape, random), d);
        boolean swap = random.nextBoolean();
        yield new Where(mask, swap ? other : full, swap ? full : other, shape);
      }
      case 13 ->
          new MaskedFill(expr(shape, d), mask(broadcastOperand(shape, random)), constant(-1, 1));
      case 14 -> rank == 0 ? null : indexSelect(shape, d);
      default -> rank == 0 ? null : gather(shape, d);
    };
  }

  private Expr transposeOrPermute(int[] shape, int d) {
    int rank = shape.length;
    if (random.nextBoolean()) {
      int[] order = ShapeDraws.permutation(rank, random);
      int[] inner = new int[rank];
      for (int k = 0; k < rank; k++) {
        inner[order[k]] = shape[k];
      }
      return new Permute(expr(inner, d), order, shape);
    }
    int d0 = random.nextInt(rank);
    int d1 = random.nextInt(rank);
    int[] inner = shape.clone();
    inner[d0] = shape[d1];
    inner[d1] = shape[d0];
    return new Transpose(
        expr(inner, d), maybeNegative(d0, rank, random), maybeNegative(d1, rank, random), shape);
  }

  private Expr unsqueezeOrSqueeze(int[] shape, int d) {
    int rank = shape.length;
    if (random.nextBoolean() && rank < MAX_RANK) {
      int dim = random.nextInt(rank + 1);
      return new Squeeze(
          expr(insert(shape, dim, 1), d), maybeNegative(dim, rank + 1, random), shape);
    }
    for (int dim = 0; dim < rank; dim++) {
      if (shape[dim] == 1) {
        return new Unsqueeze(expr(remove(shape, dim), d), maybeNegative(dim, rank, random), shape);
      }
    }
    return null;
  }

  private Expr narrowOrSelect(int[] shape, int d) {
    int rank = shape.length;
    if (rank >= 1 && random.nextBoolean()) {
      int dim = random.nextInt(rank);
      int extra = random.nextInt(3);
      int[] inner = shape.clone();
      inner[dim] += extra;
      return new Narrow(
          expr(inner, d),
          maybeNegative(dim, rank, random),
          random.nextInt(extra + 1),
          shape[dim],
          shape);
    }
    if (rank >= MAX_RANK) {
      return null;
    }
    int dim = random.nextInt(rank + 1);
    int size = 1 + random.nextInt(4);
    int index = random.nextInt(size) - (random.nextBoolean() ? size : 0);
    return new Select(
        expr(insert(shape, dim, size), d), maybeNegative(dim, rank + 1, random), index, shape);
  }

  /** Rows picked by a one-dimensional index, some more than once. */
  private Expr indexSelect(int[] shape, int d) {
    int dim = random.nextInt(shape.length);
    int[] inner = shape.clone();
    inner[dim] = 1 + random.nextInt(4);
    int index = index(new int[] {shape[dim]}, inner[dim]);
    return new IndexSelect(expr(inner, d), maybeNegative(dim, shape.length, random), index, shape);
  }

  /** Elements picked along {@code dim}: the operand at least as large as the index elsewhere. */
  private Expr gather(int[] shape, int d) {
    int dim = random.nextInt(shape.length);
    int[] inner = shape.clone();
    for (int k = 0; k < inner.length; k++) {
      inner[k] = k == dim ? 1 + random.nextInt(4) : shape[k] + random.nextInt(2);
    }
    int index = index(shape, inner[dim]);
    return new Gather(expr(inner, d), maybeNegative(dim, shape.length, random), index, shape);
  }

  /** A product of that shape: vector·vector, vector·matrix, matrix·matrix, batched. */
  private Expr matmul(int[] shape, int d) {
    int k = 1 + random.nextInt(4);
    int[] left;
    int[] right;
    switch (shape.length) {
      case 0 -> {
        left = new int[] {k};
        right = new int[] {k};
      }
      case 1 -> {
        boolean vectorLeft = random.nextBoolean();
        left = vectorLeft ? new int[] {k} : new int[] {shape[0], k};
        right = vectorLeft ? new int[] {k, shape[0]} : new int[] {k};
      }
      case 2 -> {
        if (random.nextInt(4) == 0) {
          // a vector times a batch of matrices
          left = new int[] {k};
          right = new int[] {shape[0], k, shape[1]};
        } else {
          left = new int[] {shape[0], k};
          right = new int[] {k, shape[1]};
        }
      }
      case 3 -> {
        left = new int[] {shape[0], shape[1], k};
        // a batched right operand, or one matrix broadcast over the batch
        right = random.nextBoolean() ? new int[] {shape[0], k, shape[2]} : new int[] {k, shape[2]};
      }
      default -> {
        return null;
      }
    }
    return new MatMul(expr(left, d), expr(right, d), shape);
  }

  /** A leaf: a local or input of that shape in scope, or a new input. */
  private Expr leaf(int[] shape) {
    List<Expr> candidates = new ArrayList<>();
    for (int i = 0; i < locals.size(); i++) {
      if (Arrays.equals(locals.get(i), shape)) {
        candidates.add(new Local(i, shape));
      }
    }
    for (int i = 0; i < inputs.size(); i++) {
      if (Arrays.equals(inputs.get(i), shape)) {
        candidates.add(new Input(i, shape));
      }
    }
    if (!candidates.isEmpty() && random.nextInt(3) != 0) {
      return candidates.get(random.nextInt(candidates.size()));
    }
    inputs.add(shape);
    return new Input(inputs.size() - 1, shape);
  }

  /** A new mask of that shape; its parameter index. */
  private int mask(int[] shape) {
    double[] values = new double[numel(shape)];
    for (int k = 0; k < values.length; k++) {
      values[k] = LEVELS[random.nextInt(LEVELS.length)];
    }
    Relation relation = pick(Relation.values());
    constants.add(new Mask(shape, values, relation, LEVELS[1 + random.nextInt(3)]));
    return constants.size() - 1;
  }

  /** A new index of that shape, values in {@code [0, bound)}; its parameter index. */
  private int index(int[] shape, int bound) {
    long[] values = new long[numel(shape)];
    for (int k = 0; k < values.length; k++) {
      values[k] = random.nextInt(bound);
    }
    constants.add(new Index(shape, values));
    return constants.size() - 1;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  /** A constant in [lo, hi] with three decimals, so that its Java literal is the same double. */
  private double constant(double lo, double hi) {
    return Math.round((lo + random.nextDouble() * (hi - lo)) * 1000) / 1000.0;
  }
}
