package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The convolution kernels written as their definitions: one loop per index, every product
 * accumulated in {@code double} and rounded once when stored, operands read through their strides.
 * They are the oracle the fast kernels ({@link FastConvolution}) are tested against; see {@link
 * dev.adjoint.runtime.backend.NnKernels} for what each computes.
 */
final class ReferenceConvolution {
  private ReferenceConvolution() {}

  static Tensor forward(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    ConvGeometry s = new ConvGeometry(input.shape(), weight.shape(), p);
    Values x = new Values(input);
    Values w = new Values(weight);
    double[] y = new double[s.n * s.o * s.oh * s.ow];
    for (int n = 0; n < s.n; n++) {
      for (int o = 0; o < s.o; o++) {
        double b = bias == null ? 0 : bias.storage().get(at(bias, o));
        for (int i = 0; i < s.oh; i++) {
          for (int j = 0; j < s.ow; j++) {
            double sum = b;
            for (int c = 0; c < s.cg; c++) {
              int ci = s.group(o) * s.cg + c;
              for (int a = 0; a < s.kh; a++) {
                int h = i * p.strideH() - p.padH() + a * p.dilationH();
                for (int bb = 0; bb < s.kw; bb++) {
                  int col = j * p.strideW() - p.padW() + bb * p.dilationW();
                  if (h >= 0 && h < s.h && col >= 0 && col < s.w) {
                    sum += x.get(n, ci, h, col) * w.get(o, c, a, bb);
                  }
                }
              }
            }
            y[((n * s.o + o) * s.oh + i) * s.ow + j] = sum;
          }
        }
      }
    }
    return Tensor.fromArray(input.dtype(), y, s.n, s.o, s.oh, s.ow);
  }

  static Tensor inputGrad(Tensor gradient, Tensor weight, int[] inputShape, Conv2dParams p) {
    ConvGeometry s = new ConvGeometry(inputShape, weight.shape(), p);
    Values g = new Values(gradient);
    Values w = new Values(weight);
    double[] dx = new double[s.n * s.c * s.h * s.w];
    for (int n = 0; n < s.n; n++) {
      for (int o = 0; o < s.o; o++) {
        for (int i = 0; i < s.oh; i++) {
          for (int j = 0; j < s.ow; j++) {
            double gv = g.get(n, o, i, j);
            for (int c = 0; c < s.cg; c++) {
              int ci = s.group(o) * s.cg + c;
              for (int a = 0; a < s.kh; a++) {
                int h = i * p.strideH() - p.padH() + a * p.dilationH();
                for (int b = 0; b < s.kw; b++) {
                  int col = j * p.strideW() - p.padW() + b * p.dilationW();
                  if (h >= 0 && h < s.h && col >= 0 && col < s.w) {
                    dx[((n * s.c + ci) * s.h + h) * s.w + col] += gv * w.get(o, c, a, b);
                  }
                }
              }
            }
          }
        }
      }
    }
    return Tensor.fromArray(gradient.dtype(), dx, inputShape);
  }

  static Tensor weightGrad(Tensor gradient, Tensor input, int[] weightShape, Conv2dParams p) {
    ConvGeometry s = new ConvGeometry(input.shape(), weightShape, p);
    Values g = new Values(gradient);
    Values x = new Values(input);
    double[] dw = new double[s.o * s.cg * s.kh * s.kw];
    for (int o = 0; o < s.o; o++) {
      for (int c = 0; c < s.cg; c++) {
        int ci = s.group(o) * s.cg + c;
        for (int a = 0; a < s.kh; a++) {
          for (int b = 0; b < s.kw; b++) {
            double sum = 0;
            for (int n = 0; n < s.n; n++) {
              for (int i = 0; i < s.oh; i++) {
                int h = i * p.strideH() - p.padH() + a * p.dilationH();
                for (int j = 0; j < s.ow; j++) {
                  int col = j * p.strideW() - p.padW() + b * p.dilationW();
                  if (h >= 0 && h < s.h && col >= 0 && col < s.w) {
                    sum += g.get(n, o, i, j) * x.get(n, ci, h, col);
                  }
                }
              }
            }
            dw[((o * s.cg + c) * s.kh + a) * s.kw + b] = sum;
          }
        }
      }
    }
    return Tensor.fromArray(gradient.dtype(), dw, weightShape);
  }

  /** Σ over every dimension but 1, in double. */
  static Tensor channelSum(Tensor g) {
    int[] shape = g.shape();
    int channels = shape[1];
    double[] sum = new double[channels];
    Indexer gi = Indexer.of(g, shape);
    int inner = g.numel() / Math.max(1, shape[0] * channels);
    Storage gs = g.storage();
    for (int i = 0, n = g.numel(); i < n; i++) {
      sum[(i / inner) % channels] += gs.get(gi.at(i));
    }
    return Tensor.fromArray(g.dtype(), sum, channels);
  }

  static double get(Tensor t, int i0, int i1, int i2, int i3) {
    int[] st = t.strides();
    return t.storage().get(t.offset() + i0 * st[0] + i1 * st[1] + i2 * st[2] + i3 * st[3]);
  }

  /** A 4-D tensor's elements read once into a row-major double array. */
  private static final class Values {
    private final double[] v;
    private final int d1;
    private final int d2;
    private final int d3;

    Values(Tensor t) {
      v = t.toArray();
      int[] s = t.shape();
      d1 = s[1];
      d2 = s[2];
      d3 = s[3];
    }

    double get(int i0, int i1, int i2, int i3) {
      return v[((i0 * d1 + i1) * d2 + i2) * d3 + i3];
    }
  }

  private static int at(Tensor t, int i) {
    return t.offset() + i * t.strides()[0];
  }
}
