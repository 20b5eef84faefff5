package dev.adjoint.runtime.rules;

import java.util.List;

/**
 * The derivative of every {@link TensorOp}, written once against {@link TensorAlgebra}.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>{@link #partial} computes the contribution of {@code y}'s adjoint {@code g} to the adjoint
 *       of operand {@code i}, {@code Jᵢᵀ·g}, already in operand i's shape. Callers add it ({@code
 *       +=}) to what that adjoint holds.
 *   <li>{@code args} are the operands the forward computation saw, {@code y} its result, {@code p}
 *       its constant parameters (see {@link TensorOp}).
 *   <li>Where a function has no derivative the rules follow PyTorch: relu' = 0 at 0, clamp passes
 *       the gradient on the closed interval, ties of a maximum share the gradient evenly.
 * </ul>
 */
public final class TensorRules {
  private TensorRules() {}

  /** {@code Jᵢᵀ·g}: operand {@code i}'s share of the adjoint {@code g} of {@code y = op(args)}. */
  public static <T> T partial(
      TensorOp op, TensorAlgebra<T> a, List<T> args, OpParams p, T y, T g, int i) {
    if (op.arity() >= 0 && args.size() != op.arity()) {
      throw new IllegalArgumentException(
          op + " takes " + op.arity() + " operand(s), got " + args.size());
    }
    if (i < 0 || i >= args.size() || !op.isDifferentiable(i)) {
      throw new IllegalArgumentException(op + " has no derivative with respect to operand " + i);
    }
    T x = args.get(0);
    return switch (op) {
      case MATMUL -> matmul(a, args.get(0), args.get(1), g, i);
      // y = Σ_dims x: every x in a group gets the group's adjoint
      case SUM -> a.unreduce(g, x, p.ints(), p.keepDim());
      // y = Σ_dims x / n
      case MEAN -> a.divide(a.unreduce(g, x, p.ints(), p.keepDim()), a.elementCount(x, p.ints()));
      // y = max_dims x: the adjoint goes to the maximal entries, split evenly among ties
      case AMAX -> {
        T isMax =
            a.select(
                Comparison.EQUAL,
                x,
                a.unreduce(y, x, p.ints(), p.keepDim()),
                a.constant(1),
                a.constant(0));
        T ties = a.unreduce(a.sum(isMax, p.ints(), true), x, p.ints(), true);
        yield a.divide(a.multiply(a.unreduce(g, x, p.ints(), p.keepDim()), isMax), ties);
      }
      // views move elements without changing them: the adjoint moves back
      case RESHAPE, SQUEEZE, UNSQUEEZE -> a.reshapeAs(g, x);
      case TRANSPOSE -> a.transpose(g, p.integer(0), p.integer(1));
      case PERMUTE -> a.permute(g, inverse(p.ints()));
      case NARROW -> a.padNarrowed(g, x, p.integer(0), p.integer(1));
      case SELECT -> a.padNarrowed(a.unsqueeze(g, p.integer(0)), x, p.integer(0), p.integer(1));
      // y = x broadcast: each x feeds every copy, so its adjoint is their sum
      case EXPAND -> a.sumToShapeOf(g, x);
      case CONTIGUOUS -> g;
      case TO_DTYPE -> a.convertLike(g, x);
      case CAT -> a.catPart(g, p.integer(0), args, i);
      // y[j] = x[index[j]]: x[k] collects the adjoints of every j with index[j] = k
      case INDEX_SELECT -> a.indexAddInto(g, x, p.integer(0), args.get(1));
      case GATHER -> a.scatterAddInto(g, x, p.integer(0), args.get(1));
      // y = cond ? a : b: the adjoint goes to the operand that was chosen
      case WHERE -> {
        T zero = a.constant(0);
        T chosen = i == 1 ? a.where(x, g, zero) : a.where(x, zero, g);
        yield a.sumToShapeOf(chosen, args.get(i));
      }
      // the filled entries are constants
      case MASKED_FILL -> a.sumToShapeOf(a.where(args.get(1), a.constant(0), g), x);
      // d clamp(x, lo, hi) = 1 on lo ≤ x ≤ hi, else 0 (also where x is NaN, as in PyTorch)
      case CLAMP -> {
        T zero = a.constant(0);
        T belowMax = a.select(Comparison.GREATER, x, a.constant(p.real(1)), zero, g);
        T inside = a.select(Comparison.GREATER, a.constant(p.real(0)), x, zero, belowMax);
        yield a.select(Comparison.EQUAL, x, x, inside, zero);
      }
      // dyⱼ/dxₖ = yⱼ(δⱼₖ − yₖ): x̄ = y ⊙ (ḡ − Σ g⊙y)
      case SOFTMAX -> {
        T dot = a.sum(a.multiply(g, y), new int[] {p.integer(0)}, true);
        yield a.multiply(y, a.subtract(g, dot));
      }
      // y = x − logΣeˣ: x̄ = g − softmax(x)·Σg, softmax(x) = eʸ
      case LOG_SOFTMAX ->
          a.subtract(g, a.multiply(a.exp(y), a.sum(g, new int[] {p.integer(0)}, true)));
      // d σ = σ(1 − σ)
      case SIGMOID -> a.multiply(g, a.multiply(y, a.subtract(a.constant(1), y)));
      // d relu = 1 where x > 0, which is where y > 0 (NaN in both or in neither): read from the
      // result, so that a forward sweep may write y over an x nothing else reads
      case RELU -> a.select(Comparison.GREATER, y, a.constant(0), g, a.constant(0));
      // d softplus = σ(βx), and 1 on the linear part βx > threshold
      case SOFTPLUS -> {
        T bx = a.multiply(x, a.constant(p.real(0)));
        yield a.select(
            Comparison.GREATER, bx, a.constant(p.real(1)), g, a.multiply(g, a.sigmoid(bx)));
      }
      // L = mean((x − t)²): ∂L/∂x = 2(x − t)/n, ∂L/∂t = −∂L/∂x
      case MSE_LOSS -> {
        T t = args.get(1);
        T scaled = a.divide(a.multiply(g, a.constant(2)), a.elementCount(x, new int[0]));
        T dx = a.multiply(scaled, a.subtract(x, t));
        yield a.sumToShapeOf(i == 0 ? dx : a.negate(dx), args.get(i));
      }
      // L = mean(max(x, 0) − x·t + log(1 + e^−|x|)): ∂L/∂x = (σ(x) − t)/n, ∂L/∂t = −x/n
      case BCE_WITH_LOGITS -> {
        T t = args.get(1);
        T scaled = a.divide(g, a.elementCount(x, new int[0]));
        T d = i == 0 ? a.subtract(a.sigmoid(x), t) : a.negate(x);
        yield a.sumToShapeOf(a.multiply(scaled, d), args.get(i));
      }
      // L = −mean_n logp[n, t[n]]: ∂L/∂logp[n, c] = −1/N where c = t[n]
      case NLL_LOSS -> {
        T column = a.unsqueeze(args.get(1), 1);
        T share = a.expandAs(a.divide(g, a.elementCount(args.get(1), new int[0])), column);
        yield a.negate(a.scatterAddInto(share, x, 1, column));
      }
      // y = x ⋆ w + b: x̄ = g ⋆ᵀ w (a transposed convolution), w̄ = g ⋆ x, b̄ = Σ_{n,i,j} g
      case CONV2D ->
          switch (i) {
            case 0 -> a.conv2dInputGrad(g, x, args.get(1), Conv2dParams.of(p));
            case 1 -> a.conv2dWeightGrad(g, x, args.get(1), Conv2dParams.of(p));
            default -> a.channelSum(g);
          };
      // y = max over the window: the window's adjoint goes to the element that was chosen
      case MAX_POOL2D -> a.maxPool2dBackward(g, x, Pool2dParams.of(p));
      // y = Σ_window x / divisor: each tap gets the window's adjoint over the divisor
      case AVG_POOL2D -> a.avgPool2dBackward(g, x, Pool2dParams.of(p));
      case ADAPTIVE_AVG_POOL2D -> a.adaptiveAvgPool2dBackward(g, x);
      // y = x̂·w + b, x̂ = (x − μ)·invstd: w̄ = Σ g·x̂, b̄ = Σ g; x̄ through x̂, and in training
      // through μ and σ² too (both functions of x)
      case BATCH_NORM ->
          switch (i) {
            case 0 ->
                a.batchNormInputGrad(
                    g, x, args.get(1), args.get(3), args.get(4), p.integer(0) != 0);
            case 1 -> a.batchNormWeightGrad(g, x, args.get(3), args.get(4));
            default -> a.channelSum(g);
          };
      // y = x·mask: x̄ = g·mask
      case DROPOUT -> a.multiply(g, args.get(1));
    };
  }

  // Y = A·B with A, B promoted to matrices (a 1-D A is a row, a 1-D B a column):
  // Ā = Ḡ·Bᵀ, B̄ = Aᵀ·Ḡ, each summed over broadcast batch dimensions and reshaped back.
  private static <T> T matmul(TensorAlgebra<T> a, T left, T right, T g, int i) {
    boolean leftVector = a.rank(left) == 1;
    boolean rightVector = a.rank(right) == 1;
    T l = leftVector ? a.unsqueeze(left, 0) : left;
    T r = rightVector ? a.unsqueeze(right, 1) : right;
    T g2 = g;
    if (leftVector && rightVector) {
      g2 = a.unsqueeze(a.unsqueeze(g, 0), 1);
    } else if (leftVector) {
      g2 = a.unsqueeze(g, a.rank(g) - 1);
    } else if (rightVector) {
      g2 = a.unsqueeze(g, a.rank(g));
    }
    if (i == 0) {
      T d = a.matmul(g2, a.transpose(r, -1, -2));
      return a.reshapeAs(a.sumToShapeOf(d, l), left);
    }
    T d = a.matmul(a.transpose(l, -1, -2), g2);
    return a.reshapeAs(a.sumToShapeOf(d, r), right);
  }

  private static int[] inverse(int[] order) {
    int[] inv = new int[order.length];
    for (int k = 0; k < order.length; k++) {
      inv[order[k]] = k;
    }
    return inv;
  }
}
