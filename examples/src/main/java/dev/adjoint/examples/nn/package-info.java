/**
 * Building blocks in a package of their own, for models elsewhere to call: their
 * {@code @Differentiable} tensor methods are differentiated where a model calls them.
 */
package dev.adjoint.examples.nn;
