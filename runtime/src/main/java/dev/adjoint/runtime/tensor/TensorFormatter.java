package dev.adjoint.runtime.tensor;

import dev.adjoint.runtime.autograd.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints tensors the way PyTorch does, so that output can be compared with PyTorch's by eye: all
 * integral values print as {@code 36.}, otherwise four decimals ({@code 0.2514}), or scientific
 * notation ({@code 9.7513e-05}) when the magnitudes span more than three decades or leave [1e-4,
 * 1e8); elements are padded to one width; nested rows line up under the first; tensors of more than
 * 1000 elements show three entries at each end of each dimension around {@code ...}.
 */
final class TensorFormatter {
  private static final String PREFIX = "tensor(";
  private static final int SUMMARY_THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;

  private TensorFormatter() {}

  static String format(Tensor shownTensor) {
    // a device tensor prints its host copy's elements, and where it lives, as PyTorch does
    Tensor t = shownTensor.isCuda() ? detachedCopyOnHost(shownTensor) : shownTensor;
    boolean summarize = t.numel() > SUMMARY_THRESHOLD;
    double[] values;
    if (summarize) {
      List<Double> shown = new ArrayList<>();
      collect(t, t.shape(), 0, new int[t.dim()], shown);
      values = shown.stream().mapToDouble(Double::doubleValue).toArray();
    } else {
      values = t.toArray();
    }
    String[] cells = formatCells(t.dtype(), values);
    int width = 0;
    for (String cell : cells) {
      width = Math.max(width, cell.length());
    }
    StringBuilder out = new StringBuilder(PREFIX);
    if (t.dim() == 0) {
      out.append(cells[0]);
    } else {
      appendBlock(out, t.shape(), 0, new int[] {0}, cells, width, summarize);
    }
    if (shownTensor.isCuda()) {
      out.append(", device='").append(shownTensor.device()).append('\'');
    }
    if (t.dtype() == DType.FLOAT64) {
      out.append(", dtype=torch.float64");
    }
    Node fn = shownTensor.gradFn();
    if (fn != null) {
      out.append(", grad_fn=<").append(fn.name()).append('>');
    } else if (shownTensor.requiresGrad()) {
      out.append(", requires_grad=True");
    }
    return out.append(')').toString();
  }

  private static Tensor detachedCopyOnHost(Tensor t) {
    Storage host = ((DeviceStorage) t.storage()).download();
    return Tensor.view(host, t.offset(), t.shape(), t.strides());
  }

  // With more than SUMMARY_THRESHOLD elements, only EDGE_ITEMS at each end of each dimension show.
  private static int[] shownIndices(int n, boolean summarize) {
    if (summarize && n > 2 * EDGE_ITEMS) {
      int[] shown = new int[2 * EDGE_ITEMS];
      for (int k = 0; k < EDGE_ITEMS; k++) {
        shown[k] = k;
        shown[EDGE_ITEMS + k] = n - EDGE_ITEMS + k;
      }
      return shown;
    }
    int[] all = new int[n];
    for (int k = 0; k < n; k++) {
      all[k] = k;
    }
    return all;
  }

  private static void collect(Tensor t, int[] shape, int depth, int[] index, List<Double> out) {
    for (int i : shownIndices(shape[depth], true)) {
      index[depth] = i;
      if (depth == shape.length - 1) {
        out.add(t.get(index));
      } else {
        collect(t, shape, depth + 1, index, out);
      }
    }
  }

  private static void appendBlock(
      StringBuilder out,
      int[] shape,
      int depth,
      int[] next,
      String[] cells,
      int width,
      boolean summarize) {
    out.append('[');
    int[] shown = shownIndices(shape[depth], summarize);
    boolean last = depth == shape.length - 1;
    String separator =
        last
            ? ", "
            : "," + "\n".repeat(shape.length - depth - 1) + " ".repeat(PREFIX.length() + depth + 1);
    for (int k = 0; k < shown.length; k++) {
      if (k > 0) {
        out.append(separator);
        if (shown[k] != shown[k - 1] + 1) {
          out.append(last ? " ..." : "...").append(separator);
        }
      }
      if (last) {
        String cell = cells[next[0]++];
        out.append(" ".repeat(width - cell.length())).append(cell);
      } else {
        appendBlock(out, shape, depth + 1, next, cells, width, summarize);
      }
    }
    out.append(']');
  }

  private static String[] formatCells(DType dtype, double[] values) {
    String[] cells = new String[values.length];
    if (dtype == DType.BOOL) {
      for (int i = 0; i < values.length; i++) {
        cells[i] = values[i] != 0 ? "True" : "False";
      }
      return cells;
    }
    if (dtype == DType.INT64) {
      for (int i = 0; i < values.length; i++) {
        cells[i] = Long.toString((long) values[i]);
      }
      return cells;
    }
    boolean integral = true;
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        continue;
      }
      integral &= v == Math.rint(v);
      double a = Math.abs(v);
      if (a != 0) {
        min = Math.min(min, a);
        max = Math.max(max, a);
      }
    }
    boolean scientific = max > 1e8 || (!integral && max != 0 && (max / min > 1000 || min < 1e-4));
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        cells[i] = "nan";
      } else if (Double.isInfinite(v)) {
        cells[i] = v > 0 ? "inf" : "-inf";
      } else if (scientific) {
        cells[i] = String.format(Locale.ROOT, "%.4e", v);
      } else if (integral) {
        cells[i] = String.format(Locale.ROOT, "%.0f.", v);
      } else {
        cells[i] = String.format(Locale.ROOT, "%.4f", v);
      }
    }
    return cells;
  }
}
