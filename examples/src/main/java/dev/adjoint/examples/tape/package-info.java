/**
 * REFERENCE.md's cases run on the dynamic tape: each class's {@code main} prints what PyTorch
 * printed for the same program, and its {@code run} returns those lines for the tests.
 */
package dev.adjoint.examples.tape;
