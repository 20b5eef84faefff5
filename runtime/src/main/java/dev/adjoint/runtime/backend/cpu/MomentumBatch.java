package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link MomentumUpdate} of many parameters in one pass split over the GEMM threads: the
 * parameters' elements laid end to end, and the range {@code [0, total)} cut into parts (see {@link
 * ParallelRanges#elements}), each part updating the pieces of the parameters it covers. One job per
 * optimizer step instead of one per parameter, and the small parameters (ResNet-18's first layers,
 * batch norm's weights) no longer left to the caller alone. Every element is computed as {@link
 * MomentumUpdate#apply} computes it, so the bits are the same however it is split.
 *
 * <p>The caller must only batch parameters whose updates commute: no parameter, gradient or buffer
 * may share an array with another parameter's (see {@code Sgd}, which checks this before it
 * batches). Not thread-safe; one batch per step.
 */
public final class MomentumBatch {
  private final double lr;
  private final double momentum;
  private final double dampening;
  private final List<Tensor[]> members = new ArrayList<>();
  private int[] starts = new int[8];
  private long total;

  public MomentumBatch(double lr, double momentum, double dampening) {
    this.lr = lr;
    this.momentum = momentum;
    this.dampening = dampening;
  }

  /**
   * Adds one parameter's update and returns true; false (nothing kept) where {@link
   * MomentumUpdate#apply} would not take the operands, or the batch would pass 2^31 - 1 elements.
   */
  public boolean add(Tensor param, Tensor grad, Tensor buffer) {
    if (!MomentumUpdate.applies(param, grad, buffer) || total + param.numel() > Integer.MAX_VALUE) {
      return false;
    }
    if (members.size() == starts.length) {
      starts = Arrays.copyOf(starts, 2 * starts.length);
    }
    starts[members.size()] = (int) total;
    members.add(new Tensor[] {param, grad, buffer});
    total += param.numel();
    return true;
  }

  /** Updates every parameter and buffer added, then empties the batch. */
  public void run() {
    int count = members.size();
    if (count == 0) {
      return;
    }
    ParallelRanges.elements((int) total, this::updateRange);
    for (Tensor[] m : members) {
      m[0].storage().bumpVersion();
      m[2].storage().bumpVersion();
    }
    members.clear();
    total = 0;
  }

  // the pieces of [lo, hi) of the end-to-end elements, parameter by parameter
  private void updateRange(int lo, int hi) {
    int count = members.size();
    int i = Arrays.binarySearch(starts, 0, count, lo);
    if (i < 0) {
      i = -i - 2; // the member whose range holds lo
    }
    for (; i < count && starts[i] < hi; i++) {
      Tensor[] m = members.get(i);
      int start = starts[i];
      int from = Math.max(lo, start) - start;
      int to = Math.min(hi, start + m[0].numel()) - start;
      if (from < to) {
        MomentumUpdate.update(m[0], m[1], m[2], lr, momentum, dampening, from, to);
      }
    }
  }
}
