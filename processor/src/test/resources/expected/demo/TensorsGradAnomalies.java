package demo;

import dev.adjoint.runtime.autograd.Adjoints;
import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.autograd.Fused;
import dev.adjoint.runtime.autograd.GeneratedAnomalies;
import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorAlgebra;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.tape.Tape;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link Tensors}, generated at
 * build time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class TensorsGradAnomalies {
  private TensorsGradAnomalies() {
  }

  /**
   * Runs {@link Tensors#loss(Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward()} would after it: returns the value and adds its gradient into
   * {@code .grad()} of every tensor it reads that requires grad (tensor parameters and the
   * receiver's tensors). The value must have one element.
   */
  public static Tensor lossBackward(Tensors self, Tensor x, Tensor target) {
    return lossBackward(self, x, target, null);
  }

  /**
   * Runs {@link Tensors#loss(Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward(seed)} would after it: returns the value and adds {@code seed} times its
   * Jacobian (the vector-Jacobian product) into {@code .grad()} of every tensor it reads that
   * requires grad. A {@code null} {@code seed} stands for 1 and needs a one-element value.
   */
  public static Tensor lossBackward(Tensors self, Tensor x, Tensor target, Tensor seed) {
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      // the dynamic tape records nothing: the adjoint is written out below
      TensorAlgebra<Tensor> tensors = Adjoints.algebra();
      Tensor hiddenWeight = self.hidden.weight(); // a parameter of the model
      Tensor hiddenBias = self.hidden.bias(); // a parameter of the model
      Tensor scale_1 = self.scale; // a parameter of the model
      boolean hiddenWeightNeedsGrad = Adjoints.requiresGrad(hiddenWeight);
      boolean hiddenBiasNeedsGrad = Adjoints.requiresGrad(hiddenBias);
      boolean scale_1NeedsGrad = Adjoints.requiresGrad(scale_1);
      boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
      // forward sweep: the primal, keeping what the reverse sweep reads
      Tensor t1 = hiddenWeight.t(); // Tensors.java:22
      if (anomalies) GeneratedAnomalies.forward(t1, "Tensors.java:22: hiddenWeight.t()",
          hiddenWeight);
      Tensor t2 = x.matmul(t1); // Tensors.java:22
      if (anomalies) GeneratedAnomalies.forward(t2, "Tensors.java:22: x.matmul(t1)", x, t1);
      Tensor t3 = hiddenBias == null ? t2 : Adjoints.addOver(t2, hiddenBias); // Tensors.java:22
      if (anomalies) GeneratedAnomalies.forward(t3,
          "Tensors.java:22: hiddenBias == null ? t2 : Adjoints.addOver(t2, hiddenBias)", t2,
          hiddenBias);
      Tensor t4 = t3.tanh(); // Tensors.java:22
      if (anomalies) GeneratedAnomalies.forward(t4, "Tensors.java:22: t3.tanh()", t3);
      Tensor h = t4.mul(scale_1); // Tensors.java:22
      if (anomalies) GeneratedAnomalies.forward(h, "Tensors.java:22: t4.mul(scale_1)", t4, scale_1);
      Tensor t6 = Losses.mse(h, target); // Tensors.java:23
      if (anomalies) GeneratedAnomalies.forward(t6, "Tensors.java:23: Losses.mse(h, target)", h,
          target);
      // reverse sweep: adjoints, from the result back to the leaves
      long reverseStart = Adjoints.reverseStart(); // tensors made from here on are the sweep's own
      Tensor dT6 = Adjoints.seed(t6, seed); // Tensors.java:23
      Tensor dH = null; // Tensors.java:23: accumulated in the block below
      // Tensors.java:23: mse(...)
      if (dT6 != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad || scale_1NeedsGrad)) {
        // Tensors.java:23
        dH = Adjoints.partial(TensorOp.MSE_LOSS, OpParams.none(), t6, dT6, 0, h, target);
        if (anomalies) GeneratedAnomalies.reverse(dH, "Tensors.java:23: mse(...)", "h", dT6);
      }
      Tensor dT4 = null; // Tensors.java:22: accumulated in the block below
      Tensor dScale_1 = null; // Tensors.java:22: accumulated in the block below
      // Tensors.java:22: mul(...)
      if (dH != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad)) {
        dT4 = tensors.sumToShapeOf(tensors.multiply(dH, scale_1), t4); // Tensors.java:22
        if (anomalies) GeneratedAnomalies.reverse(dT4, "Tensors.java:22: mul(...)", "t4", dH);
      }
      if (dH != null && scale_1NeedsGrad) { // Tensors.java:22: mul(...)
        dScale_1 = tensors.sumToShapeOf(tensors.multiply(dH, t4), scale_1); // Tensors.java:22
        if (anomalies) GeneratedAnomalies.reverse(dScale_1, "Tensors.java:22: mul(...)", "scale_1",
            dH);
      }
      h = null; dH = null; // Tensors.java:22: not read again, released
      Tensor dT3 = null; // Tensors.java:22: accumulated in the block below
      // Tensors.java:22: tanh(...)
      if (dT4 != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad)) {
        // Tensors.java:22
        dT3 = tensors.sumToShapeOf(Fused.map(dT4, t4, (g, y) -> g * (1.0 - y * y)), t3);
        if (anomalies) GeneratedAnomalies.reverse(dT3, "Tensors.java:22: tanh(...)", "t3", dT4);
      }
      t4 = null; dT4 = null; // Tensors.java:22: not read again, released
      Tensor dT2 = null; // Tensors.java:22: accumulated in the block below
      Tensor dHiddenBias = null; // Tensors.java:22: accumulated in the block below
      if (dT3 != null && hiddenWeightNeedsGrad) { // Tensors.java:22: forward(...)
        dT2 = tensors.sumToShapeOf(dT3, t2); // Tensors.java:22
        if (anomalies) GeneratedAnomalies.reverse(dT2, "Tensors.java:22: forward(...)", "t2", dT3);
      }
      if (dT3 != null && hiddenBiasNeedsGrad) { // Tensors.java:22: forward(...)
        dHiddenBias = tensors.sumToShapeOf(dT3, hiddenBias); // Tensors.java:22
        if (anomalies) GeneratedAnomalies.reverse(dHiddenBias, "Tensors.java:22: forward(...)",
            "hiddenBias", dT3);
      }
      t3 = null; dT3 = null; // Tensors.java:22: not read again, released
      Tensor dT1 = null; // Tensors.java:22: accumulated in the block below
      if (dT2 != null && hiddenWeightNeedsGrad) { // Tensors.java:22: forward(...)
        // Tensors.java:22
        dT1 = Adjoints.partial(TensorOp.MATMUL, OpParams.none(), t2, dT2, 1, x, t1);
        if (anomalies) GeneratedAnomalies.reverse(dT1, "Tensors.java:22: forward(...)", "t1", dT2);
      }
      t2 = null; dT2 = null; // Tensors.java:22: not read again, released
      Tensor dHiddenWeight = null; // Tensors.java:22: accumulated in the block below
      if (dT1 != null && hiddenWeightNeedsGrad) { // Tensors.java:22: forward(...)
        // Tensors.java:22
        dHiddenWeight = Adjoints.partial(TensorOp.TRANSPOSE,
            Adjoints.matrixTransposition(hiddenWeight), t1, dT1, 0, hiddenWeight);
        if (anomalies) GeneratedAnomalies.reverse(dHiddenWeight, "Tensors.java:22: forward(...)",
            "hiddenWeight", dT1);
      }
      t1 = null; dT1 = null; // Tensors.java:22: not read again, released
      // into .grad() of the leaves that require it, as loss.backward() does
      Adjoints.accumulateGrads(reverseStart, new Tensor[] {hiddenWeight, hiddenBias, scale_1},
          new Tensor[] {dHiddenWeight, dHiddenBias, dScale_1});
      return t6;
    }
  }

  /**
   * Runs {@link Tensors#smooth(Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward()} would after it: returns the value and adds its gradient into
   * {@code .grad()} of every tensor it reads that requires grad (tensor parameters and the
   * receiver's tensors). The value must have one element.
   */
  public static Tensor smoothBackward(Tensor x, Tensor w) {
    return smoothBackward(x, w, null);
  }

  /**
   * Runs {@link Tensors#smooth(Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward(seed)} would after it: returns the value and adds {@code seed} times its
   * Jacobian (the vector-Jacobian product) into {@code .grad()} of every tensor it reads that
   * requires grad. A {@code null} {@code seed} stands for 1 and needs a one-element value.
   */
  public static Tensor smoothBackward(Tensor x, Tensor w, Tensor seed) {
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      // the dynamic tape records nothing: the adjoint is written out below
      TensorAlgebra<Tensor> tensors = Adjoints.algebra();
      boolean xNeedsGrad = Adjoints.requiresGrad(x);
      boolean wNeedsGrad = Adjoints.requiresGrad(w);
      boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
      // forward sweep: the primal, keeping what the reverse sweep reads
      Tensor t1 = x.mul(w); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t1, "Tensors.java:28: x.mul(w)", x, w);
      Tensor t2 = t1.sigmoid(); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t2, "Tensors.java:28: t1.sigmoid()", t1);
      Tensor t3 = x.exp(); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t3, "Tensors.java:28: x.exp()", x);
      Tensor t4 = t3.mul(0.5); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t4, "Tensors.java:28: t3.mul(0.5)", t3);
      Tensor u = t2.sub(t4); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(u, "Tensors.java:28: t2.sub(t4)", t2, t4);
      Tensor t6 = u.pow(2.0); // Tensors.java:29
      if (anomalies) GeneratedAnomalies.forward(t6, "Tensors.java:29: u.pow(2.0)", u);
      Tensor t7 = t6.sum(1); // Tensors.java:29
      if (anomalies) GeneratedAnomalies.forward(t7, "Tensors.java:29: t6.sum(1)", t6);
      Tensor t8 = t7.mean(); // Tensors.java:29
      if (anomalies) GeneratedAnomalies.forward(t8, "Tensors.java:29: t7.mean()", t7);
      // reverse sweep: adjoints, from the result back to the leaves
      long reverseStart = Adjoints.reverseStart(); // tensors made from here on are the sweep's own
      Tensor dT8 = Adjoints.seed(t8, seed); // Tensors.java:29
      Tensor dT7 = null; // Tensors.java:29: accumulated in the block below
      if (dT8 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:29: mean(...)
        // Tensors.java:29
        dT7 = Adjoints.partial(TensorOp.MEAN, Adjoints.reduction(t7, new int[0], false), t8, dT8, 0,
            t7);
        if (anomalies) GeneratedAnomalies.reverse(dT7, "Tensors.java:29: mean(...)", "t7", dT8);
      }
      Tensor dT6 = null; // Tensors.java:29: accumulated in the block below
      if (dT7 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:29: sum(...)
        // Tensors.java:29
        dT6 = Adjoints.partial(TensorOp.SUM, Adjoints.reduction(t6, new int[] {1}, false), t7, dT7,
            0, t6);
        if (anomalies) GeneratedAnomalies.reverse(dT6, "Tensors.java:29: sum(...)", "t6", dT7);
      }
      t7 = null; dT7 = null; // Tensors.java:29: not read again, released
      Tensor dU = null; // Tensors.java:29: accumulated in the block below
      if (dT6 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:29: pow(...)
        dU = tensors.sumToShapeOf(Fused.map(dT6, u, (g, a) -> g * (2.0 * a)), u); // Tensors.java:29
        if (anomalies) GeneratedAnomalies.reverse(dU, "Tensors.java:29: pow(...)", "u", dT6);
      }
      t6 = null; dT6 = null; // Tensors.java:29: not read again, released
      Tensor dT2 = null; // Tensors.java:28: accumulated in the block below
      Tensor dT4 = null; // Tensors.java:28: accumulated in the block below
      if (dU != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:28: sub(...)
        dT2 = tensors.sumToShapeOf(dU, t2); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dT2, "Tensors.java:28: sub(...)", "t2", dU);
      }
      if (dU != null && xNeedsGrad) { // Tensors.java:28: sub(...)
        dT4 = tensors.sumToShapeOf(tensors.negate(dU), t4); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dT4, "Tensors.java:28: sub(...)", "t4", dU);
      }
      u = null; dU = null; // Tensors.java:28: not read again, released
      Tensor dT3 = null; // Tensors.java:28: accumulated in the block below
      if (dT4 != null && xNeedsGrad) { // Tensors.java:28: mul(...)
        // Tensors.java:28
        dT3 = tensors.sumToShapeOf(tensors.multiply(dT4, tensors.constant(0.5)), t3);
        if (anomalies) GeneratedAnomalies.reverse(dT3, "Tensors.java:28: mul(...)", "t3", dT4);
      }
      t4 = null; dT4 = null; // Tensors.java:28: not read again, released
      Tensor dX = null; // Tensors.java:28: accumulated in the block below
      if (dT3 != null && xNeedsGrad) { // Tensors.java:28: exp(...)
        dX = tensors.sumToShapeOf(tensors.multiply(dT3, t3), x); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dX, "Tensors.java:28: exp(...)", "x", dT3);
      }
      t3 = null; dT3 = null; // Tensors.java:28: not read again, released
      Tensor dT1 = null; // Tensors.java:28: accumulated in the block below
      if (dT2 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:28: sigmoid(...)
        // Tensors.java:28
        dT1 = Adjoints.partial(TensorOp.SIGMOID, OpParams.none(), t2, dT2, 0, t1);
        if (anomalies) GeneratedAnomalies.reverse(dT1, "Tensors.java:28: sigmoid(...)", "t1", dT2);
      }
      t2 = null; dT2 = null; // Tensors.java:28: not read again, released
      Tensor dW = null; // Tensors.java:28: accumulated in the block below
      if (dT1 != null && xNeedsGrad) { // Tensors.java:28: mul(...)
        dX = Adjoints.add(dX, tensors.sumToShapeOf(tensors.multiply(dT1, w), x)); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dX, "Tensors.java:28: mul(...)", "x", dT1);
      }
      if (dT1 != null && wNeedsGrad) { // Tensors.java:28: mul(...)
        dW = tensors.sumToShapeOf(tensors.multiply(dT1, x), w); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dW, "Tensors.java:28: mul(...)", "w", dT1);
      }
      t1 = null; dT1 = null; // Tensors.java:28: not read again, released
      // into .grad() of the leaves that require it, as loss.backward() does
      Adjoints.accumulateGrads(reverseStart, new Tensor[] {x, w}, new Tensor[] {dX, dW});
      return t8;
    }
  }

  /**
   * Runs {@link Tensors#recurrence(Tensor, Tensor, int)} forward and backward without a tape, as
   * {@code value.backward()} would after it: returns the value and adds its gradient into
   * {@code .grad()} of every tensor it reads that requires grad (tensor parameters and the
   * receiver's tensors). The value must have one element.
   */
  public static Tensor recurrenceBackward(Tensor x, Tensor w, int steps) {
    return recurrenceBackward(x, w, steps, null);
  }

  /**
   * Runs {@link Tensors#recurrence(Tensor, Tensor, int)} forward and backward without a tape, as
   * {@code value.backward(seed)} would after it: returns the value and adds {@code seed} times its
   * Jacobian (the vector-Jacobian product) into {@code .grad()} of every tensor it reads that
   * requires grad. A {@code null} {@code seed} stands for 1 and needs a one-element value.
   */
  public static Tensor recurrenceBackward(Tensor x, Tensor w, int steps, Tensor seed) {
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      // the dynamic tape records nothing: the adjoint is written out below
      TensorAlgebra<Tensor> tensors = Adjoints.algebra();
      boolean xNeedsGrad = Adjoints.requiresGrad(x);
      boolean wNeedsGrad = Adjoints.requiresGrad(w);
      boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
      Tape tape = Tape.current(); // keeps loop values for the reverse sweep
      Tape.Mark tapeMark = tape.mark(); // where this call's values start
      try { // an exception from here on takes this call's values off the tape first
        // forward sweep: the primal, keeping what the reverse sweep reads
        Tensor h = x; // Tensors.java:34
        int i = 0; // Tensors.java:35
        Tensor h_1 = h; // Tensors.java:35
        int i_1 = i; // Tensors.java:35
        Tensor t2 = null; // Tensors.java:35: set in the block below
        Tensor t3 = null; // Tensors.java:35: set in the block below
        int t5 = 0; // Tensors.java:35: set in the block below
        int passes = 0; // Tensors.java:35: passes of the loop below
        while (i_1 < steps) { // Tensors.java:35
          passes++;
          tape.pushObject(t2); // Tensors.java:36: the reverse sweep needs the value it overwrites
          t2 = h_1.matmul(w); // Tensors.java:36
          if (anomalies) GeneratedAnomalies.forward(t2, "Tensors.java:36: h_1.matmul(w)", h_1, w);
          tape.pushObject(t3); // Tensors.java:36: the reverse sweep needs the value it overwrites
          t3 = Adjoints.addOver(t2, x); // Tensors.java:36
          if (anomalies) GeneratedAnomalies.forward(t3, "Tensors.java:36: Adjoints.addOver(t2, x)",
              t2, x);
          tape.pushObject(h_1); // Tensors.java:36: the reverse sweep needs the value it overwrites
          h_1 = Adjoints.reluOver(t3); // Tensors.java:36
          if (anomalies) GeneratedAnomalies.forward(h_1, "Tensors.java:36: Adjoints.reluOver(t3)",
              t3);
          t5 = i_1 + 1; // Tensors.java:35
          i_1 = t5; // Tensors.java:35
        }
        Tensor t6 = h_1.sum(); // Tensors.java:38
        if (anomalies) GeneratedAnomalies.forward(t6, "Tensors.java:38: h_1.sum()", h_1);
        // reverse sweep: adjoints, from the result back to the leaves
        // tensors made from here on are the sweep's own
        long reverseStart = Adjoints.reverseStart();
        boolean seedFits = Adjoints.seedFits(t6, seed); // Tensors.java:38
        Tensor dT6 = seedFits ? Adjoints.seed(t6, seed) : null; // Tensors.java:38
        Tensor dH_1 = null; // Tensors.java:38: accumulated in the block below
        if (dT6 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:38: sum(...)
          // Tensors.java:38
          dH_1 = Adjoints.partial(TensorOp.SUM, Adjoints.reduction(h_1, new int[0], false), t6, dT6,
              0, h_1);
          if (anomalies) GeneratedAnomalies.reverse(dH_1, "Tensors.java:38: sum(...)", "h_1", dT6);
        }
        Tensor dT3 = null; // Tensors.java:36: accumulated in the block below
        Tensor dT2 = null; // Tensors.java:36: accumulated in the block below
        Tensor dX = null; // Tensors.java:36: accumulated in the block below
        Tensor dW = null; // Tensors.java:36: accumulated in the block below
        // Tensors.java:35: the loop's passes, last first
        for (int pass = passes; pass > 0; pass--) {
          if (dH_1 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:36: relu(...)
            // Tensors.java:36
            dT3 = Adjoints.add(dT3, Adjoints.partial(TensorOp.RELU, OpParams.none(), h_1, dH_1, 0,
                t3));
            if (anomalies) GeneratedAnomalies.reverse(dT3, "Tensors.java:36: relu(...)", "t3",
                dH_1);
          }
          dH_1 = null; // Tensors.java:36
          h_1 = tape.popObject(); // Tensors.java:36: the value before this statement
          if (dT3 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:36: add(...)
            dT2 = Adjoints.add(dT2, tensors.sumToShapeOf(dT3, t2)); // Tensors.java:36
            if (anomalies) GeneratedAnomalies.reverse(dT2, "Tensors.java:36: add(...)", "t2", dT3);
          }
          if (dT3 != null && xNeedsGrad) { // Tensors.java:36: add(...)
            dX = Adjoints.add(dX, tensors.sumToShapeOf(dT3, x)); // Tensors.java:36
            if (anomalies) GeneratedAnomalies.reverse(dX, "Tensors.java:36: add(...)", "x", dT3);
          }
          dT3 = null; // Tensors.java:36
          t3 = tape.popObject(); // Tensors.java:36: the value before this statement
          if (dT2 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:36: matmul(...)
            // Tensors.java:36
            dH_1 = Adjoints.add(dH_1, Adjoints.partial(TensorOp.MATMUL, OpParams.none(), t2, dT2, 0,
                h_1, w));
            if (anomalies) GeneratedAnomalies.reverse(dH_1, "Tensors.java:36: matmul(...)", "h_1",
                dT2);
          }
          if (dT2 != null && wNeedsGrad) { // Tensors.java:36: matmul(...)
            // Tensors.java:36
            dW = Adjoints.add(dW, Adjoints.partial(TensorOp.MATMUL, OpParams.none(), t2, dT2, 1,
                h_1, w));
            if (anomalies) GeneratedAnomalies.reverse(dW, "Tensors.java:36: matmul(...)", "w", dT2);
          }
          dT2 = null; // Tensors.java:36
          t2 = tape.popObject(); // Tensors.java:36: the value before this statement
        }
        Tensor dH = dH_1; // Tensors.java:35
        dX = Adjoints.add(dX, dH); // Tensors.java:34
        // stacks this call emptied go if they grew beyond Tape.retainedBytes()
        tape.releaseIfLarge();
        if (!seedFits) {
          Adjoints.seed(t6, seed); // throws, saying why the seed does not fit
        }
        // into .grad() of the leaves that require it, as loss.backward() does
        Adjoints.accumulateGrads(reverseStart, new Tensor[] {x, w}, new Tensor[] {dX, dW});
        return t6;
      } catch (Throwable failure) {
        tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
        throw failure;
      }
    }
  }

  /**
   * Runs {@link Tensors#centred(Tensor)} forward and backward without a tape, as
   * {@code value.backward()} would after it: returns the value and adds its gradient into
   * {@code .grad()} of every tensor it reads that requires grad (tensor parameters and the
   * receiver's tensors). The value must have one element.
   */
  public static Tensor centredBackward(Tensor x) {
    return centredBackward(x, null);
  }

  /**
   * Runs {@link Tensors#centred(Tensor)} forward and backward without a tape, as
   * {@code value.backward(seed)} would after it: returns the value and adds {@code seed} times its
   * Jacobian (the vector-Jacobian product) into {@code .grad()} of every tensor it reads that
   * requires grad. A {@code null} {@code seed} stands for 1 and needs a one-element value.
   */
  public static Tensor centredBackward(Tensor x, Tensor seed) {
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      // the dynamic tape records nothing: the adjoint is written out below
      TensorAlgebra<Tensor> tensors = Adjoints.algebra();
      boolean xNeedsGrad = Adjoints.requiresGrad(x);
      boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
      // forward sweep: the primal, keeping what the reverse sweep reads
      Tensor mean = x.mean(); // Tensors.java:45
      if (anomalies) GeneratedAnomalies.forward(mean, "Tensors.java:45: x.mean()", x);
      // Tensors.java:44: no derivative flows on (noDerivative, detach or no-grad)
      Tensor mean_1 = mean;
      Tensor t3 = x.sub(mean_1); // Tensors.java:47
      if (anomalies) GeneratedAnomalies.forward(t3, "Tensors.java:47: x.sub(mean_1)", x, mean_1);
      Tensor t4 = t3.tanh(); // Tensors.java:47
      if (anomalies) GeneratedAnomalies.forward(t4, "Tensors.java:47: t3.tanh()", t3);
      Tensor t5 = t4.sum(); // Tensors.java:47
      if (anomalies) GeneratedAnomalies.forward(t5, "Tensors.java:47: t4.sum()", t4);
      // reverse sweep: adjoints, from the result back to the leaves
      long reverseStart = Adjoints.reverseStart(); // tensors made from here on are the sweep's own
      Tensor dT5 = Adjoints.seed(t5, seed); // Tensors.java:47
      Tensor dT4 = null; // Tensors.java:47: accumulated in the block below
      if (dT5 != null && xNeedsGrad) { // Tensors.java:47: sum(...)
        // Tensors.java:47
        dT4 = Adjoints.partial(TensorOp.SUM, Adjoints.reduction(t4, new int[0], false), t5, dT5, 0,
            t4);
        if (anomalies) GeneratedAnomalies.reverse(dT4, "Tensors.java:47: sum(...)", "t4", dT5);
      }
      Tensor dT3 = null; // Tensors.java:47: accumulated in the block below
      if (dT4 != null && xNeedsGrad) { // Tensors.java:47: tanh(...)
        // Tensors.java:47
        dT3 = tensors.sumToShapeOf(Fused.map(dT4, t4, (g, y) -> g * (1.0 - y * y)), t3);
        if (anomalies) GeneratedAnomalies.reverse(dT3, "Tensors.java:47: tanh(...)", "t3", dT4);
      }
      t4 = null; dT4 = null; // Tensors.java:47: not read again, released
      Tensor dX = null; // Tensors.java:47: accumulated in the block below
      if (dT3 != null && xNeedsGrad) { // Tensors.java:47: sub(...)
        dX = tensors.sumToShapeOf(dT3, x); // Tensors.java:47
        if (anomalies) GeneratedAnomalies.reverse(dX, "Tensors.java:47: sub(...)", "x", dT3);
      }
      t3 = null; dT3 = null; // Tensors.java:47: not read again, released
      // into .grad() of the leaves that require it, as loss.backward() does
      Adjoints.accumulateGrads(reverseStart, new Tensor[] {x}, new Tensor[] {dX});
      return t5;
    }
  }

  /**
   * Runs {@link Tensors#reluLayer(Tensor)} forward and backward without a tape, as
   * {@code value.backward()} would after it: returns the value and adds its gradient into
   * {@code .grad()} of every tensor it reads that requires grad (tensor parameters and the
   * receiver's tensors). The value must have one element.
   */
  public static Tensor reluLayerBackward(Tensors self, Tensor x) {
    return reluLayerBackward(self, x, null);
  }

  /**
   * Runs {@link Tensors#reluLayer(Tensor)} forward and backward without a tape, as
   * {@code value.backward(seed)} would after it: returns the value and adds {@code seed} times its
   * Jacobian (the vector-Jacobian product) into {@code .grad()} of every tensor it reads that
   * requires grad. A {@code null} {@code seed} stands for 1 and needs a one-element value.
   */
  public static Tensor reluLayerBackward(Tensors self, Tensor x, Tensor seed) {
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      // the dynamic tape records nothing: the adjoint is written out below
      TensorAlgebra<Tensor> tensors = Adjoints.algebra();
      Tensor hiddenWeight = self.hidden.weight(); // a parameter of the model
      Tensor hiddenBias = self.hidden.bias(); // a parameter of the model
      boolean hiddenWeightNeedsGrad = Adjoints.requiresGrad(hiddenWeight);
      boolean hiddenBiasNeedsGrad = Adjoints.requiresGrad(hiddenBias);
      boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
      // forward sweep: the primal, keeping what the reverse sweep reads
      Tensor t1 = hiddenWeight.t(); // Tensors.java:53
      if (anomalies) GeneratedAnomalies.forward(t1, "Tensors.java:53: hiddenWeight.t()",
          hiddenWeight);
      Tensor t2 = x.matmul(t1); // Tensors.java:53
      if (anomalies) GeneratedAnomalies.forward(t2, "Tensors.java:53: x.matmul(t1)", x, t1);
      Tensor t3 = hiddenBias == null ? t2 : Adjoints.addOver(t2, hiddenBias); // Tensors.java:53
      if (anomalies) GeneratedAnomalies.forward(t3,
          "Tensors.java:53: hiddenBias == null ? t2 : Adjoints.addOver(t2, hiddenBias)", t2,
          hiddenBias);
      Tensor h = Adjoints.reluOver(t3); // Tensors.java:53
      if (anomalies) GeneratedAnomalies.forward(h, "Tensors.java:53: Adjoints.reluOver(t3)", t3);
      Tensor t5 = h.mul(h); // Tensors.java:54
      if (anomalies) GeneratedAnomalies.forward(t5, "Tensors.java:54: h.mul(h)", h, h);
      Tensor t6 = t5.sum(); // Tensors.java:54
      if (anomalies) GeneratedAnomalies.forward(t6, "Tensors.java:54: t5.sum()", t5);
      // reverse sweep: adjoints, from the result back to the leaves
      long reverseStart = Adjoints.reverseStart(); // tensors made from here on are the sweep's own
      Tensor dT6 = Adjoints.seed(t6, seed); // Tensors.java:54
      Tensor dT5 = null; // Tensors.java:54: accumulated in the block below
      // Tensors.java:54: sum(...)
      if (dT6 != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad)) {
        // Tensors.java:54
        dT5 = Adjoints.partial(TensorOp.SUM, Adjoints.reduction(t5, new int[0], false), t6, dT6, 0,
            t5);
        if (anomalies) GeneratedAnomalies.reverse(dT5, "Tensors.java:54: sum(...)", "t5", dT6);
      }
      Tensor dH = null; // Tensors.java:54: accumulated in the block below
      // Tensors.java:54: mul(...), the operand twice
      if (dT5 != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad)) {
        dH = Fused.map(dT5, h, (g, a) -> 2 * (g * a)); // Tensors.java:54
      }
      t5 = null; dT5 = null; // Tensors.java:54: not read again, released
      Tensor dT3 = null; // Tensors.java:53: accumulated in the block below
      // Tensors.java:53: relu(...)
      if (dH != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad)) {
        dT3 = Adjoints.reluPartialOver(h, dH, t3); // Tensors.java:53
        if (anomalies) GeneratedAnomalies.reverse(dT3, "Tensors.java:53: relu(...)", "t3", dH);
      }
      h = null; dH = null; // Tensors.java:53: not read again, released
      Tensor dT2 = null; // Tensors.java:53: accumulated in the block below
      Tensor dHiddenBias = null; // Tensors.java:53: accumulated in the block below
      if (dT3 != null && hiddenWeightNeedsGrad) { // Tensors.java:53: forward(...)
        dT2 = tensors.sumToShapeOf(dT3, t2); // Tensors.java:53
        if (anomalies) GeneratedAnomalies.reverse(dT2, "Tensors.java:53: forward(...)", "t2", dT3);
      }
      if (dT3 != null && hiddenBiasNeedsGrad) { // Tensors.java:53: forward(...)
        dHiddenBias = tensors.sumToShapeOf(dT3, hiddenBias); // Tensors.java:53
        if (anomalies) GeneratedAnomalies.reverse(dHiddenBias, "Tensors.java:53: forward(...)",
            "hiddenBias", dT3);
      }
      t3 = null; dT3 = null; // Tensors.java:53: not read again, released
      Tensor dT1 = null; // Tensors.java:53: accumulated in the block below
      if (dT2 != null && hiddenWeightNeedsGrad) { // Tensors.java:53: forward(...)
        // Tensors.java:53
        dT1 = Adjoints.partial(TensorOp.MATMUL, OpParams.none(), t2, dT2, 1, x, t1);
        if (anomalies) GeneratedAnomalies.reverse(dT1, "Tensors.java:53: forward(...)", "t1", dT2);
      }
      t2 = null; dT2 = null; // Tensors.java:53: not read again, released
      Tensor dHiddenWeight = null; // Tensors.java:53: accumulated in the block below
      if (dT1 != null && hiddenWeightNeedsGrad) { // Tensors.java:53: forward(...)
        // Tensors.java:53
        dHiddenWeight = Adjoints.partial(TensorOp.TRANSPOSE,
            Adjoints.matrixTransposition(hiddenWeight), t1, dT1, 0, hiddenWeight);
        if (anomalies) GeneratedAnomalies.reverse(dHiddenWeight, "Tensors.java:53: forward(...)",
            "hiddenWeight", dT1);
      }
      t1 = null; dT1 = null; // Tensors.java:53: not read again, released
      // into .grad() of the leaves that require it, as loss.backward() does
      Adjoints.accumulateGrads(reverseStart, new Tensor[] {hiddenWeight, hiddenBias},
          new Tensor[] {dHiddenWeight, dHiddenBias});
      return t6;
    }
  }

  /**
   * Runs {@link Tensors#reluLayerViewed(Tensor)} forward and backward without a tape, as
   * {@code value.backward()} would after it: returns the value and adds its gradient into
   * {@code .grad()} of every tensor it reads that requires grad (tensor parameters and the
   * receiver's tensors). The value must have one element.
   */
  public static Tensor reluLayerViewedBackward(Tensors self, Tensor x) {
    return reluLayerViewedBackward(self, x, null);
  }

  /**
   * Runs {@link Tensors#reluLayerViewed(Tensor)} forward and backward without a tape, as
   * {@code value.backward(seed)} would after it: returns the value and adds {@code seed} times its
   * Jacobian (the vector-Jacobian product) into {@code .grad()} of every tensor it reads that
   * requires grad. A {@code null} {@code seed} stands for 1 and needs a one-element value.
   */
  public static Tensor reluLayerViewedBackward(Tensors self, Tensor x, Tensor seed) {
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      // the dynamic tape records nothing: the adjoint is written out below
      TensorAlgebra<Tensor> tensors = Adjoints.algebra();
      Tensor hiddenWeight = self.hidden.weight(); // a parameter of the model
      Tensor hiddenBias = self.hidden.bias(); // a parameter of the model
      boolean hiddenWeightNeedsGrad = Adjoints.requiresGrad(hiddenWeight);
      boolean hiddenBiasNeedsGrad = Adjoints.requiresGrad(hiddenBias);
      boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
      // forward sweep: the primal, keeping what the reverse sweep reads
      Tensor t1 = hiddenWeight.t(); // Tensors.java:60
      if (anomalies) GeneratedAnomalies.forward(t1, "Tensors.java:60: hiddenWeight.t()",
          hiddenWeight);
      Tensor t2 = x.matmul(t1); // Tensors.java:60
      if (anomalies) GeneratedAnomalies.forward(t2, "Tensors.java:60: x.matmul(t1)", x, t1);
      Tensor t3 = hiddenBias == null ? t2 : Adjoints.addOver(t2, hiddenBias); // Tensors.java:60
      if (anomalies) GeneratedAnomalies.forward(t3,
          "Tensors.java:60: hiddenBias == null ? t2 : Adjoints.addOver(t2, hiddenBias)", t2,
          hiddenBias);
      Tensor h = Adjoints.reluOver(t3); // Tensors.java:60
      if (anomalies) GeneratedAnomalies.forward(h, "Tensors.java:60: Adjoints.reluOver(t3)", t3);
      Tensor t5 = h.t(); // Tensors.java:61
      if (anomalies) GeneratedAnomalies.forward(t5, "Tensors.java:61: h.t()", h);
      // reverse sweep: adjoints, from the result back to the leaves
      long reverseStart = Adjoints.reverseStart(); // tensors made from here on are the sweep's own
      Tensor dT5 = Adjoints.seed(t5, seed); // Tensors.java:61
      Tensor dH = null; // Tensors.java:61: accumulated in the block below
      // Tensors.java:61: t(...)
      if (dT5 != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad)) {
        // Tensors.java:61
        dH = Adjoints.partial(TensorOp.TRANSPOSE, Adjoints.matrixTransposition(h), t5, dT5, 0, h);
        if (anomalies) GeneratedAnomalies.reverse(dH, "Tensors.java:61: t(...)", "h", dT5);
      }
      Tensor dT3 = null; // Tensors.java:60: accumulated in the block below
      // Tensors.java:60: relu(...)
      if (dH != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad)) {
        dT3 = Adjoints.partial(TensorOp.RELU, OpParams.none(), h, dH, 0, t3); // Tensors.java:60
        if (anomalies) GeneratedAnomalies.reverse(dT3, "Tensors.java:60: relu(...)", "t3", dH);
      }
      h = null; dH = null; // Tensors.java:60: not read again, released
      Tensor dT2 = null; // Tensors.java:60: accumulated in the block below
      Tensor dHiddenBias = null; // Tensors.java:60: accumulated in the block below
      if (dT3 != null && hiddenWeightNeedsGrad) { // Tensors.java:60: forward(...)
        dT2 = tensors.sumToShapeOf(dT3, t2); // Tensors.java:60
        if (anomalies) GeneratedAnomalies.reverse(dT2, "Tensors.java:60: forward(...)", "t2", dT3);
      }
      if (dT3 != null && hiddenBiasNeedsGrad) { // Tensors.java:60: forward(...)
        dHiddenBias = tensors.sumToShapeOf(dT3, hiddenBias); // Tensors.java:60
        if (anomalies) GeneratedAnomalies.reverse(dHiddenBias, "Tensors.java:60: forward(...)",
            "hiddenBias", dT3);
      }
      t3 = null; dT3 = null; // Tensors.java:60: not read again, released
      Tensor dT1 = null; // Tensors.java:60: accumulated in the block below
      if (dT2 != null && hiddenWeightNeedsGrad) { // Tensors.java:60: forward(...)
        // Tensors.java:60
        dT1 = Adjoints.partial(TensorOp.MATMUL, OpParams.none(), t2, dT2, 1, x, t1);
        if (anomalies) GeneratedAnomalies.reverse(dT1, "Tensors.java:60: forward(...)", "t1", dT2);
      }
      t2 = null; dT2 = null; // Tensors.java:60: not read again, released
      Tensor dHiddenWeight = null; // Tensors.java:60: accumulated in the block below
      if (dT1 != null && hiddenWeightNeedsGrad) { // Tensors.java:60: forward(...)
        // Tensors.java:60
        dHiddenWeight = Adjoints.partial(TensorOp.TRANSPOSE,
            Adjoints.matrixTransposition(hiddenWeight), t1, dT1, 0, hiddenWeight);
        if (anomalies) GeneratedAnomalies.reverse(dHiddenWeight, "Tensors.java:60: forward(...)",
            "hiddenWeight", dT1);
      }
      t1 = null; dT1 = null; // Tensors.java:60: not read again, released
      // into .grad() of the leaves that require it, as loss.backward() does
      Adjoints.accumulateGrads(reverseStart, new Tensor[] {hiddenWeight, hiddenBias},
          new Tensor[] {dHiddenWeight, dHiddenBias});
      return t5;
    }
  }

  /**
   * Runs {@link Tensors#classify(Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward()} would after it: returns the value and adds its gradient into
   * {@code .grad()} of every tensor it reads that requires grad (tensor parameters and the
   * receiver's tensors). The value must have one element.
   */
  public static Tensor classifyBackward(Tensors self, Tensor x, Tensor labels) {
    return classifyBackward(self, x, labels, null);
  }

  /**
   * Runs {@link Tensors#classify(Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward(seed)} would after it: returns the value and adds {@code seed} times its
   * Jacobian (the vector-Jacobian product) into {@code .grad()} of every tensor it reads that
   * requires grad. A {@code null} {@code seed} stands for 1 and needs a one-element value.
   */
  public static Tensor classifyBackward(Tensors self, Tensor x, Tensor labels, Tensor seed) {
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      // the dynamic tape records nothing: the adjoint is written out below
      TensorAlgebra<Tensor> tensors = Adjoints.algebra();
      Tensor hiddenWeight = self.hidden.weight(); // a parameter of the model
      Tensor hiddenBias = self.hidden.bias(); // a parameter of the model
      boolean hiddenWeightNeedsGrad = Adjoints.requiresGrad(hiddenWeight);
      boolean hiddenBiasNeedsGrad = Adjoints.requiresGrad(hiddenBias);
      boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
      // forward sweep: the primal, keeping what the reverse sweep reads
      Tensor t1 = hiddenWeight.t(); // Tensors.java:67
      if (anomalies) GeneratedAnomalies.forward(t1, "Tensors.java:67: hiddenWeight.t()",
          hiddenWeight);
      Tensor t2 = x.matmul(t1); // Tensors.java:67
      if (anomalies) GeneratedAnomalies.forward(t2, "Tensors.java:67: x.matmul(t1)", x, t1);
      Tensor t3 = hiddenBias == null ? t2 : Adjoints.addOver(t2, hiddenBias); // Tensors.java:67
      if (anomalies) GeneratedAnomalies.forward(t3,
          "Tensors.java:67: hiddenBias == null ? t2 : Adjoints.addOver(t2, hiddenBias)", t2,
          hiddenBias);
      Tensor t4 = t3.logSoftmax(1); // Tensors.java:67
      if (anomalies) GeneratedAnomalies.forward(t4, "Tensors.java:67: t3.logSoftmax(1)", t3);
      Tensor t5 = Losses.nll(t4, labels); // Tensors.java:67
      if (anomalies) GeneratedAnomalies.forward(t5, "Tensors.java:67: Losses.nll(t4, labels)", t4,
          labels);
      // reverse sweep: adjoints, from the result back to the leaves
      long reverseStart = Adjoints.reverseStart(); // tensors made from here on are the sweep's own
      Tensor dT5 = Adjoints.seed(t5, seed); // Tensors.java:67
      Tensor dT4 = null; // Tensors.java:67: accumulated in the block below
      // Tensors.java:67: crossEntropy(...)
      if (dT5 != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad)) {
        // Tensors.java:67
        dT4 = Adjoints.partial(TensorOp.NLL_LOSS, OpParams.none(), t5, dT5, 0, t4, labels);
        if (anomalies) GeneratedAnomalies.reverse(dT4, "Tensors.java:67: crossEntropy(...)", "t4",
            dT5);
      }
      Tensor dT3 = null; // Tensors.java:67: accumulated in the block below
      // Tensors.java:67: crossEntropy(...)
      if (dT4 != null && (hiddenWeightNeedsGrad || hiddenBiasNeedsGrad)) {
        // Tensors.java:67
        dT3 = Adjoints.logSoftmaxPartialOver(t4, dT4, Adjoints.dimension(t3, 1), t3);
        if (anomalies) GeneratedAnomalies.reverse(dT3, "Tensors.java:67: crossEntropy(...)", "t3",
            dT4);
      }
      t4 = null; dT4 = null; // Tensors.java:67: not read again, released
      Tensor dT2 = null; // Tensors.java:67: accumulated in the block below
      Tensor dHiddenBias = null; // Tensors.java:67: accumulated in the block below
      if (dT3 != null && hiddenWeightNeedsGrad) { // Tensors.java:67: forward(...)
        dT2 = tensors.sumToShapeOf(dT3, t2); // Tensors.java:67
        if (anomalies) GeneratedAnomalies.reverse(dT2, "Tensors.java:67: forward(...)", "t2", dT3);
      }
      if (dT3 != null && hiddenBiasNeedsGrad) { // Tensors.java:67: forward(...)
        dHiddenBias = tensors.sumToShapeOf(dT3, hiddenBias); // Tensors.java:67
        if (anomalies) GeneratedAnomalies.reverse(dHiddenBias, "Tensors.java:67: forward(...)",
            "hiddenBias", dT3);
      }
      t3 = null; dT3 = null; // Tensors.java:67: not read again, released
      Tensor dT1 = null; // Tensors.java:67: accumulated in the block below
      if (dT2 != null && hiddenWeightNeedsGrad) { // Tensors.java:67: forward(...)
        // Tensors.java:67
        dT1 = Adjoints.partial(TensorOp.MATMUL, OpParams.none(), t2, dT2, 1, x, t1);
        if (anomalies) GeneratedAnomalies.reverse(dT1, "Tensors.java:67: forward(...)", "t1", dT2);
      }
      t2 = null; dT2 = null; // Tensors.java:67: not read again, released
      Tensor dHiddenWeight = null; // Tensors.java:67: accumulated in the block below
      if (dT1 != null && hiddenWeightNeedsGrad) { // Tensors.java:67: forward(...)
        // Tensors.java:67
        dHiddenWeight = Adjoints.partial(TensorOp.TRANSPOSE,
            Adjoints.matrixTransposition(hiddenWeight), t1, dT1, 0, hiddenWeight);
        if (anomalies) GeneratedAnomalies.reverse(dHiddenWeight, "Tensors.java:67: forward(...)",
            "hiddenWeight", dT1);
      }
      t1 = null; dT1 = null; // Tensors.java:67: not read again, released
      // into .grad() of the leaves that require it, as loss.backward() does
      Adjoints.accumulateGrads(reverseStart, new Tensor[] {hiddenWeight, hiddenBias},
          new Tensor[] {dHiddenWeight, dHiddenBias});
      return t5;
    }
  }

  /**
   * Runs {@link Tensors#parts(Tensor, Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward()} would after it: returns the value and adds its gradient into
   * {@code .grad()} of every tensor it reads that requires grad (tensor parameters and the
   * receiver's tensors). The value must have one element.
   */
  public static Tensor partsBackward(Tensor m, Tensor index, Tensor mask) {
    return partsBackward(m, index, mask, null);
  }

  /**
   * Runs {@link Tensors#parts(Tensor, Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward(seed)} would after it: returns the value and adds {@code seed} times its
   * Jacobian (the vector-Jacobian product) into {@code .grad()} of every tensor it reads that
   * requires grad. A {@code null} {@code seed} stands for 1 and needs a one-element value.
   */
  public static Tensor partsBackward(Tensor m, Tensor index, Tensor mask, Tensor seed) {
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      // the dynamic tape records nothing: the adjoint is written out below
      TensorAlgebra<Tensor> tensors = Adjoints.algebra();
      boolean mNeedsGrad = Adjoints.requiresGrad(m);
      boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
      // forward sweep: the primal, keeping what the reverse sweep reads
      Tensor t1 = m.permute(1, 0); // Tensors.java:76
      if (anomalies) GeneratedAnomalies.forward(t1, "Tensors.java:76: m.permute(1, 0)", m);
      Tensor t2 = t1.narrow(0, 1, 2); // Tensors.java:76
      if (anomalies) GeneratedAnomalies.forward(t2, "Tensors.java:76: t1.narrow(0, 1, 2)", t1);
      Tensor rows = t2.select(-1, -1); // Tensors.java:76
      if (anomalies) GeneratedAnomalies.forward(rows, "Tensors.java:76: t2.select(-1, -1)", t2);
      Tensor t4 = m.gather(1, index); // Tensors.java:78
      if (anomalies) GeneratedAnomalies.forward(t4, "Tensors.java:78: m.gather(1, index)", m,
          index);
      Tensor t5 = t4.maskedFill(mask, 0); // Tensors.java:78
      if (anomalies) GeneratedAnomalies.forward(t5, "Tensors.java:78: t4.maskedFill(mask, 0)", t4,
          mask);
      Tensor picked = t5.to(DType.FLOAT32); // Tensors.java:78
      if (anomalies) GeneratedAnomalies.forward(picked, "Tensors.java:78: t5.to(DType.FLOAT32)",
          t5);
      Tensor t7 = rows.sum(); // Tensors.java:79
      if (anomalies) GeneratedAnomalies.forward(t7, "Tensors.java:79: rows.sum()", rows);
      Tensor t8 = picked.mul(picked); // Tensors.java:79
      if (anomalies) GeneratedAnomalies.forward(t8, "Tensors.java:79: picked.mul(picked)", picked,
          picked);
      Tensor t9 = t8.sum(); // Tensors.java:79
      if (anomalies) GeneratedAnomalies.forward(t9, "Tensors.java:79: t8.sum()", t8);
      Tensor t10 = t9.to(DType.FLOAT64); // Tensors.java:79
      if (anomalies) GeneratedAnomalies.forward(t10, "Tensors.java:79: t9.to(DType.FLOAT64)", t9);
      Tensor t11 = t7.add(t10); // Tensors.java:79
      if (anomalies) GeneratedAnomalies.forward(t11, "Tensors.java:79: t7.add(t10)", t7, t10);
      // reverse sweep: adjoints, from the result back to the leaves
      long reverseStart = Adjoints.reverseStart(); // tensors made from here on are the sweep's own
      Tensor dT11 = Adjoints.seed(t11, seed); // Tensors.java:79
      Tensor dT7 = null; // Tensors.java:79: accumulated in the block below
      Tensor dT10 = null; // Tensors.java:79: accumulated in the block below
      if (dT11 != null && mNeedsGrad) { // Tensors.java:79: add(...)
        dT7 = tensors.sumToShapeOf(dT11, t7); // Tensors.java:79
        if (anomalies) GeneratedAnomalies.reverse(dT7, "Tensors.java:79: add(...)", "t7", dT11);
      }
      if (dT11 != null && mNeedsGrad) { // Tensors.java:79: add(...)
        dT10 = tensors.sumToShapeOf(dT11, t10); // Tensors.java:79
        if (anomalies) GeneratedAnomalies.reverse(dT10, "Tensors.java:79: add(...)", "t10", dT11);
      }
      Tensor dT9 = null; // Tensors.java:79: accumulated in the block below
      if (dT10 != null && mNeedsGrad) { // Tensors.java:79: to(...)
        // Tensors.java:79
        dT9 = Adjoints.partial(TensorOp.TO_DTYPE, OpParams.none(), t10, dT10, 0, t9);
        if (anomalies) GeneratedAnomalies.reverse(dT9, "Tensors.java:79: to(...)", "t9", dT10);
      }
      t10 = null; dT10 = null; // Tensors.java:79: not read again, released
      Tensor dT8 = null; // Tensors.java:79: accumulated in the block below
      if (dT9 != null && mNeedsGrad) { // Tensors.java:79: sum(...)
        // Tensors.java:79
        dT8 = Adjoints.partial(TensorOp.SUM, Adjoints.reduction(t8, new int[0], false), t9, dT9, 0,
            t8);
        if (anomalies) GeneratedAnomalies.reverse(dT8, "Tensors.java:79: sum(...)", "t8", dT9);
      }
      t9 = null; dT9 = null; // Tensors.java:79: not read again, released
      Tensor dPicked = null; // Tensors.java:79: accumulated in the block below
      if (dT8 != null && mNeedsGrad) { // Tensors.java:79: mul(...), the operand twice
        dPicked = Fused.map(dT8, picked, (g, a) -> 2 * (g * a)); // Tensors.java:79
      }
      t8 = null; dT8 = null; // Tensors.java:79: not read again, released
      Tensor dRows = null; // Tensors.java:79: accumulated in the block below
      if (dT7 != null && mNeedsGrad) { // Tensors.java:79: sum(...)
        // Tensors.java:79
        dRows = Adjoints.partial(TensorOp.SUM, Adjoints.reduction(rows, new int[0], false), t7, dT7,
            0, rows);
        if (anomalies) GeneratedAnomalies.reverse(dRows, "Tensors.java:79: sum(...)", "rows", dT7);
      }
      t7 = null; dT7 = null; // Tensors.java:79: not read again, released
      Tensor dT5 = null; // Tensors.java:78: accumulated in the block below
      if (dPicked != null && mNeedsGrad) { // Tensors.java:78: to(...)
        // Tensors.java:78
        dT5 = Adjoints.partial(TensorOp.TO_DTYPE, OpParams.none(), picked, dPicked, 0, t5);
        if (anomalies) GeneratedAnomalies.reverse(dT5, "Tensors.java:78: to(...)", "t5", dPicked);
      }
      picked = null; dPicked = null; // Tensors.java:78: not read again, released
      Tensor dT4 = null; // Tensors.java:78: accumulated in the block below
      if (dT5 != null && mNeedsGrad) { // Tensors.java:78: maskedFill(...)
        // Tensors.java:78
        dT4 = Adjoints.partial(TensorOp.MASKED_FILL, OpParams.reals(0), t5, dT5, 0, t4, mask);
        if (anomalies) GeneratedAnomalies.reverse(dT4, "Tensors.java:78: maskedFill(...)", "t4",
            dT5);
      }
      t5 = null; dT5 = null; // Tensors.java:78: not read again, released
      Tensor dM = null; // Tensors.java:78: accumulated in the block below
      if (dT4 != null && mNeedsGrad) { // Tensors.java:78: gather(...)
        // Tensors.java:78
        dM = Adjoints.partial(TensorOp.GATHER, Adjoints.dimension(m, 1), t4, dT4, 0, m, index);
        if (anomalies) GeneratedAnomalies.reverse(dM, "Tensors.java:78: gather(...)", "m", dT4);
      }
      t4 = null; dT4 = null; // Tensors.java:78: not read again, released
      Tensor dT2 = null; // Tensors.java:76: accumulated in the block below
      if (dRows != null && mNeedsGrad) { // Tensors.java:76: select(...)
        // Tensors.java:76
        dT2 = Adjoints.partial(TensorOp.SELECT, Adjoints.selection(t2, -1, -1), rows, dRows, 0, t2);
        if (anomalies) GeneratedAnomalies.reverse(dT2, "Tensors.java:76: select(...)", "t2", dRows);
      }
      rows = null; dRows = null; // Tensors.java:76: not read again, released
      Tensor dT1 = null; // Tensors.java:76: accumulated in the block below
      if (dT2 != null && mNeedsGrad) { // Tensors.java:76: narrow(...)
        // Tensors.java:76
        dT1 = Adjoints.partial(TensorOp.NARROW, Adjoints.narrowing(t1, 0, 1, 2), t2, dT2, 0, t1);
        if (anomalies) GeneratedAnomalies.reverse(dT1, "Tensors.java:76: narrow(...)", "t1", dT2);
      }
      t2 = null; dT2 = null; // Tensors.java:76: not read again, released
      if (dT1 != null && mNeedsGrad) { // Tensors.java:76: permute(...)
        // Tensors.java:76
        dM = Adjoints.add(dM, Adjoints.partial(TensorOp.PERMUTE, Adjoints.permutation(m, 1, 0), t1,
            dT1, 0, m));
        if (anomalies) GeneratedAnomalies.reverse(dM, "Tensors.java:76: permute(...)", "m", dT1);
      }
      t1 = null; dT1 = null; // Tensors.java:76: not read again, released
      // into .grad() of the leaves that require it, as loss.backward() does
      Adjoints.accumulateGrads(reverseStart, new Tensor[] {m}, new Tensor[] {dM});
      return t11;
    }
  }

  /**
   * Runs {@link Tensors#smoothTwice(Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward()} would after it: returns the value and adds its gradient into
   * {@code .grad()} of every tensor it reads that requires grad (tensor parameters and the
   * receiver's tensors). The value must have one element.
   */
  public static Tensor smoothTwiceBackward(Tensor x, Tensor w) {
    return smoothTwiceBackward(x, w, null);
  }

  /**
   * Runs {@link Tensors#smoothTwice(Tensor, Tensor)} forward and backward without a tape, as
   * {@code value.backward(seed)} would after it: returns the value and adds {@code seed} times its
   * Jacobian (the vector-Jacobian product) into {@code .grad()} of every tensor it reads that
   * requires grad. A {@code null} {@code seed} stands for 1 and needs a one-element value.
   */
  public static Tensor smoothTwiceBackward(Tensor x, Tensor w, Tensor seed) {
    try (GradMode.Scope noGrad = GradMode.noGrad()) {
      // the dynamic tape records nothing: the adjoint is written out below
      TensorAlgebra<Tensor> tensors = Adjoints.algebra();
      boolean xNeedsGrad = Adjoints.requiresGrad(x);
      boolean wNeedsGrad = Adjoints.requiresGrad(w);
      boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
      // forward sweep: the primal, keeping what the reverse sweep reads
      Tensor t1 = x.mul(2); // Tensors.java:85
      if (anomalies) GeneratedAnomalies.forward(t1, "Tensors.java:85: x.mul(2)", x);
      Tensor t2 = t1.mul(w); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t2, "Tensors.java:28: t1.mul(w)", t1, w);
      Tensor t3 = t2.sigmoid(); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t3, "Tensors.java:28: t2.sigmoid()", t2);
      Tensor t4 = t1.exp(); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t4, "Tensors.java:28: t1.exp()", t1);
      Tensor t5 = t4.mul(0.5); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t5, "Tensors.java:28: t4.mul(0.5)", t4);
      Tensor u = t3.sub(t5); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(u, "Tensors.java:28: t3.sub(t5)", t3, t5);
      Tensor t7 = u.pow(2.0); // Tensors.java:29
      if (anomalies) GeneratedAnomalies.forward(t7, "Tensors.java:29: u.pow(2.0)", u);
      Tensor t8 = t7.sum(1); // Tensors.java:29
      if (anomalies) GeneratedAnomalies.forward(t8, "Tensors.java:29: t7.sum(1)", t7);
      Tensor t9 = t8.mean(); // Tensors.java:29
      if (anomalies) GeneratedAnomalies.forward(t9, "Tensors.java:29: t8.mean()", t8);
      Tensor t10 = w.mul(x); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t10, "Tensors.java:28: w.mul(x)", w, x);
      Tensor t11 = t10.sigmoid(); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t11, "Tensors.java:28: t10.sigmoid()", t10);
      Tensor t12 = w.exp(); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t12, "Tensors.java:28: w.exp()", w);
      Tensor t13 = t12.mul(0.5); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(t13, "Tensors.java:28: t12.mul(0.5)", t12);
      Tensor u_1 = t11.sub(t13); // Tensors.java:28
      if (anomalies) GeneratedAnomalies.forward(u_1, "Tensors.java:28: t11.sub(t13)", t11, t13);
      Tensor t15 = u_1.pow(2.0); // Tensors.java:29
      if (anomalies) GeneratedAnomalies.forward(t15, "Tensors.java:29: u_1.pow(2.0)", u_1);
      Tensor t16 = t15.sum(1); // Tensors.java:29
      if (anomalies) GeneratedAnomalies.forward(t16, "Tensors.java:29: t15.sum(1)", t15);
      Tensor t17 = t16.mean(); // Tensors.java:29
      if (anomalies) GeneratedAnomalies.forward(t17, "Tensors.java:29: t16.mean()", t16);
      Tensor t18 = t9.add(t17); // Tensors.java:85
      if (anomalies) GeneratedAnomalies.forward(t18, "Tensors.java:85: t9.add(t17)", t9, t17);
      // reverse sweep: adjoints, from the result back to the leaves
      long reverseStart = Adjoints.reverseStart(); // tensors made from here on are the sweep's own
      Tensor dT18 = Adjoints.seed(t18, seed); // Tensors.java:85
      Tensor dT9 = null; // Tensors.java:85: accumulated in the block below
      Tensor dT17 = null; // Tensors.java:85: accumulated in the block below
      if (dT18 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:85: add(...)
        dT9 = tensors.sumToShapeOf(dT18, t9); // Tensors.java:85
        if (anomalies) GeneratedAnomalies.reverse(dT9, "Tensors.java:85: add(...)", "t9", dT18);
      }
      if (dT18 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:85: add(...)
        dT17 = tensors.sumToShapeOf(dT18, t17); // Tensors.java:85
        if (anomalies) GeneratedAnomalies.reverse(dT17, "Tensors.java:85: add(...)", "t17", dT18);
      }
      Tensor dT16 = null; // Tensors.java:29: accumulated in the block below
      if (dT17 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:29: mean(...)
        // Tensors.java:29
        dT16 = Adjoints.partial(TensorOp.MEAN, Adjoints.reduction(t16, new int[0], false), t17,
            dT17, 0, t16);
        if (anomalies) GeneratedAnomalies.reverse(dT16, "Tensors.java:29: mean(...)", "t16", dT17);
      }
      t17 = null; dT17 = null; // Tensors.java:29: not read again, released
      Tensor dT15 = null; // Tensors.java:29: accumulated in the block below
      if (dT16 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:29: sum(...)
        // Tensors.java:29
        dT15 = Adjoints.partial(TensorOp.SUM, Adjoints.reduction(t15, new int[] {1}, false), t16,
            dT16, 0, t15);
        if (anomalies) GeneratedAnomalies.reverse(dT15, "Tensors.java:29: sum(...)", "t15", dT16);
      }
      t16 = null; dT16 = null; // Tensors.java:29: not read again, released
      Tensor dU_1 = null; // Tensors.java:29: accumulated in the block below
      if (dT15 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:29: pow(...)
        // Tensors.java:29
        dU_1 = tensors.sumToShapeOf(Fused.map(dT15, u_1, (g, a) -> g * (2.0 * a)), u_1);
        if (anomalies) GeneratedAnomalies.reverse(dU_1, "Tensors.java:29: pow(...)", "u_1", dT15);
      }
      t15 = null; dT15 = null; // Tensors.java:29: not read again, released
      Tensor dT11 = null; // Tensors.java:28: accumulated in the block below
      Tensor dT13 = null; // Tensors.java:28: accumulated in the block below
      if (dU_1 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:28: sub(...)
        dT11 = tensors.sumToShapeOf(dU_1, t11); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dT11, "Tensors.java:28: sub(...)", "t11", dU_1);
      }
      if (dU_1 != null && wNeedsGrad) { // Tensors.java:28: sub(...)
        dT13 = tensors.sumToShapeOf(tensors.negate(dU_1), t13); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dT13, "Tensors.java:28: sub(...)", "t13", dU_1);
      }
      u_1 = null; dU_1 = null; // Tensors.java:28: not read again, released
      Tensor dT12 = null; // Tensors.java:28: accumulated in the block below
      if (dT13 != null && wNeedsGrad) { // Tensors.java:28: mul(...)
        // Tensors.java:28
        dT12 = tensors.sumToShapeOf(tensors.multiply(dT13, tensors.constant(0.5)), t12);
        if (anomalies) GeneratedAnomalies.reverse(dT12, "Tensors.java:28: mul(...)", "t12", dT13);
      }
      t13 = null; dT13 = null; // Tensors.java:28: not read again, released
      Tensor dW = null; // Tensors.java:28: accumulated in the block below
      if (dT12 != null && wNeedsGrad) { // Tensors.java:28: exp(...)
        dW = tensors.sumToShapeOf(tensors.multiply(dT12, t12), w); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dW, "Tensors.java:28: exp(...)", "w", dT12);
      }
      t12 = null; dT12 = null; // Tensors.java:28: not read again, released
      Tensor dT10 = null; // Tensors.java:28: accumulated in the block below
      if (dT11 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:28: sigmoid(...)
        // Tensors.java:28
        dT10 = Adjoints.partial(TensorOp.SIGMOID, OpParams.none(), t11, dT11, 0, t10);
        if (anomalies) GeneratedAnomalies.reverse(dT10, "Tensors.java:28: sigmoid(...)", "t10",
            dT11);
      }
      t11 = null; dT11 = null; // Tensors.java:28: not read again, released
      Tensor dX = null; // Tensors.java:28: accumulated in the block below
      if (dT10 != null && wNeedsGrad) { // Tensors.java:28: mul(...)
        // Tensors.java:28
        dW = Adjoints.add(dW, tensors.sumToShapeOf(tensors.multiply(dT10, x), w));
        if (anomalies) GeneratedAnomalies.reverse(dW, "Tensors.java:28: mul(...)", "w", dT10);
      }
      if (dT10 != null && xNeedsGrad) { // Tensors.java:28: mul(...)
        dX = tensors.sumToShapeOf(tensors.multiply(dT10, w), x); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dX, "Tensors.java:28: mul(...)", "x", dT10);
      }
      t10 = null; dT10 = null; // Tensors.java:28: not read again, released
      Tensor dT8 = null; // Tensors.java:29: accumulated in the block below
      if (dT9 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:29: mean(...)
        // Tensors.java:29
        dT8 = Adjoints.partial(TensorOp.MEAN, Adjoints.reduction(t8, new int[0], false), t9, dT9, 0,
            t8);
        if (anomalies) GeneratedAnomalies.reverse(dT8, "Tensors.java:29: mean(...)", "t8", dT9);
      }
      t9 = null; dT9 = null; // Tensors.java:29: not read again, released
      Tensor dT7 = null; // Tensors.java:29: accumulated in the block below
      if (dT8 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:29: sum(...)
        // Tensors.java:29
        dT7 = Adjoints.partial(TensorOp.SUM, Adjoints.reduction(t7, new int[] {1}, false), t8, dT8,
            0, t7);
        if (anomalies) GeneratedAnomalies.reverse(dT7, "Tensors.java:29: sum(...)", "t7", dT8);
      }
      t8 = null; dT8 = null; // Tensors.java:29: not read again, released
      Tensor dU = null; // Tensors.java:29: accumulated in the block below
      if (dT7 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:29: pow(...)
        dU = tensors.sumToShapeOf(Fused.map(dT7, u, (g, a) -> g * (2.0 * a)), u); // Tensors.java:29
        if (anomalies) GeneratedAnomalies.reverse(dU, "Tensors.java:29: pow(...)", "u", dT7);
      }
      t7 = null; dT7 = null; // Tensors.java:29: not read again, released
      Tensor dT3 = null; // Tensors.java:28: accumulated in the block below
      Tensor dT5 = null; // Tensors.java:28: accumulated in the block below
      if (dU != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:28: sub(...)
        dT3 = tensors.sumToShapeOf(dU, t3); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dT3, "Tensors.java:28: sub(...)", "t3", dU);
      }
      if (dU != null && xNeedsGrad) { // Tensors.java:28: sub(...)
        dT5 = tensors.sumToShapeOf(tensors.negate(dU), t5); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dT5, "Tensors.java:28: sub(...)", "t5", dU);
      }
      u = null; dU = null; // Tensors.java:28: not read again, released
      Tensor dT4 = null; // Tensors.java:28: accumulated in the block below
      if (dT5 != null && xNeedsGrad) { // Tensors.java:28: mul(...)
        // Tensors.java:28
        dT4 = tensors.sumToShapeOf(tensors.multiply(dT5, tensors.constant(0.5)), t4);
        if (anomalies) GeneratedAnomalies.reverse(dT4, "Tensors.java:28: mul(...)", "t4", dT5);
      }
      t5 = null; dT5 = null; // Tensors.java:28: not read again, released
      Tensor dT1 = null; // Tensors.java:28: accumulated in the block below
      if (dT4 != null && xNeedsGrad) { // Tensors.java:28: exp(...)
        dT1 = tensors.sumToShapeOf(tensors.multiply(dT4, t4), t1); // Tensors.java:28
        if (anomalies) GeneratedAnomalies.reverse(dT1, "Tensors.java:28: exp(...)", "t1", dT4);
      }
      t4 = null; dT4 = null; // Tensors.java:28: not read again, released
      Tensor dT2 = null; // Tensors.java:28: accumulated in the block below
      if (dT3 != null && (xNeedsGrad || wNeedsGrad)) { // Tensors.java:28: sigmoid(...)
        // Tensors.java:28
        dT2 = Adjoints.partial(TensorOp.SIGMOID, OpParams.none(), t3, dT3, 0, t2);
        if (anomalies) GeneratedAnomalies.reverse(dT2, "Tensors.java:28: sigmoid(...)", "t2", dT3);
      }
      t3 = null; dT3 = null; // Tensors.java:28: not read again, released
      if (dT2 != null && xNeedsGrad) { // Tensors.java:28: mul(...)
        // Tensors.java:28
        dT1 = Adjoints.add(dT1, tensors.sumToShapeOf(tensors.multiply(dT2, w), t1));
        if (anomalies) GeneratedAnomalies.reverse(dT1, "Tensors.java:28: mul(...)", "t1", dT2);
      }
      if (dT2 != null && wNeedsGrad) { // Tensors.java:28: mul(...)
        // Tensors.java:28
        dW = Adjoints.add(dW, tensors.sumToShapeOf(tensors.multiply(dT2, t1), w));
        if (anomalies) GeneratedAnomalies.reverse(dW, "Tensors.java:28: mul(...)", "w", dT2);
      }
      t2 = null; dT2 = null; // Tensors.java:28: not read again, released
      if (dT1 != null && xNeedsGrad) { // Tensors.java:85: mul(...)
        // Tensors.java:85
        dX = Adjoints.add(dX, tensors.sumToShapeOf(tensors.multiply(dT1, tensors.constant(2)), x));
        if (anomalies) GeneratedAnomalies.reverse(dX, "Tensors.java:85: mul(...)", "x", dT1);
      }
      t1 = null; dT1 = null; // Tensors.java:85: not read again, released
      // into .grad() of the leaves that require it, as loss.backward() does
      Adjoints.accumulateGrads(reverseStart, new Tensor[] {x, w}, new Tensor[] {dX, dW});
      return t18;
    }
  }
}
