/**
 * The reference cases of REFERENCE.md through adjoints the processor generated at build time; the
 * {@code tape} package runs the same cases on the dynamic tape.
 */
package dev.adjoint.examples.generated;
