package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The window maxima's indices of the last few float32 max-pool forwards, so that the backward of
 * the same pooling finds them instead of searching every window again (PyTorch's forward returns
 * them, {@code max_pool2d_with_indices}; here the rule's backward is given the input, not the
 * indices, on both engines). An entry names the input by its storage (weakly: the cache keeps no
 * input alive), that storage's {@linkplain Storage#version() version}, offset and shape, and the
 * pooling's parameters; it serves a backward only if all of them are the same, so that any in-place
 * write to the input since the forward (which bumps the version, as the tape's saved-value check
 * requires) sends the backward back to the search. The indices are those the search computes, so a
 * found entry gives the same gradient bits.
 */
final class MaxPoolIndices {
  /** Forwards remembered: a network's poolings between its forward and its backward. */
  private static final int CAPACITY = 4;

  private record Entry(
      WeakReference<Storage> storage,
      int version,
      int offset,
      int[] shape,
      Pool2dParams params,
      int[] indices) {
    boolean matches(Tensor x, Pool2dParams p) {
      return storage.get() == x.storage()
          && version == x.storage().version()
          && offset == x.offset()
          && Arrays.equals(shape, x.shape())
          && params.equals(p);
    }
  }

  private static final Entry[] RECENT = new Entry[CAPACITY];

  private MaxPoolIndices() {}

  /**
   * Remembers the indices ({@code indices[plane·perPlane + output]}, each relative to its input
   * plane, -1 for a window without taps) of pooling {@code x}, a contiguous tensor, with {@code p}.
   */
  static synchronized void remember(Tensor x, Pool2dParams p, int[] indices) {
    System.arraycopy(RECENT, 0, RECENT, 1, CAPACITY - 1);
    RECENT[0] =
        new Entry(
            new WeakReference<>(x.storage()),
            x.storage().version(),
            x.offset(),
            x.shape().clone(),
            p,
            indices);
  }

  /**
   * The indices {@link #remember} was given for pooling this {@code x} with {@code p}, if its
   * elements cannot have changed since; else null.
   */
  static synchronized int[] recall(Tensor x, Pool2dParams p) {
    for (Entry e : RECENT) {
      if (e != null && e.matches(x, p)) {
        return e.indices;
      }
    }
    return null;
  }
}
