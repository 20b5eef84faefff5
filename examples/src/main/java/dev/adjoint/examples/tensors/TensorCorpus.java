package dev.adjoint.examples.tensors;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Functions of the scalar corpus lifted to tensors (elementwise over vectors, reduced to a
 * one-element result), and tensor code with Java control flow around it. Each is checked against
 * the dynamic tape and against central differences.
 */
public final class TensorCorpus {
  private TensorCorpus() {}

  @Differentiable
  public static Tensor polynomial(Tensor x) {
    return x.pow(3).mul(2).sub(x.mul(x).mul(5)).add(x.mul(7)).sub(1).sum();
  }

  @Differentiable
  public static Tensor product(Tensor x, Tensor y) {
    return x.mul(y).add(x.div(y)).sum();
  }

  @Differentiable
  public static Tensor transcendental(Tensor x) {
    return x.exp().mul(x.sin()).add(x.cos().log1p()).add(x.tanh().neg()).mean();
  }

  @Differentiable
  public static Tensor roots(Tensor x) {
    return x.mul(x).add(1).sqrt().add(x.abs().add(1).log()).sum();
  }

  @Differentiable
  public static Tensor softplusOf(Tensor x, Tensor w) {
    return x.mul(w).softplus().add(x.sigmoid().mul(w)).sum();
  }

  @Differentiable
  public static Tensor maxAndClamp(Tensor x, Tensor y) {
    return x.maximum(y).add(x.minimum(y).mul(2)).add(x.clamp(-0.5, 0.5)).sum();
  }

  @Differentiable
  public static Tensor expm1AndRsub(Tensor x) {
    return x.expm1().add(x.rsub(2).pow(2)).sum();
  }

  @Differentiable
  public static Tensor quadraticForm(Tensor a, Tensor x) {
    // xᵀ·A·x for a matrix A and a vector x
    return x.matmul(a.matmul(x));
  }

  @Differentiable
  public static Tensor rowSoftmax(Tensor m) {
    return m.softmax(1).mul(m).sum().add(m.logSoftmax(-1).mean());
  }

  @Differentiable
  public static Tensor reductions(Tensor m) {
    return m.sum(0).pow(2).sum().add(m.mean(1).max()).add(m.max(0).sum());
  }

  @Differentiable
  public static Tensor views(Tensor m) {
    Tensor flat = m.t().contiguous().reshape(-1);
    return flat.unsqueeze(0).matmul(flat.unsqueeze(1)).squeeze().add(m.transpose(0, 1).sum());
  }

  @Differentiable
  public static Tensor broadcasting(Tensor m, Tensor row) {
    // a row added to every row of m, and m scaled per column
    return m.add(row).mul(row.expand(3, 4)).sum();
  }

  /**
   * Views that pick parts of a 3 x 4 x 5 tensor (a permutation, slices, single indices, negative
   * ones among them): each part's adjoint lands where the part came from, zero elsewhere.
   */
  @Differentiable
  public static Tensor slices(Tensor m) {
    Tensor middle = m.permute(2, 0, 1).narrow(0, 1, 3);
    Tensor lastRow = m.select(1, -1);
    Tensor corner = m.narrow(-1, 2, 2).select(0, 0);
    Tensor tail = m.slice(2, -2, 99).copy().to(DType.FLOAT64); // already float64: itself
    return middle
        .mul(middle)
        .sum()
        .add(lastRow.exp().sum())
        .add(corner.sum())
        .add(tail.pow(3).sum());
  }

  /**
   * A one-element tensor reshaped to 0 dimensions ({@code reshape()} with no sizes, as the tape
   * takes it) and a [1, 1] view of it: Σ x·w over a [4] as a scalar, times (Σ x)², as [1, 1].
   */
  @Differentiable
  public static Tensor rankZero(Tensor x, Tensor w) {
    Tensor dot = x.mul(w).sum().reshape(1).reshape();
    Tensor square = x.sum().view(1, 1).pow(2);
    return dot.mul(square).sum();
  }

  /**
   * Σ x² computed in float32 from a float64 x, the sum brought back to float64: each conversion's
   * rule converts the adjoint back to its operand's type.
   */
  @Differentiable
  public static Tensor singlePrecisionSquares(Tensor x) {
    Tensor single = x.to(DType.FLOAT32);
    return single.mul(single).sum().to(DType.FLOAT64);
  }

  /**
   * Rows of a 4 x 3 matrix chosen by an index (repeats add up), entries gathered along the rows,
   * and entries replaced where a mask is set (they get no adjoint through the fill).
   */
  @Differentiable
  public static Tensor indexed(
      Tensor m, @NoDerivative Tensor rows, @NoDerivative Tensor picks, @NoDerivative Tensor mask) {
    Tensor chosen = m.indexSelect(0, rows);
    Tensor picked = m.gather(1, picks);
    Tensor filled = m.maskedFill(mask, 0.5);
    return chosen.pow(2).sum().add(picked.sin().sum()).add(filled.mul(m).sum());
  }

  /** Σ (x·weights)²: a step of {@link #composed}, written there at each call. */
  @Differentiable
  public static Tensor weightedSquares(Tensor x, @NoDerivative Tensor weights) {
    Tensor scaled = x.mul(weights);
    return scaled.mul(scaled).sum();
  }

  /** Returns from inside its loop and from a branch: a callee need not end in its only return. */
  @Differentiable
  public static Tensor firstLarge(Tensor x, @NoDerivative int steps) {
    Tensor h = x;
    for (int i = 0; i < steps; i++) {
      h = h.mul(1.5).tanh();
      if (h.sum().item() > 1.0) {
        return h.sum().mul(i + 1);
      }
    }
    if (h.sum().item() < -1.0) {
      return h.mul(h).sum();
    }
    return h.sum();
  }

  /**
   * Calls {@link #firstLarge} in a loop of its own: a return in the callee leaves the callee's loop
   * and the callee, never this loop.
   */
  @Differentiable
  public static Tensor callsEarlyReturns(Tensor x, @NoDerivative int rounds) {
    Tensor total = x.sum().mul(0);
    for (int r = 0; r < rounds; r++) {
      total = total.add(firstLarge(x.mul(0.5 * r - 0.7), 3));
    }
    return total;
  }

  /** Assigns to its parameter twice: the caller's variable, bound to it, must keep its value. */
  @Differentiable
  public static Tensor quarteredSum(Tensor x) {
    x = x.mul(0.5);
    x = x.mul(0.5).exp();
    return x.sum();
  }

  /** Calls {@link #quarteredSum} on a variable it reads again after the call. */
  @Differentiable
  public static Tensor afterQuartering(Tensor x) {
    Tensor y = x.sin();
    Tensor quartered = quarteredSum(y);
    return quartered.add(y.mul(y).sum());
  }

  /** (x + y)·x summed: reads x again after x + y, which must not have been written over x. */
  @Differentiable
  public static Tensor sumTimesFirst(Tensor x, Tensor y) {
    return x.add(y).mul(x).sum();
  }

  /**
   * Calls another {@code @Differentiable} tensor method of this class twice, with a local of the
   * callee's name: the callee's body is differentiated where it is called, its locals apart.
   */
  @Differentiable
  public static Tensor composed(Tensor x, Tensor y, @NoDerivative Tensor weights) {
    Tensor scaled = x.add(y);
    Tensor first = weightedSquares(scaled.tanh(), weights);
    // 'scaled' is the caller's still, though the callee has a local of that name
    return first
        .add(weightedSquares(y, weights))
        .add(scaled.sum())
        .add(sumTimesFirst(x.mul(2), y))
        .mul(0.5);
  }

  /** A call in a loop: each pass's body, callee included, is undone in the reverse sweep. */
  @Differentiable
  public static Tensor callsInALoop(
      Tensor x, @NoDerivative Tensor weights, @NoDerivative int times) {
    Tensor h = x;
    for (int i = 0; i < times; i++) {
      h = h.tanh().mul(weightedSquares(h, weights).add(1).sqrt());
    }
    return h.sum();
  }

  @Differentiable
  public static Tensor chooseByMask(Tensor x, Tensor y, @NoDerivative Tensor mask) {
    return Tensor.where(mask, x.mul(y), y.exp()).sum();
  }

  @Differentiable
  public static Tensor branch(Tensor x, @NoDerivative boolean square) {
    Tensor y;
    if (square) {
      y = x.mul(x);
    } else {
      y = x.exp();
    }
    return y.sum();
  }

  @Differentiable
  public static Tensor iterate(Tensor x, Tensor w, @NoDerivative int steps) {
    // a small recurrence: h ← tanh(h·w + x), steps times
    Tensor h = x;
    for (int i = 0; i < steps; i++) {
      h = h.mul(w).add(x).tanh();
    }
    return h.sum();
  }

  @Differentiable
  public static Tensor detached(Tensor x) {
    return x.mul(x.detach()).sum();
  }

  /** A vector result whose adjoints are the seed itself: {@code ∂(x + y)/∂x = ∂/∂y = 1}. */
  @Differentiable
  public static Tensor plus(Tensor x, Tensor y) {
    return x.add(y);
  }

  /**
   * x / ‖x‖ summed, with the norm computed in a no-grad scope: a constant for the gradient, as on
   * the tape, so ∂/∂xᵢ = 1/‖x‖.
   */
  @Differentiable
  public static Tensor normalisedByConstant(Tensor x) {
    Tensor norm;
    try (GradMode.Scope scope = GradMode.noGrad()) {
      norm = x.mul(x).sum().sqrt();
    }
    return x.div(norm).sum();
  }

  /**
   * A branch on a value computed from the tensors: {@code item()} is a Java number without a
   * derivative (as on the tape), and the arm taken is differentiated.
   */
  @Differentiable
  public static Tensor clippedEnergy(Tensor x, @NoDerivative double limit) {
    Tensor energy = x.mul(x).sum();
    if (energy.item() > limit) {
      return energy.sqrt().mul(Math.sqrt(limit));
    }
    return energy;
  }
}
