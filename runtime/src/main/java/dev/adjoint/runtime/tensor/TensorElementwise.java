package dev.adjoint.runtime.tensor;

import dev.adjoint.runtime.autograd.Ops;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.rules.ElementwiseOp;

/**
 * Tensor's elementwise operations as methods: arithmetic with broadcasting, the differentiable
 * functions, comparisons and masks, and the in-place updates ({@code ...InPlace}, which bump the
 * storage's version counter). Every method is recorded on the tape when an operand requires grad.
 *
 * <p>Part of {@link Tensor}'s API, split by kind of operation; only {@link Tensor} implements it.
 */
public sealed interface TensorElementwise permits Tensor {
  default Tensor add(Tensor other) {
    return Ops.elementwise(ElementwiseOp.ADD, self(), other);
  }

  default Tensor add(double other) {
    return add(Tensor.wrappedNumber(other));
  }

  default Tensor sub(Tensor other) {
    return Ops.elementwise(ElementwiseOp.SUBTRACT, self(), other);
  }

  default Tensor sub(double other) {
    return sub(Tensor.wrappedNumber(other));
  }

  /** {@code value - this}. */
  default Tensor rsub(double value) {
    return Tensor.wrappedNumber(value).sub(self());
  }

  default Tensor mul(Tensor other) {
    return Ops.elementwise(ElementwiseOp.MULTIPLY, self(), other);
  }

  default Tensor mul(double other) {
    return mul(Tensor.wrappedNumber(other));
  }

  default Tensor div(Tensor other) {
    return Ops.elementwise(ElementwiseOp.DIVIDE, self(), other);
  }

  default Tensor div(double other) {
    return div(Tensor.wrappedNumber(other));
  }

  default Tensor neg() {
    return Ops.elementwise(ElementwiseOp.NEGATE, self());
  }

  /** {@code this ** exponent}, elementwise and broadcast; differentiable in both. */
  default Tensor pow(Tensor exponent) {
    return Ops.elementwise(ElementwiseOp.POW, self(), exponent);
  }

  /** {@code this ** exponent} with a constant exponent. */
  default Tensor pow(double exponent) {
    return pow(Tensor.wrappedNumber(exponent));
  }

  default Tensor exp() {
    return Ops.elementwise(ElementwiseOp.EXP, self());
  }

  default Tensor expm1() {
    return Ops.elementwise(ElementwiseOp.EXPM1, self());
  }

  default Tensor log() {
    return Ops.elementwise(ElementwiseOp.LOG, self());
  }

  default Tensor log1p() {
    return Ops.elementwise(ElementwiseOp.LOG1P, self());
  }

  default Tensor sqrt() {
    return Ops.elementwise(ElementwiseOp.SQRT, self());
  }

  default Tensor sin() {
    return Ops.elementwise(ElementwiseOp.SIN, self());
  }

  default Tensor cos() {
    return Ops.elementwise(ElementwiseOp.COS, self());
  }

  default Tensor tanh() {
    return Ops.elementwise(ElementwiseOp.TANH, self());
  }

  default Tensor abs() {
    return Ops.elementwise(ElementwiseOp.ABS, self());
  }

  /** The elementwise larger of the two (PyTorch's {@code maximum}). */
  default Tensor maximum(Tensor other) {
    return Ops.elementwise(ElementwiseOp.MAX, self(), other);
  }

  /** The elementwise smaller of the two (PyTorch's {@code minimum}). */
  default Tensor minimum(Tensor other) {
    return Ops.elementwise(ElementwiseOp.MIN, self(), other);
  }

  /** Any {@link ElementwiseOp} applied to this tensor (and {@code others}). */
  default Tensor apply(ElementwiseOp op, Tensor... others) {
    Tensor[] args = new Tensor[others.length + 1];
    args[0] = self();
    System.arraycopy(others, 0, args, 1, others.length);
    return Ops.elementwise(op, args);
  }

  default Tensor sigmoid() {
    return Ops.sigmoid(self());
  }

  default Tensor relu() {
    return Ops.relu(self());
  }

  /** {@code log(1 + exp(x))}, linear above {@code x > 20} as PyTorch's default. */
  default Tensor softplus() {
    return Ops.softplus(self(), 1, 20);
  }

  /** Elementwise clamp into [min, max]; pass ±infinity for a one-sided bound. */
  default Tensor clamp(double min, double max) {
    return Ops.clamp(self(), min, max);
  }

  /** {@code this > other} as a {@code bool} tensor. */
  default Tensor gt(Tensor other) {
    return Ops.compare(Relation.GREATER, self(), other);
  }

  default Tensor gt(double other) {
    return gt(Tensor.wrappedNumber(other));
  }

  /** {@code this < other}. */
  default Tensor lt(Tensor other) {
    return Ops.compare(Relation.GREATER, other, self());
  }

  default Tensor lt(double other) {
    return lt(Tensor.wrappedNumber(other));
  }

  /** {@code this >= other}. */
  default Tensor ge(Tensor other) {
    return Ops.compare(Relation.GREATER_OR_EQUAL, self(), other);
  }

  /** {@code this <= other}. */
  default Tensor le(Tensor other) {
    return Ops.compare(Relation.GREATER_OR_EQUAL, other, self());
  }

  /** {@code this == other}. */
  default Tensor eq(Tensor other) {
    return Ops.compare(Relation.EQUAL, self(), other);
  }

  /** This tensor with {@code value} where {@code mask} is true. */
  default Tensor maskedFill(Tensor mask, double value) {
    return Ops.maskedFill(self(), mask, value);
  }

  /** {@code this += other} (broadcast into this tensor's shape). */
  default Tensor addInPlace(Tensor other) {
    return Ops.addScaledInPlace(self(), other, 1);
  }

  /** {@code this += alpha * other} without a temporary (PyTorch's {@code add_(other, alpha=)}). */
  default Tensor addInPlace(Tensor other, double alpha) {
    return Ops.addScaledInPlace(self(), other, alpha);
  }

  /** {@code this -= other}. */
  default Tensor subInPlace(Tensor other) {
    return Ops.addScaledInPlace(self(), other, -1);
  }

  /** {@code this *= factor}. */
  default Tensor mulInPlace(double factor) {
    return Ops.scaleInPlace(self(), factor);
  }

  /** Sets every element to {@code value}. */
  default Tensor fillInPlace(double value) {
    return Ops.fillInPlace(self(), value);
  }

  /** Sets every element to zero. */
  default Tensor zeroInPlace() {
    return Ops.fillInPlace(self(), 0);
  }

  /** Copies {@code source} (broadcast) into this tensor. */
  default Tensor copyInPlace(Tensor source) {
    return Ops.copyInPlace(self(), source);
  }

  private Tensor self() {
    return (Tensor) this;
  }
}
