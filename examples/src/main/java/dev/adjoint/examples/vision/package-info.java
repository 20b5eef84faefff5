/**
 * Convolutional networks: torchvision's ResNet ({@link dev.adjoint.examples.vision.ResNet}, with
 * its state-dict layout and initialisation), REFERENCE R6's training step, and a small CNN trained
 * on images the example renders itself.
 */
package dev.adjoint.examples.vision;
