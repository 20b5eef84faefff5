package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.TensorProgram.Apply;
import dev.adjoint.processor.fuzz.TensorProgram.Binary;
import dev.adjoint.processor.fuzz.TensorProgram.BinaryOp;
import dev.adjoint.processor.fuzz.TensorProgram.Branch;
import dev.adjoint.processor.fuzz.TensorProgram.Expand;
import dev.adjoint.processor.fuzz.TensorProgram.Expr;
import dev.adjoint.processor.fuzz.TensorProgram.Input;
import dev.adjoint.processor.fuzz.TensorProgram.Let;
import dev.adjoint.processor.fuzz.TensorProgram.Local;
import dev.adjoint.processor.fuzz.TensorProgram.Loop;
import dev.adjoint.processor.fuzz.TensorProgram.MatMul;
import dev.adjoint.processor.fuzz.TensorProgram.Narrow;
import dev.adjoint.processor.fuzz.TensorProgram.Reduce;
import dev.adjoint.processor.fuzz.TensorProgram.Reshape;
import dev.adjoint.processor.fuzz.TensorProgram.Scalar;
import dev.adjoint.processor.fuzz.TensorProgram.Select;
import dev.adjoint.processor.fuzz.TensorProgram.Softmax;
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
 * each operation picks operand shapes that give it (a broadcast operand with dimensions dropped or
 * set to 1, a reduction's extra dimension, a matrix product's inner size, a view's source shape).
 */
final class TensorPrograms {
  private final Random random;
  private final List<int[]> inputs = new ArrayList<>();
  private final List<int[]> masks = new ArrayList<>();
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
        s =
            new Branch(
                local,
                test,
                constant(-0.5, 0.5),
                expr(shape, random.nextInt(depth + 1)),
                expr(shape, random.nextInt(depth + 1)));
      } else if (kind == 4) {
        Expr init = expr(shape, random.nextInt(depth + 1));
        locals.add(shape);
        // v·c + tanh(g(v, …)): bounded however many times it runs
        Expr step =
            new Binary(
                BinaryOp.ADD,
                new Scalar(true, constant(0.2, 0.9), new Local(local, shape)),
                new Apply(UnaryOp.TANH, expr(shape, random.nextInt(depth + 1))),
                shape);
        locals.remove(locals.size() - 1);
        s = new Loop(local, init, 1 + random.nextInt(3), step);
      } else {
        s = new Let(local, expr(shape, random.nextInt(depth + 1)));
      }
      body.add(s);
      locals.add(shape);
    }
    return new TensorProgram(inputs, masks, body);
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

  private Expr expr(int[] shape, int depth) {
    if (depth == 0) {
      return leaf(shape);
    }
    int rank = shape.length;
    for (int attempt = 0; attempt < 8; attempt++) {
      switch (random.nextInt(13)) {
        case 0 -> {
          UnaryOp[] ops = UnaryOp.values();
          return new Apply(ops[random.nextInt(ops.length)], expr(shape, depth - 1));
        }
        case 1 -> {
          return new Scalar(random.nextBoolean(), constant(-1.5, 1.5), expr(shape, depth - 1));
        }
        case 2, 3 -> {
          BinaryOp[] ops = BinaryOp.values();
          Expr full = expr(shape, depth - 1);
          Expr broadcast = expr(broadcastOperand(shape), depth - 1);
          boolean swap = random.nextBoolean();
          return new Binary(
              ops[random.nextInt(ops.length)], swap ? broadcast : full, swap ? full : broadcast, shape);
        }
        case 4 -> {
          int dim = random.nextInt(rank + 1);
          int[] inner = insert(shape, dim, 1 + random.nextInt(4));
          String op = new String[] {"sum", "mean", "max"}[random.nextInt(3)];
          return new Reduce(op, expr(inner, depth - 1), dim, shape);
        }
        case 5 -> {
          if (rank >= 1) {
            int dim = random.nextInt(rank) - (random.nextBoolean() ? rank : 0);
            return new Softmax(random.nextBoolean(), expr(shape, depth - 1), dim);
          }
        }
        case 6 -> {
          Expr m = matmul(shape, depth);
          if (m != null) {
            return m;
          }
        }
        case 7 -> {
          if (rank >= 2) {
            int d0 = random.nextInt(rank);
            int d1 = random.nextInt(rank);
            int[] inner = shape.clone();
            inner[d0] = shape[d1];
            inner[d1] = shape[d0];
            return new Transpose(expr(inner, depth - 1), d0, d1, shape);
          }
        }
        case 8 -> {
          return new Reshape(expr(sameSize(shape), depth - 1), shape);
        }
        case 9 -> {
          if (rank >= 1) {
            int[] inner = shape.clone();
            for (int d = 0; d < rank; d++) {
              if (random.nextInt(3) == 0) {
                inner[d] = 1;
              }
            }
            return new Expand(expr(inner, depth - 1), shape);
          }
        }
        case 10 -> {
          for (int d = 0; d < rank; d++) {
            if (shape[d] == 1 && rank <= 3) {
              return new Unsqueeze(expr(remove(shape, d), depth - 1), d, shape);
            }
          }
        }
        case 11 -> {
          if (rank >= 1 && rank < 4) {
            int dim = random.nextInt(rank);
            if (random.nextBoolean()) {
              int extra = random.nextInt(3);
              int[] inner = shape.clone();
              inner[dim] += extra;
              return new Narrow(
                  expr(inner, depth - 1), dim, random.nextInt(extra + 1), shape[dim], shape);
            }
          }
          if (rank < 3) {
            int dim = random.nextInt(rank + 1);
            int size = 1 + random.nextInt(4);
            int index = random.nextInt(size) - (random.nextBoolean() ? size : 0);
            return new Select(expr(insert(shape, dim, size), depth - 1), dim, index, shape);
          }
        }
        default -> {
          int mask = masks.size();
          masks.add(shape);
          return new Where(mask, expr(shape, depth - 1), expr(shape, depth - 1));
        }
      }
    }
    return leaf(shape);
  }

  /** A product of that shape: vector·vector, vector·matrix, matrix·matrix, batched. */
  private Expr matmul(int[] shape, int depth) {
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
        left = new int[] {shape[0], k};
        right = new int[] {k, shape[1]};
      }
      default -> {
        left = new int[] {shape[0], shape[1], k};
        // a batched right operand, or one matrix broadcast over the batch
        right = random.nextBoolean() ? new int[] {shape[0], k, shape[2]} : new int[] {k, shape[2]};
      }
    }
    return new MatMul(expr(left, depth - 1), expr(right, depth - 1), shape);
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

  /** A shape that broadcasts to {@code shape}: leading dimensions dropped, others set to 1. */
  private int[] broadcastOperand(int[] shape) {
    int drop = random.nextInt(shape.length + 1);
    int[] s = Arrays.copyOfRange(shape, random.nextBoolean() ? 0 : drop, shape.length);
    for (int d = 0; d < s.length; d++) {
      if (random.nextInt(3) == 0) {
        s[d] = 1;
      }
    }
    return s;
  }

  /** A shape with the same number of elements: the sizes permuted, flattened, or split. */
  private int[] sameSize(int[] shape) {
    int n = 1;
    for (int v : shape) {
      n *= v;
    }
    return switch (random.nextInt(3)) {
      case 0 -> new int[] {n};
      case 1 -> {
        int[] s = shape.clone();
        for (int i = s.length - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = s[i];
          s[i] = s[j];
          s[j] = t;
        }
        yield s;
      }
      default -> n % 2 == 0 ? new int[] {2, n / 2} : new int[] {1, n};
    };
  }

  private static int[] insert(int[] shape, int dim, int size) {
    int[] s = new int[shape.length + 1];
    for (int d = 0, j = 0; d < s.length; d++) {
      s[d] = d == dim ? size : shape[j++];
    }
    return s;
  }

  private static int[] remove(int[] shape, int dim) {
    int[] s = new int[shape.length - 1];
    for (int d = 0, j = 0; d < shape.length; d++) {
      if (d != dim) {
        s[j++] = shape[d];
      }
    }
    return s;
  }

  /** A constant in [lo, hi] with three decimals, so that its Java literal is the same double. */
  private double constant(double lo, double hi) {
    return Math.round((lo + random.nextDouble() * (hi - lo)) * 1000) / 1000.0;
  }
}
