package dev.adjoint.examples.tensors;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The function corpus lifted to tensors: every operation the processor differentiates (ADJ113 in
 * docs/diagnostics.md), with tensor and Java-number operands and broadcasting, reductions, matrix
 * products in all their ranks, views, masks, the losses, Java control flow around tensor code,
 * model classes, and a dozen functions of the scalar corpus computed elementwise on vectors. {@code
 * LiftedCorpusTest} checks each generated {@code ...Backward} against the dynamic tape, and the
 * tape against central differences.
 *
 * <p>In the comments, m is [3, 4], row is [4] and col is [3, 1] unless said otherwise; Σ sums every
 * element, and broadcasting follows NumPy's rules.
 */
public final class LiftedCorpus {
  private LiftedCorpus() {}

  /** The gravity of {@link #projectileRange}. */
  static final double G = 9.81;

  // ---------------------------------------------------------------- elementwise, broadcast

  /** Σ (m + row − col)·m: add and sub broadcast a [4] and a [3, 1] against [3, 4]. */
  @Differentiable
  public static Tensor addSubBroadcast(Tensor m, Tensor row, Tensor col) {
    return m.add(row).sub(col).mul(m).sum();
  }

  /**
   * Σ m·row / col, col > 0: the product's and the quotient's adjoints summed back to [4], [3,1].
   */
  @Differentiable
  public static Tensor mulDivBroadcast(Tensor m, Tensor row, Tensor col) {
    return m.mul(row).div(col).sum();
  }

  /** Σ (1 − ((x + 1.5 − 2)·3 / 4))² with Java numbers as the right operand (and rsub's left). */
  @Differentiable
  public static Tensor numberOperands(Tensor x) {
    return x.add(1.5).sub(2).mul(3).div(4).rsub(1).pow(2).sum();
  }

  /** Σ (x·a + k) / (a + k): numbers from @NoDerivative parameters, one computed from both. */
  @Differentiable
  public static Tensor noDerivativeNumbers(Tensor x, @NoDerivative double a, @NoDerivative int k) {
    double scale = a + k;
    return x.mul(a).add(k).div(scale).pow(3).sum();
  }

  /** Σ base^exponent for base [3, 4] > 0 and a tensor exponent [4]: ∂/∂e = Σ_rows b^e·ln b. */
  @Differentiable
  public static Tensor powTensorExponent(Tensor base, Tensor exponent) {
    return base.pow(exponent).sum();
  }

  /** Σ |−x|·x + |x|^2.5, at x away from 0 (where |x| has its kink). */
  @Differentiable
  public static Tensor negAbsPow(Tensor x) {
    return x.neg().abs().mul(x).add(x.abs().pow(2.5)).sum();
  }

  /** Σ eˣ + (eˣ − 1) + ln x + ln(1 + x) + √x for x > 0. */
  @Differentiable
  public static Tensor expLogFamily(Tensor x) {
    return x.exp().add(x.expm1()).add(x.log()).add(x.log1p()).add(x.sqrt()).sum();
  }

  /** Σ sin m · cos(row) + tanh(col): the unary functions, broadcast through a product. */
  @Differentiable
  public static Tensor trigonometry(Tensor m, Tensor row, Tensor col) {
    return m.sin().mul(row.cos()).add(col.tanh()).sum();
  }

  /** Σ max(m, col) + 2·min(m, row): the winner of each pair gets the adjoint, summed back. */
  @Differentiable
  public static Tensor maximumMinimumBroadcast(Tensor m, Tensor row, Tensor col) {
    return m.maximum(col).add(m.minimum(row).mul(2)).sum();
  }

  /** Σ σ(x)·relu(x) + softplus(x) + clamp(x, −0.3, 0.4)·x. */
  @Differentiable
  public static Tensor activations(Tensor x) {
    return x.sigmoid().mul(x.relu()).add(x.softplus()).add(x.clamp(-0.3, 0.4).mul(x)).sum();
  }

  /** Σ clamp(x, lo, hi) with the bounds from @NoDerivative parameters, times x². */
  @Differentiable
  public static Tensor clampBounds(Tensor x, @NoDerivative double lo, @NoDerivative double hi) {
    return x.clamp(lo, hi).mul(x.mul(x)).sum();
  }

  // ---------------------------------------------------------------- reductions

  /** Σ_j (Σ_i m_ij)² + Σ_i (Σ_j m_ij)³ + mean(m): sums over dim 0, dim −1, and all. */
  @Differentiable
  public static Tensor sumDims(Tensor m) {
    return m.sum(0).pow(2).sum().add(m.sum(-1).pow(3).sum()).add(m.mean());
  }

  /** For x [2, 3, 4]: mean over the last dim, then dim 0, squared, and the mean over dim 1. */
  @Differentiable
  public static Tensor meanDims(Tensor x) {
    return x.mean(-1).mean(0).pow(2).sum().add(x.mean(1).sin().sum());
  }

  /** For x [2, 3, 4]: the maxima over dims 1, −1 and all; each adjoint goes to its argmax. */
  @Differentiable
  public static Tensor maxDims(Tensor x) {
    return x.max(1).pow(2).sum().add(x.max(-1).sum()).add(x.max().mul(3));
  }

  // ---------------------------------------------------------------- softmax

  /** For x [2, 3, 4] and weights w: Σ w·softmax(x, −1) + Σ w·softmax(x, 0). */
  @Differentiable
  public static Tensor softmaxDims(Tensor x, @NoDerivative Tensor w) {
    return x.softmax(-1).mul(w).sum().add(x.softmax(0).mul(w).sum());
  }

  /** For x [3, 5]: Σ w·logSoftmax(x, 1) + mean(logSoftmax(x, −2)). */
  @Differentiable
  public static Tensor logSoftmaxDims(Tensor x, @NoDerivative Tensor w) {
    return x.logSoftmax(1).mul(w).sum().add(x.logSoftmax(-2).mean());
  }

  // ---------------------------------------------------------------- matrix products

  /** a·b of two [4] vectors: a scalar already, no reduction. */
  @Differentiable
  public static Tensor dot(Tensor a, Tensor b) {
    return a.matmul(b);
  }

  /** Σ (vᵀM)² for v [3], M [3, 4]. */
  @Differentiable
  public static Tensor vectorMatrix(Tensor v, Tensor m) {
    return v.matmul(m).pow(2).sum();
  }

  /** Σ sin(M·v) for M [3, 4], v [4]. */
  @Differentiable
  public static Tensor matrixVector(Tensor m, Tensor v) {
    return m.matmul(v).sin().sum();
  }

  /** The [3, 5] product of a [3, 4] and a [4, 5]: a matrix result, backward takes a seed. */
  @Differentiable
  public static Tensor matrixMatrix(Tensor a, Tensor b) {
    return a.matmul(b);
  }

  /** Σ tanh(A·B) for a batch A [2, 3, 4] and one B [4, 5], broadcast over the batch. */
  @Differentiable
  public static Tensor batchedByMatrix(Tensor a, Tensor b) {
    return a.matmul(b).tanh().sum();
  }

  /** Σ (A·B)² for batches A [2, 3, 4] and B [2, 4, 5]. */
  @Differentiable
  public static Tensor batchedByBatched(Tensor a, Tensor b) {
    return a.matmul(b).pow(2).sum();
  }

  /** Σ (v·B)² for a vector v [4] and a batch B [2, 4, 5]. */
  @Differentiable
  public static Tensor vectorByBatch(Tensor v, Tensor b) {
    return v.matmul(b).pow(2).sum();
  }

  // ---------------------------------------------------------------- views

  /** For x [2, 3, 4]: Σ xᵀ(0,2) reshaped [4, 6] · w [6], and Σ (mᵀ·m) through t(). */
  @Differentiable
  public static Tensor transposes(Tensor x, Tensor m, @NoDerivative Tensor w) {
    Tensor swapped = x.transpose(0, 2).reshape(4, 6).matmul(w).pow(2).sum();
    return swapped.add(m.t().matmul(m).sum()).add(x.transpose(-1, -2).sum(0).max());
  }

  /** For x [2, 3, 4]: view(6, 4), reshape(−1), flatten() of a transposed contiguous copy. */
  @Differentiable
  public static Tensor reshapes(Tensor x, @NoDerivative Tensor w) {
    Tensor rows = x.view(6, 4).matmul(w.view(4, 6)).sum(1).pow(2).sum();
    Tensor flat = x.transpose(1, 2).contiguous().reshape(-1);
    return rows.add(flat.mul(w).sum()).add(x.flatten().sin().sum());
  }

  /** col [3, 1] squeezed to [3] (by dim and all), and unsqueezed back at 0 and −1. */
  @Differentiable
  public static Tensor squeezes(Tensor col, Tensor row) {
    Tensor v = col.squeeze(1);
    Tensor outer = v.unsqueeze(-1).matmul(row.unsqueeze(0)); // [3, 1]·[1, 4]
    return outer.pow(2).sum().add(col.squeeze().mul(v).sum());
  }

  /** row [4] and col [3, 1] expanded to [3, 4]: the adjoint sums back over the copies. */
  @Differentiable
  public static Tensor expands(Tensor row, Tensor col) {
    return row.expand(3, 4)
        .mul(col.expand(3, 4))
        .exp()
        .sum()
        .add(row.unsqueeze(0).expand(2, 4).sum());
  }

  // ---------------------------------------------------------------- masks

  /** Σ where(mask, x·y, eʸ) for mask [3, 4], x [3, 4] and y [4] broadcast. */
  @Differentiable
  public static Tensor whereBroadcast(Tensor x, Tensor y, @NoDerivative Tensor mask) {
    return Tensor.where(mask, x.mul(y), y.exp()).sum();
  }

  /** Nested selections, the same tensor on both sides of one: where(a, where(b, x, x²), −x). */
  @Differentiable
  public static Tensor whereNested(Tensor x, @NoDerivative Tensor a, @NoDerivative Tensor b) {
    Tensor inner = Tensor.where(b, x, x.mul(x));
    return Tensor.where(a, inner, x.neg()).mul(x).sum();
  }

  // ---------------------------------------------------------------- losses

  /** mean((tanh(x·w) − target)²) for x [5, 3], w [3]. */
  @Differentiable
  public static Tensor mseLoss(@NoDerivative Tensor x, Tensor w, Tensor target) {
    return Losses.mse(x.matmul(w).tanh(), target);
  }

  /** Binary cross-entropy of σ(z) against probabilities y, with z = x·w + b. */
  @Differentiable
  public static Tensor bceLoss(@NoDerivative Tensor x, Tensor w, Tensor b, @NoDerivative Tensor y) {
    return Losses.binaryCrossEntropyWithLogits(x.matmul(w).add(b), y);
  }

  /** Cross-entropy of int64 labels under the logits x·W [5, 4]. */
  @Differentiable
  public static Tensor crossEntropyLoss(
      @NoDerivative Tensor x, Tensor w, @NoDerivative Tensor labels) {
    return Losses.crossEntropy(x.matmul(w), labels);
  }

  /** NLL after logSoftmax: the same as cross-entropy, spelled out. */
  @Differentiable
  public static Tensor nllLoss(Tensor logits, @NoDerivative Tensor labels) {
    return Losses.nll(logits.logSoftmax(1), labels);
  }

  /** All four losses of one prediction summed: the prediction's adjoint collects four rules. */
  @Differentiable
  public static Tensor allLosses(
      Tensor logits, @NoDerivative Tensor labels, @NoDerivative Tensor target) {
    Tensor mse = Losses.mse(logits, target);
    Tensor bce = Losses.binaryCrossEntropyWithLogits(logits, target);
    Tensor ce = Losses.crossEntropy(logits, labels);
    return mse.add(bce).add(ce).add(Losses.nll(logits.logSoftmax(-1), labels));
  }

  // ---------------------------------------------------------------- detach

  /** Σ x·detach(y) + detach(x)·eʸ: ∂/∂x = y, ∂/∂y = x·eʸ (the detached factors are constants). */
  @Differentiable
  public static Tensor detachMix(Tensor x, Tensor y) {
    return x.mul(y.detach()).add(x.detach().mul(y.exp())).sum();
  }

  // ---------------------------------------------------------------- control flow

  /** Three formulas chosen by an int: x², eˣ, or sin x·x. */
  @Differentiable
  public static Tensor branchOnInt(Tensor x, @NoDerivative int mode) {
    Tensor y;
    if (mode == 0) {
      y = x.mul(x);
    } else if (mode == 1) {
      y = x.exp();
    } else {
      y = x.sin().mul(x);
    }
    return y.sum();
  }

  /** An if without else that overwrites a tensor: Σ y·x, y = tanh x when squash, else x. */
  @Differentiable
  public static Tensor ifWithoutElse(Tensor x, @NoDerivative boolean squash) {
    Tensor y = x;
    if (squash) {
      y = y.tanh();
    }
    return y.mul(x).sum();
  }

  /** Σ (flip ? −x : x²)·x, a conditional expression between tensors. */
  @Differentiable
  public static Tensor conditionalExpression(Tensor x, @NoDerivative boolean flip) {
    Tensor y = flip ? x.neg() : x.mul(x);
    return y.mul(x).sum();
  }

  /** An RNN-like recurrence overwriting h: h ← tanh(h·W + x), steps times; W [4, 4]. */
  @Differentiable
  public static Tensor recurrence(Tensor x, Tensor w, @NoDerivative int steps) {
    Tensor h = x;
    for (int i = 0; i < steps; i++) {
      h = h.matmul(w).add(x).tanh();
    }
    return h.pow(2).sum();
  }

  /** A while loop: z ← z/2 + sin x until k reaches n; z starts at x·w. */
  @Differentiable
  public static Tensor whileLoop(Tensor x, Tensor w, @NoDerivative int n) {
    Tensor z = x.mul(w);
    int k = 0;
    while (k < n) {
      z = z.mul(0.5).add(x.sin());
      k++;
    }
    return z.mul(w).sum();
  }

  /** h ← ln(1 + h²·w) up to 10 times, returning Σ h from inside the loop at pass stop. */
  @Differentiable
  public static Tensor earlyReturn(Tensor x, Tensor w, @NoDerivative int stop) {
    Tensor h = x;
    for (int i = 0; i < 10; i++) {
      h = h.mul(h).mul(w).log1p();
      if (i == stop) {
        return h.sum();
      }
    }
    return h.mean();
  }

  /** Σ Σ_{i=1..n} xⁱ / i: the loop counter is an exponent and a divisor of the summed tensor. */
  @Differentiable
  public static Tensor seriesSum(Tensor x, @NoDerivative int n) {
    Tensor acc = x;
    for (int i = 2; i <= n; i++) {
      acc = acc.add(x.pow(i).div(i));
    }
    return acc.sum();
  }

  /** Nested loops: h ← sin(h·w + j) over j, then h ← h + i·x over i. */
  @Differentiable
  public static Tensor nestedLoops(
      Tensor x, Tensor w, @NoDerivative int outer, @NoDerivative int inner) {
    Tensor h = x;
    for (int i = 0; i < outer; i++) {
      for (int j = 0; j < inner; j++) {
        h = h.mul(w).add(j).sin();
      }
      h = h.add(x.mul(i));
    }
    return h.sum();
  }

  /** A parameter overwritten in a loop: x ← tanh(x·w) n times; the leaf keeps its gradient. */
  @Differentiable
  public static Tensor overwriteParameter(Tensor x, Tensor w, @NoDerivative int n) {
    for (int i = 0; i < n; i++) {
      x = x.mul(w).tanh();
    }
    return x.sum();
  }

  /** A vector result from a loop (backward takes a seed): h ← sin(h)·w + h, n times. */
  @Differentiable
  public static Tensor loopVectorResult(Tensor x, Tensor w, @NoDerivative int n) {
    Tensor h = x;
    for (int i = 0; i < n; i++) {
      h = h.sin().mul(w).add(h);
    }
    return h;
  }

  /** A branch inside a loop on the counter's parity, with continue and break. */
  @Differentiable
  public static Tensor branchInLoop(Tensor x, Tensor w, @NoDerivative int n) {
    Tensor h = x;
    int k = 0;
    do {
      k++;
      if (k % 3 == 0) {
        continue;
      }
      if (k % 2 == 0) {
        h = h.mul(w);
      } else {
        h = h.add(w.exp()).mul(0.5);
      }
      if (k > 6) {
        break;
      }
    } while (k < n);
    return h.pow(2).sum();
  }

  /** A vector returned from inside a loop or from a branch before it: seeded results. */
  @Differentiable
  public static Tensor earlyVectorReturn(Tensor x, Tensor w, @NoDerivative int stop) {
    if (stop < 0) {
      return x.mul(w);
    }
    Tensor h = x;
    for (int i = 0; i < 5; i++) {
      Tensor step = h.mul(w); // a local declared in the loop body
      h = step.sin().add(h);
      if (i == stop) {
        return h.mul(step);
      }
    }
    return h;
  }

  // ---------------------------------------------------------------- reused intermediates

  /** t = x² + 1 read by four later operations: Σ (ln t + √t)·t + t·y. */
  @Differentiable
  public static Tensor reusedIntermediate(Tensor x, Tensor y) {
    Tensor t = x.mul(x).add(1);
    Tensor u = t.log().add(t.sqrt());
    return u.mul(t).add(t.mul(y)).sum();
  }

  /** One product used as both operands, and as the input of a softmax and a reduction. */
  @Differentiable
  public static Tensor reusedProduct(Tensor a, Tensor b) {
    Tensor p = a.matmul(b); // [3, 5]
    return p.mul(p).sum().add(p.softmax(1).mul(p).sum()).add(p.max(0).sum());
  }

  // ---------------------------------------------------------------- the scalar corpus, lifted

  /** ScalarCorpus.negate: Σ −(x·y) + −x. */
  @Differentiable
  public static Tensor negate(Tensor x, Tensor y) {
    return x.mul(y).neg().add(x.neg()).sum();
  }

  /** ScalarCorpus.compound: r = x; r += y; r *= x; r −= y²; r /= 1 + y². */
  @Differentiable
  public static Tensor compound(Tensor x, Tensor y) {
    Tensor r = x;
    r = r.add(y);
    r = r.mul(x);
    r = r.sub(y.mul(y));
    r = r.div(y.mul(y).add(1));
    return r.sum();
  }

  /** ScalarCorpus.reassignParameter: x = x·y; y = sin x + y; x = x + y; Σ x·y. */
  @Differentiable
  public static Tensor reassignParameter(Tensor x, Tensor y) {
    x = x.mul(y);
    y = x.sin().add(y);
    x = x.add(y);
    return x.mul(y).sum();
  }

  /** ScalarCorpus.varLocals: t = x·y; u = cos t + x; k = 3; Σ u·t + k·x. */
  @Differentiable
  public static Tensor varLocals(Tensor x, Tensor y) {
    var t = x.mul(y);
    var u = t.cos().add(x);
    var k = 3;
    return u.mul(t).add(x.mul(k)).sum();
  }

  /** ScalarCorpus.gaussianDensity: Σ exp(−z²/2) / (σ√(2π)), z = (x − μ)/σ. */
  @Differentiable
  public static Tensor gaussianDensity(Tensor x, Tensor mu, Tensor sigma) {
    Tensor z = x.sub(mu).div(sigma);
    return z.mul(z).mul(-0.5).exp().div(sigma.mul(Math.sqrt(2 * Math.PI))).sum();
  }

  /** ScalarCorpus.logistic: Σ 1 / (1 + e⁻ˣ). */
  @Differentiable
  public static Tensor logistic(Tensor x) {
    return x.neg().exp().add(1).pow(-1).sum();
  }

  /** ScalarCorpus.logSumExp2 elementwise: Σ m + ln(e^(x−m) + e^(y−m)), m = max(x, y). */
  @Differentiable
  public static Tensor logSumExp2(Tensor x, Tensor y) {
    Tensor m = x.maximum(y);
    return m.add(x.sub(m).exp().add(y.sub(m).exp()).log()).sum();
  }

  /** ScalarCorpus.logSumExp3 elementwise, m = max(x, max(y, z)). */
  @Differentiable
  public static Tensor logSumExp3(Tensor x, Tensor y, Tensor z) {
    Tensor m = x.maximum(y.maximum(z));
    Tensor s = x.sub(m).exp().add(y.sub(m).exp()).add(z.sub(m).exp());
    return m.add(s.log()).sum();
  }

  /** ScalarCorpus.projectileRange: Σ v²·sin(2θ) / G. */
  @Differentiable
  public static Tensor projectileRange(Tensor v, Tensor theta) {
    return v.mul(v).mul(theta.mul(2).sin()).div(G).sum();
  }

  /** ScalarCorpus.noDerivativeParameter: Σ k·sin x + x. */
  @Differentiable
  public static Tensor noDerivativeParameter(Tensor x, @NoDerivative double k) {
    return x.sin().mul(k).add(x).sum();
  }

  /** ScalarCorpus.powIntegerExponent: Σ xⁿ + x². */
  @Differentiable
  public static Tensor powIntegerExponent(Tensor x, @NoDerivative int n) {
    return x.pow(n).add(x.pow(2)).sum();
  }

  /** ScalarCorpus.integerArithmetic: Σ x·(n/2) + x/2 + 1/x + n·x (n/2 in integer division). */
  @Differentiable
  public static Tensor integerArithmetic(Tensor x, @NoDerivative int n) {
    return x.mul(n / 2).add(x.div(2)).add(x.pow(-1)).add(x.mul(n)).sum();
  }

  /** ScalarCorpus.ifElseMerge with the comparisons given as flags: Σ a·b. */
  @Differentiable
  public static Tensor ifElseMerge(
      Tensor x, Tensor y, @NoDerivative boolean greater, @NoDerivative boolean below) {
    Tensor a = x;
    Tensor b = y;
    if (greater) {
      a = x.sin().mul(y);
      b = a.add(x);
    } else if (below) {
      a = x.mul(x);
    } else {
      b = y.exp().sub(a);
    }
    return a.mul(b).sum();
  }

  /** ScalarCorpus.manyOperations without atan2, hypot and cbrt (no tensor rules for those). */
  @Differentiable
  public static Tensor manyOperations(Tensor x, Tensor y, Tensor z) {
    Tensor a = x.mul(y).add(z.sin());
    Tensor b = a.mul(a).neg().exp().add(y.mul(y).log1p());
    Tensor c = z.mul(z).add(1).sqrt().mul(x.sub(y).cos());
    Tensor d = b.sub(c).tanh().div(a.abs().add(1));
    Tensor e = d.div(b.mul(b).add(1)).add(a.mul(a).add(c.mul(c)).sqrt());
    Tensor f = b.add(1).pow(1.5).sub(x.add(4).sqrt());
    Tensor g = e.mul(f).add(d.expm1().mul(0.5));
    return g.mul(c.maximum(a)).add(a.minimum(z)).sub(z.div(x.exp().add(2))).sum();
  }

  // ---------------------------------------------------------------- model classes

  /** An affine map with a Tensor weight and bias held in fields: Σ softplus(x·w + b). */
  public static final class Affine {
    final Tensor weight;
    final Tensor bias;

    public Affine(Tensor weight, Tensor bias) {
      this.weight = weight;
      this.bias = bias;
    }

    @Differentiable
    public Tensor loss(@NoDerivative Tensor x) {
      return x.matmul(weight).add(bias).softplus().sum();
    }

    /** The same weight read twice, through this and without: its adjoint collects both. */
    @Differentiable
    public Tensor twice(Tensor x) {
      Tensor y = x.matmul(this.weight);
      return y.mul(y).sum().add(weight.sum().mul(x.sum()));
    }
  }

  /** A recurrent cell: one square Linear layer read on every pass of a loop. */
  public static final class Recurrent {
    final Linear cell;
    final Tensor readout;

    public Recurrent(int size, Generator generator) {
      this.cell = new Linear(size, size, true, DType.FLOAT64, generator);
      this.readout = Tensor.randn(generator, DType.FLOAT64, size).requiresGrad(true);
    }

    /** h ← tanh(cell(h) + xₜ) over the rows xₜ of x [steps, size]; Σ (h·readout)². */
    @Differentiable
    public Tensor loss(
        @NoDerivative Tensor x, @NoDerivative int steps, @NoDerivative boolean skip) {
      Tensor h = x.mean(0);
      for (int t = 0; t < steps; t++) {
        if (skip && t == 1) {
          h = h.add(this.readout);
        } else {
          h = this.cell.forward(h).add(x.mul(t + 1).mean(0)).tanh();
        }
      }
      return h.mul(readout).pow(2).sum();
    }
  }

  /**
   * A two-layer model: a Linear layer without bias, a Linear layer with one, and a Tensor field
   * scaling the hidden units; its mean squared error against targets.
   */
  public static final class TwoLayers {
    final Linear first;
    final Linear second;
    final Tensor scale;

    public TwoLayers(int in, int hidden, int out, Generator generator) {
      this.first = new Linear(in, hidden, false, DType.FLOAT64, generator);
      this.second = new Linear(hidden, out, true, DType.FLOAT64, generator);
      this.scale = Tensor.randn(generator, DType.FLOAT64, hidden).requiresGrad(true);
    }

    @Differentiable
    public Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor target) {
      Tensor h = first.forward(x).tanh().mul(scale);
      return Losses.mse(second.forward(h), target);
    }

    /** ReLU hidden units scaled by the field, then cross-entropy of int64 labels. */
    @Differentiable
    public Tensor deep(@NoDerivative Tensor x, @NoDerivative Tensor labels) {
      Tensor h = first.forward(x).relu();
      return Losses.crossEntropy(second.forward(h.mul(scale)), labels);
    }
  }
}
