package dev.adjoint.bench.torch;

import dev.adjoint.runtime.nn.Module;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * torchvision's ResNet of basic blocks written with libtorch's functional operations ({@code
 * conv2d}, {@code batch_norm}, {@code relu}, {@code max_pool2d}, {@code adaptive_avg_pool2d},
 * {@code linear}) in torchvision's order, its weights given by name as in a torchvision state dict,
 * trained by libtorch's own {@code SGD}. The reference our ResNet is checked against, and the
 * libtorch side of the R6 benchmark.
 *
 * <p>The layout comes from the names alone: layer {@code l} has the blocks {@code layer<l>.<b>}
 * present in the state, the first block of layers 2 to 4 has stride 2, and a block has a shortcut
 * convolution when its {@code downsample.0.weight} is present.
 */
public final class TorchResNet extends TorchWorkload {
  /** One named tensor of the state; {@code parameter} ones are trained, the others are buffers. */
  public record Entry(String name, long[] shape, double[] values, boolean parameter) {}

  private static final double MOMENTUM = 0.1;
  private static final double EPS = 1e-5;

  private final boolean float64;
  private double reluMargin = Double.POSITIVE_INFINITY;
  private double poolGap = Double.POSITIVE_INFINITY;
  private final Map<String, Tensor> tensors = new LinkedHashMap<>();
  private final SGD optimizer;

  /**
   * The model holding {@code state} (float entries only: {@code num_batches_tracked} is counted by
   * the module, not by the functional batch norm) in float64 or float32, trained with {@code
   * SGD(lr, momentum)}.
   */
  public TorchResNet(List<Entry> state, boolean float64, double lr, double momentum) {
    this.float64 = float64;
    try (PointerScope scope = new PointerScope()) {
      TensorVector params = keep(new TensorVector());
      for (Entry e : state) {
        Tensor t = keep(float64 ? doubles(e.values(), e.shape()) : floats(toFloat(e), e.shape()));
        if (e.parameter()) {
          t.requires_grad_(true);
          params.push_back(t);
        }
        tensors.put(e.name(), t);
      }
      SGDOptions options = keep(new SGDOptions(lr));
      options.momentum().put(momentum);
      optimizer = keep(new SGD(params, options));
    }
  }

  /** {@code model}'s state as entries: its parameters and floating-point buffers, by name. */
  public static List<Entry> stateOf(Module model) {
    Map<String, dev.adjoint.runtime.tensor.Tensor> params = model.namedParameters();
    List<Entry> out = new ArrayList<>();
    model
        .stateDict()
        .forEach(
            (name, t) -> {
              if (t.dtype().isFloatingPoint()) {
                long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
                out.add(new Entry(name, shape, t.toArray(), params.containsKey(name)));
              }
            });
    return out;
  }

  private static float[] toFloat(Entry e) {
    float[] out = new float[e.values().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) e.values()[i];
    }
    return out;
  }

  /**
   * One training step of R6: {@code zero_grad}, {@code loss = (model(data) − labels).sum()}, {@code
   * backward}, {@code step}; returns the loss.
   */
  public double step(double[] data, long[] dataShape, double[] labels, long[] labelShape) {
    try (PointerScope scope = new PointerScope()) {
      optimizer.zero_grad();
      Tensor x = input(data, dataShape);
      Tensor y = input(labels, labelShape);
      Tensor loss = forward(x).sub(y).sum();
      loss.backward();
      optimizer.step();
      return loss.item_double();
    }
  }

  private Tensor input(double[] values, long[] shape) {
    return float64
        ? doubles(values, shape)
        : floats(toFloat(new Entry("", shape, values, false)), shape);
  }

  /** Class scores [N, classes] for images [N, 3, H, W], in training mode. */
  Tensor forward(Tensor x) {
    x = torch.conv2d(x, get("conv1.weight"), new TensorOptional(), pair(2), pair(3), pair(1), 1);
    x = relu(batchNorm(x, "bn1."));
    poolGap = Math.min(poolGap, poolGap(x));
    x = torch.max_pool2d(x, pair(3), pair(2), pair(1), pair(1), false);
    for (int layer = 1; layer <= 4; layer++) {
      for (int block = 0; tensors.containsKey(prefix(layer, block) + "conv1.weight"); block++) {
        x = basicBlock(x, prefix(layer, block), layer > 1 && block == 0 ? 2 : 1);
      }
    }
    x = torch.adaptive_avg_pool2d(x, 1, 1);
    x = torch.flatten(x, 1, -1);
    return torch.linear(x, get("fc.weight"), new TensorOptional(get("fc.bias")));
  }

  private static String prefix(int layer, int block) {
    return "layer" + layer + "." + block + ".";
  }

  private Tensor basicBlock(Tensor x, String p, int stride) {
    Tensor out = conv(x, p + "conv1.weight", stride, 1);
    out = relu(batchNorm(out, p + "bn1."));
    out = batchNorm(conv(out, p + "conv2.weight", 1, 1), p + "bn2.");
    Tensor identity = x;
    if (tensors.containsKey(p + "downsample.0.weight")) {
      identity = batchNorm(conv(x, p + "downsample.0.weight", stride, 0), p + "downsample.1.");
    }
    return relu(out.add(identity));
  }

  private Tensor relu(Tensor x) {
    reluMargin = Math.min(reluMargin, x.detach().abs().amin().item_double());
    return torch.relu(x);
  }

  // the smallest gap between the largest and the second largest value of a 3×3 stride-2 window
  // of the stem's max pool, over windows whose largest value is positive (ReLU passes it on)
  private static double poolGap(Tensor r) {
    long n = r.size(0);
    long c = r.size(1);
    Tensor cols = torch.im2col(r.detach(), pair(3), pair(1), pair(1), pair(2));
    Tensor top = torch.topk(cols.view(n, c, 9, -1), 2, 2, true, true).get0();
    Tensor first = top.select(2, 0);
    Tensor gap = first.sub(top.select(2, 1));
    return torch
        .where(
            first.gt(new Scalar(0.0)),
            gap,
            torch.full_like(gap, new Scalar(Double.POSITIVE_INFINITY)))
        .amin()
        .item_double();
  }

  /**
   * How far the last forward stayed from the kinks where float32 rounding could change the
   * gradient: the smallest |x| of any ReLU's input, and the smallest gap between a max-pool
   * window's two largest values. A float32 gradient equals the float64 one to rounding only when
   * both exceed float32's error in those values.
   */
  public record Margins(double relu, double pool) {}

  public Margins margins() {
    return new Margins(reluMargin, poolGap);
  }

  private Tensor conv(Tensor x, String weight, int stride, int padding) {
    return torch.conv2d(
        x, get(weight), new TensorOptional(), pair(stride), pair(padding), pair(1), 1);
  }

  private Tensor batchNorm(Tensor x, String p) {
    return torch.batch_norm(
        x,
        new TensorOptional(get(p + "weight")),
        new TensorOptional(get(p + "bias")),
        new TensorOptional(get(p + "running_mean")),
        new TensorOptional(get(p + "running_var")),
        true,
        MOMENTUM,
        EPS,
        false);
  }

  private static long[] pair(long v) {
    return new long[] {v, v};
  }

  private Tensor get(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("TorchResNet: the state has no " + name);
    }
    return t;
  }

  /** The current values of {@code name} (a parameter or a buffer), row-major. */
  public double[] value(String name) {
    return values(get(name));
  }

  /** The gradient of parameter {@code name} from the last step. */
  public double[] grad(String name) {
    try (PointerScope scope = new PointerScope()) {
      return values(get(name).grad());
    }
  }

  private double[] values(Tensor t) {
    if (float64) {
      return toDoubles(t);
    }
    float[] f = toFloats(t);
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }
}
