/**
 * The reference cases and a small network written with the runtime's {@code Tensor}s and marked
 * {@code @Differentiable}: called directly they run on the dynamic tape; called through the
 * generated {@code ...Grad.xBackward} methods they run the adjoint written at build time. Tests
 * check that the two engines agree.
 */
package dev.adjoint.examples.tensors;
