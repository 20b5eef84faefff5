package dev.adjoint.runtime.optim;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.backend.cpu.MomentumBatch;
import dev.adjoint.runtime.backend.cpu.MomentumUpdate;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Stochastic gradient descent with PyTorch's update, exactly:
 *
 * <pre>
 * g ← ∇ + λ·p                         (weight decay λ)
 * b ← g                 on the first step, else  b ← μ·b + (1 − τ)·g   (momentum μ, dampening τ)
 * g ← g + μ·b  (Nesterov)  or  g ← b
 * p ← p − lr·g
 * </pre>
 *
 * <p>On the CPU the momentum steps after the first go through {@link MomentumUpdate}: one pass over
 * parameter, gradient and buffer instead of three, with the same bits. When no two parameters,
 * gradients or buffers share an array (the usual case), all parameters' updates are one {@link
 * MomentumBatch}: one pass split over the GEMM threads, run after the loop.
 */
public final class Sgd extends Optimizer {
  private final double lr;
  private final double momentum;
  private final double dampening;
  private final double weightDecay;
  private final boolean nesterov;
  private final Tensor[] buffers;

  /** Plain gradient descent. */
  public Sgd(List<Tensor> params, double lr) {
    this(params, lr, 0, 0, 0, false);
  }

  public Sgd(
      List<Tensor> params,
      double lr,
      double momentum,
      double dampening,
      double weightDecay,
      boolean nesterov) {
    super(params);
    if (lr < 0 || momentum < 0 || weightDecay < 0) {
      throw new IllegalArgumentException("Sgd: lr, momentum and weightDecay must be >= 0");
    }
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException(
          "Sgd: Nesterov momentum requires momentum > 0 and dampening 0");
    }
    this.lr = lr;
    this.momentum = momentum;
    this.dampening = dampening;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
    this.buffers = new Tensor[this.params.size()];
  }

  @Override
  @SuppressWarnings("try") // the scope only restores grad mode on close
  public void step() {
    try (GradMode.Scope scope = GradMode.noGrad()) {
      // updates commute when no two parameters share an array: then one pass does them all
      MomentumBatch batch =
          momentum != 0 && !nesterov && separate()
              ? new MomentumBatch(lr, momentum, dampening)
              : null;
      for (int i = 0; i < params.size(); i++) {
        Tensor p = params.get(i);
        Tensor g = p.grad();
        if (g == null) {
          continue;
        }
        if (weightDecay != 0) {
          g = g.add(p.mul(weightDecay));
        }
        if (momentum != 0) {
          Tensor b = buffers[i];
          if (b == null) {
            b = g.copy();
            buffers[i] = b;
          } else if (batch != null
              ? batch.add(p, g, b)
              : !nesterov && MomentumUpdate.apply(p, g, b, lr, momentum, dampening)) {
            continue; // b and p updated in one pass, to the same bits as the two lines below
          } else {
            b.mulInPlace(momentum).addInPlace(g, 1 - dampening);
          }
          g = nesterov ? g.add(b.mul(momentum)) : b;
        }
        p.addInPlace(g, -lr);
      }
      if (batch != null) {
        batch.run();
      }
    }
  }

  // whether every parameter, gradient and momentum buffer has an array of its own
  private boolean separate() {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      Tensor g = p.grad();
      if (!seen.add(p.storage())
          || (g != null && !seen.add(g.storage()))
          || (buffers[i] != null && !seen.add(buffers[i].storage()))) {
        return false;
      }
    }
    return true;
  }
}
