package dev.adjoint.runtime.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The autograd behaviours users rely on (REFERENCE.md's last section), and the tape's errors. */
class TapeBehaviourTest {
  @Test
  void leavesAndNonLeaves() {
    Tensor w = Tensor.of(1, 2).requiresGrad(true);
    Tensor y = w.mul(3);
    assertTrue(w.isLeaf());
    assertFalse(y.isLeaf());
    assertTrue(y.requiresGrad());
    assertNull(w.grad());
    assertEquals("MulBackward0", y.gradFn().name());
    assertSame(w, ((AccumulateGrad) y.gradFn().nextFunctions().get(0)).variable());
    assertNull(y.gradFn().nextFunctions().get(1));
    assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
    assertThrows(IllegalArgumentException.class, () -> Tensor.ofLongs(1).requiresGrad(true));
  }

  @Test
  void gradientsAccumulateUntilZeroed() {
    Tensor w = Tensor.of(1, 2).requiresGrad(true);
    w.mul(w).sum().backward();
    w.mul(w).sum().backward();
    assertArrayEquals(new double[] {4, 8}, w.grad().toArray());
    w.zeroGrad();
    w.mul(3).sum().backward();
    assertArrayEquals(new double[] {3, 3}, w.grad().toArray());
  }

  @Test
  void aValueUsedTwiceGetsBothContributions() {
    Tensor x = Tensor.scalar(3).requiresGrad(true);
    Tensor y = x.mul(x).add(x.exp().log()); // x² + x
    y.backward();
    assertEquals(7.0, x.grad().item(), 1e-6);
  }

  /**
   * A leaf takes over a gradient backward computed instead of copying it (AccumulateGrad), but
   * never one that something else holds: the caller's seed, a gradient passed on unchanged to two
   * leaves, a value saved in the graph.
   */
  @Test
  void firstGradientsNeverAliasTheSeedAnotherLeafOrTheGraph() {
    Tensor a = Tensor.of(1, 2).requiresGrad(true);
    Tensor b = Tensor.of(3, 4).requiresGrad(true);
    Tensor seed = Tensor.of(10, 20);
    a.add(b).backward(seed); // AddBackward0 hands the seed itself to both leaves
    assertNotSame(seed.storage(), a.grad().storage());
    assertNotSame(seed.storage(), b.grad().storage());
    assertNotSame(a.grad().storage(), b.grad().storage());
    try (GradMode.Scope s = GradMode.noGrad()) {
      a.grad().addInPlace(Tensor.of(1, 1), 1);
      seed.addInPlace(Tensor.of(1, 1), 1);
    }
    assertArrayEquals(new double[] {11, 21}, a.grad().toArray());
    assertArrayEquals(new double[] {10, 20}, b.grad().toArray());

    // a computed gradient reaching two leaves: one may take it, the other gets a copy
    Tensor c = Tensor.of(1, 2).requiresGrad(true);
    Tensor d = Tensor.of(5, 6).requiresGrad(true);
    c.mul(d).mul(2).sum().backward(); // mul's gradient 2 * ... computed, then split
    Tensor e = Tensor.of(1, 2).requiresGrad(true);
    Tensor f = Tensor.of(5, 6).requiresGrad(true);
    e.add(f).mul(3).sum().backward(); // MulBackward's 3 * 1 goes to both leaves through add
    assertNotSame(e.grad().storage(), f.grad().storage());
    try (GradMode.Scope s = GradMode.noGrad()) {
      e.grad().addInPlace(Tensor.of(1, 1), 1);
    }
    assertArrayEquals(new double[] {4, 4}, e.grad().toArray());
    assertArrayEquals(new double[] {3, 3}, f.grad().toArray());
    assertArrayEquals(new double[] {10, 12}, c.grad().toArray());
    assertArrayEquals(new double[] {2, 4}, d.grad().toArray());

    // a leaf's own backward with the caller's seed
    Tensor g = Tensor.of(7, 8).requiresGrad(true);
    Tensor gSeed = Tensor.of(1, 2);
    g.backward(gSeed);
    assertNotSame(gSeed.storage(), g.grad().storage());

    // accumulation into an adopted gradient leaves everything else alone
    Tensor w = Tensor.of(1, 2).requiresGrad(true);
    Tensor x = Tensor.of(3, 4);
    Tensor y = w.mul(x);
    y.sum().backward(Tensor.scalar(1), true);
    Tensor first = w.grad();
    assertFalse(first.storage().adopt(), "x * 1, computed by backward, was taken over");
    y.sum().backward();
    assertSame(first, w.grad());
    assertArrayEquals(new double[] {6, 8}, w.grad().toArray());
    assertArrayEquals(new double[] {3, 4}, x.toArray());
  }

  @Test
  void noGradScopeRecordsNothingAndRestores() {
    Tensor w = Tensor.of(1).requiresGrad(true);
    try (GradMode.Scope s = GradMode.noGrad()) {
      Tensor y = w.mul(2);
      assertFalse(y.requiresGrad());
      assertNull(y.gradFn());
      w.subInPlace(Tensor.of(0.5)); // allowed: not recorded
    }
    assertTrue(GradMode.isEnabled());
    assertTrue(w.mul(2).requiresGrad());
    assertEquals(0.5, w.item());
  }

  @Test
  void detachMakesAConstant() {
    Tensor w = Tensor.of(2).requiresGrad(true);
    Tensor c = w.mul(3).detach();
    assertFalse(c.requiresGrad());
    w.mul(c).sum().backward();
    assertArrayEquals(new double[] {6}, w.grad().toArray());
  }

  @Test
  void backwardOnNonScalarNeedsASeedOfTheSameShape() {
    Tensor a = Tensor.of(1, 2).requiresGrad(true);
    Tensor q = a.mul(a);
    IllegalArgumentException noSeed = assertThrows(IllegalArgumentException.class, q::backward);
    assertTrue(noSeed.getMessage().contains("[2]"), noSeed::getMessage);
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> q.backward(Tensor.of(1, 1, 1)));
    assertTrue(wrong.getMessage().contains("[3]") && wrong.getMessage().contains("[2]"));
  }

  @Test
  void backwardOnATensorThatDoesNotRequireGrad() {
    assertThrows(IllegalStateException.class, () -> Tensor.of(1).sum().backward());
  }

  @Test
  void secondBackwardThroughAFreedGraphFailsClearly() {
    Tensor a = Tensor.of(1, 2).requiresGrad(true);
    Tensor loss = a.mul(a).sum();
    loss.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("second time"), e::getMessage);
    assertTrue(e.getMessage().contains("retainGraph"), e::getMessage);
  }

  @Test
  void retainGraphAllowsASecondBackward() {
    Tensor a = Tensor.of(1, 2).requiresGrad(true);
    Tensor loss = a.mul(a).sum();
    loss.backward(null, true);
    loss.backward();
    assertArrayEquals(new double[] {4, 8}, a.grad().toArray());
    assertTrue(loss.gradFn().isReleased());
  }

  @Test
  void inPlaceChangeOfASavedValueIsAnError() {
    Tensor w = Tensor.of(1, 2).requiresGrad(true);
    Tensor x = Tensor.of(3, 4);
    Tensor y = w.mul(x).sum(); // MulBackward0 saved x
    x.addInPlace(Tensor.of(1, 1));
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("MulBackward0"), e::getMessage);
    assertTrue(e.getMessage().contains("version 1; expected version 0"), e::getMessage);
  }

  @Test
  void inPlaceChangeOfAValueNoRuleReadsIsFine() {
    Tensor w = Tensor.of(1, 2).requiresGrad(true);
    Tensor x = Tensor.of(3, 4);
    Tensor y = w.add(x).sum(); // d(w + x)/dw reads neither value
    x.addInPlace(Tensor.of(1, 1));
    y.backward();
    assertArrayEquals(new double[] {1, 1}, w.grad().toArray());
    Tensor v = Tensor.of(1, 2).requiresGrad(true);
    Tensor c = Tensor.of(5, 6);
    Tensor z = c.mul(v).sum(); // d(c·v)/dv reads c, not v: changing v afterwards is harmless
    try (GradMode.Scope s = GradMode.noGrad()) {
      v.addInPlace(Tensor.of(1, 1));
    }
    z.backward();
    assertArrayEquals(new double[] {5, 6}, v.grad().toArray());
  }

  @Test
  void inPlaceChangeOfASavedResultIsAnError() {
    Tensor a = Tensor.of(1, 2).requiresGrad(true);
    Tensor e = a.exp(); // d exp = exp: the result is read
    Tensor loss = e.sum();
    try (GradMode.Scope s = GradMode.noGrad()) {
      e.mulInPlace(2);
    }
    assertThrows(IllegalStateException.class, loss::backward);
  }

  @Test
  void inPlaceOnATensorThatRequiresGradIsRefusedWhileRecording() {
    Tensor w = Tensor.of(1, 2).requiresGrad(true);
    assertThrows(IllegalStateException.class, () -> w.addInPlace(Tensor.of(1, 1)));
  }

  @Test
  void intermediateGradientsAreNotKept() {
    Tensor a = Tensor.of(1).requiresGrad(true);
    Tensor b = a.mul(2);
    b.sum().backward();
    assertNull(b.grad());
    assertArrayEquals(new double[] {2}, a.grad().toArray());
  }

  @Test
  void gradientsOfFloat32LeavesStayFloat32() {
    Tensor w = Tensor.of(1, 2).requiresGrad(true);
    w.mul(Tensor.fromArray(DType.FLOAT64, new double[] {1, 1}, 2)).sum().backward();
    assertEquals(DType.FLOAT32, w.grad().dtype());
  }

  @Test
  void gradientsFlowThroughViewsIntoTheBase() {
    Tensor w = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
    Tensor y = w.t().narrow(0, 1, 2).reshape(4).mul(Tensor.of(1, 2, 3, 4)).sum();
    y.backward();
    assertArrayEquals(new double[] {0, 1, 3, 0, 2, 4}, w.grad().toArray());
  }

  @Test
  void catAndStackRouteGradientsBack() {
    Tensor a = Tensor.of(1, 2).requiresGrad(true);
    Tensor b = Tensor.of(3).requiresGrad(true);
    Tensor.cat(List.of(a, b), 0).mul(Tensor.of(10, 20, 30)).sum().backward();
    assertArrayEquals(new double[] {10, 20}, a.grad().toArray());
    assertArrayEquals(new double[] {30}, b.grad().toArray());
  }

  @Test
  void longTrainingLoopsRunInBoundedMemory() {
    Tensor tc = Tensor.of(ReferenceCasesTest.T_C);
    Tensor tun = Tensor.of(ReferenceCasesTest.T_U).mul(0.1);
    Tensor params = Tensor.of(1.0, 0.0).requiresGrad(true);
    Runtime rt = Runtime.getRuntime();
    long baseline = 0;
    for (int epoch = 1; epoch <= 100_000; epoch++) {
      params.zeroGrad();
      Tensor loss = ReferenceCasesTest.loss(ReferenceCasesTest.model(tun, params), tc);
      loss.backward();
      // the graph is released: the loss's node holds nothing any more
      assertTrue(loss.gradFn().isReleased());
      try (GradMode.Scope s = GradMode.noGrad()) {
        params.addInPlace(params.grad(), -1e-2);
      }
      if (epoch == 1_000) {
        baseline = usedAfterGc(rt);
      }
    }
    long end = usedAfterGc(rt);
    assertTrue(
        end - baseline < 8 << 20,
        "heap grew by " + (end - baseline) + " bytes over 99 000 training steps");
    assertEquals(5.3671, params.get(0), 1e-3);
  }

  private static long usedAfterGc(Runtime rt) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
