package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.rules.Conv2dParams;

/**
 * The sizes of one convolution, named as in the formulas: input [n, c, h, w], weight [o, cg, kh,
 * kw] with {@code cg = c/groups} input and {@code og = o/groups} output channels per group, output
 * [n, o, oh, ow]; {@code k = cg·kh·kw} is the length of one patch (a row of the weight as a
 * matrix), {@code l = oh·ow} the pixels of one output plane.
 */
final class ConvGeometry {
  final Conv2dParams p;
  final int n;
  final int c;
  final int h;
  final int w;
  final int o;
  final int cg;
  final int og;
  final int kh;
  final int kw;
  final int oh;
  final int ow;
  final int k;
  final int l;

  ConvGeometry(int[] input, int[] weight, Conv2dParams p) {
    this.p = p;
    n = input[0];
    c = input[1];
    h = input[2];
    w = input[3];
    o = weight[0];
    cg = weight[1];
    kh = weight[2];
    kw = weight[3];
    og = o / p.groups();
    oh = p.outputHeight(h, kh);
    ow = p.outputWidth(w, kw);
    k = cg * kh * kw;
    l = oh * ow;
  }

  int group(int outputChannel) {
    return outputChannel / og;
  }

  /** A 1 × 1 kernel with stride 1 and no padding: the patches are the input's pixels themselves. */
  boolean pointwise() {
    return kh == 1
        && kw == 1
        && p.strideH() == 1
        && p.strideW() == 1
        && p.padH() == 0
        && p.padW() == 0;
  }
}
