package dev.adjoint.bench.torch;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Base of the libtorch workloads: native objects that live as long as the workload (parameters,
 * data, constants) are {@linkplain #keep kept} and freed by {@link #close()}; everything a step
 * creates is freed by the {@link PointerScope} the step runs in. Run the JVM with {@code
 * -Dorg.bytedeco.javacpp.nopointergc=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0} so JavaCPP
 * does not add its per-object GC bookkeeping (~1.5 µs per returned tensor).
 */
public abstract class TorchWorkload implements AutoCloseable {
  private final List<Pointer> kept = new ArrayList<>();

  /** Takes {@code p} out of the current pointer scope and frees it on {@link #close()} instead. */
  protected final <P extends Pointer> P keep(P p) {
    // detach() releases the scope's reference (and would free p): take one of our own first.
    p.retainReference();
    PointerScope scope = PointerScope.getInnerScope();
    if (scope != null) {
      scope.detach(p);
    }
    kept.add(p);
    return p;
  }

  /** A float32 tensor of this shape holding a copy of {@code data}. */
  protected static Tensor floats(float[] data, long... shape) {
    FloatPointer p = new FloatPointer(data);
    return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Float)).clone();
  }

  /** A float64 tensor of this shape holding a copy of {@code data}. */
  protected static Tensor doubles(double[] data, long... shape) {
    DoublePointer p = new DoublePointer(data);
    return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Double)).clone();
  }

  /** Zeroes a leaf's gradient, if a backward pass has created one. */
  protected static void zeroGrad(Tensor leaf) {
    Tensor g = leaf.grad();
    if (g.defined()) {
      g.zero_();
    }
  }

  /** A copy of a float64 tensor's elements, in row-major order. */
  protected static double[] toDoubles(Tensor t) {
    try (PointerScope scope = new PointerScope()) {
      Tensor c = t.detach().contiguous();
      double[] out = new double[(int) c.numel()];
      new DoublePointer(c.data_ptr()).get(out);
      return out;
    }
  }

  /** A copy of a float32 tensor's elements, in row-major order. */
  protected static float[] toFloats(Tensor t) {
    try (PointerScope scope = new PointerScope()) {
      Tensor c = t.detach().contiguous();
      float[] out = new float[(int) c.numel()];
      new FloatPointer(c.data_ptr()).get(out);
      return out;
    }
  }

  @Override
  public void close() {
    for (int i = kept.size() - 1; i >= 0; i--) {
      kept.get(i).close();
    }
    kept.clear();
  }
}
