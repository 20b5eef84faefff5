package dev.adjoint.corpus;

import static dev.adjoint.corpus.CorpusEntry.Domain.box;
import static dev.adjoint.corpus.CorpusEntry.Domain.cube;
import static dev.adjoint.corpus.CorpusEntry.ofArrays;
import static dev.adjoint.corpus.CorpusEntry.ofFloatArrays;
import static dev.adjoint.corpus.Layout.SCALAR;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The table of {@link ArrayCorpus} functions: how each splits a point into its arguments, and where
 * it is smooth. Integer arguments (sizes, indices) are fixed here.
 */
final class ArrayEntries {
  private ArrayEntries() {}

  static final List<CorpusEntry> ALL =
      List.of(
          ofArrays(
              "sum",
              Layout.of(5),
              cube(5, -2, 2),
              a -> ArrayCorpus.sum(a.doubles(0)),
              a -> ArrayCorpusGrad.sum(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.sum(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.sum(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "dot",
              Layout.of(4, 4),
              cube(8, -2, 2),
              a -> ArrayCorpus.dot(a.doubles(0), a.doubles(1)),
              a -> ArrayCorpusGrad.dot(a.doubles(0), a.doubles(1)),
              (a, s) -> ArrayCorpusGrad.dot(a.doubles(0), a.doubles(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.dot(a.doubles(0), a.doubles(1), s, d.doubles(0), d.doubles(1))),
          ofArrays(
              "sumOfSquares",
              Layout.of(5),
              cube(5, -2, 2),
              a -> ArrayCorpus.sumOfSquares(a.doubles(0)),
              a -> ArrayCorpusGrad.sumOfSquares(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.sumOfSquares(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.sumOfSquares(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "horner",
              Layout.of(5, SCALAR),
              cube(6, -1.5, 1.5),
              a -> ArrayCorpus.horner(a.doubles(0), a.scalar(1)),
              a -> ArrayCorpusGrad.horner(a.doubles(0), a.scalar(1)),
              (a, s) -> ArrayCorpusGrad.horner(a.doubles(0), a.scalar(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.horner(a.doubles(0), a.scalar(1), s, d.gradient(), d.doubles(0))),
          ofArrays(
                  "hornerInT",
                  Layout.of(5, SCALAR),
                  cube(6, -1.5, 1.5),
                  a -> ArrayCorpus.hornerInT(a.doubles(0), a.scalar(1)),
                  a -> ArrayCorpusGrad.hornerInT(a.doubles(0), a.scalar(1)),
                  (a, s) -> ArrayCorpusGrad.hornerInT(a.doubles(0), a.scalar(1), s),
                  null)
              .wrt(5),
          ofArrays(
                  "weightedSquares",
                  Layout.of(4, 4),
                  cube(8, -2, 2),
                  a -> ArrayCorpus.weightedSquares(a.doubles(0), a.doubles(1)),
                  a -> ArrayCorpusGrad.weightedSquares(a.doubles(0), a.doubles(1)),
                  (a, s) -> ArrayCorpusGrad.weightedSquares(a.doubles(0), a.doubles(1), s),
                  (a, s, d) ->
                      ArrayCorpusGrad.weightedSquares(a.doubles(0), a.doubles(1), s, d.doubles(1)))
              .wrt(4, 5, 6, 7),
          ofArrays(
              "variance",
              Layout.of(5),
              cube(5, -2, 2),
              a -> ArrayCorpus.variance(a.doubles(0)),
              a -> ArrayCorpusGrad.variance(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.variance(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.variance(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "runningProducts",
              Layout.of(5),
              cube(5, -1.5, 1.5),
              a -> ArrayCorpus.runningProducts(a.doubles(0)),
              a -> ArrayCorpusGrad.runningProducts(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.runningProducts(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.runningProducts(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "prefixSums",
              Layout.of(5),
              cube(5, -2, 2),
              a -> ArrayCorpus.prefixSums(a.doubles(0)),
              a -> ArrayCorpusGrad.prefixSums(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.prefixSums(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.prefixSums(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "countPositive",
              Layout.of(5),
              awayFromZero(5, 0.2, 2),
              a -> ArrayCorpus.countPositive(a.doubles(0)),
              a -> ArrayCorpusGrad.countPositive(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.countPositive(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.countPositive(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "matVecNormSquared",
              Layout.of(6, 3),
              cube(9, -2, 2),
              a -> ArrayCorpus.matVecNormSquared(a.doubles(0), a.doubles(1), 2, 3),
              a -> ArrayCorpusGrad.matVecNormSquared(a.doubles(0), a.doubles(1), 2, 3),
              (a, s) -> ArrayCorpusGrad.matVecNormSquared(a.doubles(0), a.doubles(1), 2, 3, s),
              (a, s, d) ->
                  ArrayCorpusGrad.matVecNormSquared(
                      a.doubles(0), a.doubles(1), 2, 3, s, d.doubles(0), d.doubles(1))),
          ofArrays(
              "rosenbrock",
              Layout.of(4),
              cube(4, -1.5, 1.5),
              a -> ArrayCorpus.rosenbrock(a.doubles(0)),
              a -> ArrayCorpusGrad.rosenbrock(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.rosenbrock(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.rosenbrock(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "softSteps",
              Layout.of(5),
              cube(5, -1.5, 1.5),
              a -> ArrayCorpus.softSteps(a.doubles(0)),
              a -> ArrayCorpusGrad.softSteps(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.softSteps(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.softSteps(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "branchedPenalties",
              Layout.of(4),
              cube(4, -1.5, 1.5),
              a -> ArrayCorpus.branchedPenalties(a.doubles(0)),
              a -> ArrayCorpusGrad.branchedPenalties(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.branchedPenalties(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.branchedPenalties(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "normalizedProjection",
              Layout.of(4),
              awayFromZero(4, 0.3, 2),
              a -> ArrayCorpus.normalizedProjection(a.doubles(0)),
              a -> ArrayCorpusGrad.normalizedProjection(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.normalizedProjection(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.normalizedProjection(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "logSumExp",
              Layout.of(5),
              cube(5, -3, 3),
              a -> ArrayCorpus.logSumExp(a.doubles(0)),
              a -> ArrayCorpusGrad.logSumExp(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.logSumExp(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.logSumExp(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "softmaxComponent",
              Layout.of(5),
              cube(5, -3, 3),
              a -> ArrayCorpus.softmaxComponent(a.doubles(0), 2),
              a -> ArrayCorpusGrad.softmaxComponent(a.doubles(0), 2),
              (a, s) -> ArrayCorpusGrad.softmaxComponent(a.doubles(0), 2, s),
              (a, s, d) -> ArrayCorpusGrad.softmaxComponent(a.doubles(0), 2, s, d.doubles(0))),
          ofArrays(
              "crossEntropy",
              Layout.of(5),
              cube(5, -3, 3),
              a -> ArrayCorpus.crossEntropy(a.doubles(0), 1),
              a -> ArrayCorpusGrad.crossEntropy(a.doubles(0), 1),
              (a, s) -> ArrayCorpusGrad.crossEntropy(a.doubles(0), 1, s),
              (a, s, d) -> ArrayCorpusGrad.crossEntropy(a.doubles(0), 1, s, d.doubles(0))),
          ofArrays(
              "maxTimesSum",
              Layout.of(5),
              cube(5, -2, 2),
              a -> ArrayCorpus.maxTimesSum(a.doubles(0)),
              a -> ArrayCorpusGrad.maxTimesSum(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.maxTimesSum(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.maxTimesSum(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "insertionSortedWeightedSum",
              Layout.of(5, 5),
              cube(10, -2, 2),
              a -> ArrayCorpus.insertionSortedWeightedSum(a.doubles(0), a.doubles(1)),
              a -> ArrayCorpusGrad.insertionSortedWeightedSum(a.doubles(0), a.doubles(1)),
              (a, s) -> ArrayCorpusGrad.insertionSortedWeightedSum(a.doubles(0), a.doubles(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.insertionSortedWeightedSum(
                      a.doubles(0), a.doubles(1), s, d.doubles(0), d.doubles(1))),
          ofArrays(
              "bubbleSortedLoss",
              Layout.of(5, 5),
              cube(10, -2, 2),
              a -> ArrayCorpus.bubbleSortedLoss(a.doubles(0), a.doubles(1)),
              a -> ArrayCorpusGrad.bubbleSortedLoss(a.doubles(0), a.doubles(1)),
              (a, s) -> ArrayCorpusGrad.bubbleSortedLoss(a.doubles(0), a.doubles(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.bubbleSortedLoss(
                      a.doubles(0), a.doubles(1), s, d.doubles(0), d.doubles(1))),
          ofArrays(
              "sumSquaresUntil",
              Layout.of(5, SCALAR),
              box(-1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, 1, 4),
              a -> ArrayCorpus.sumSquaresUntil(a.doubles(0), a.scalar(1)),
              a -> ArrayCorpusGrad.sumSquaresUntil(a.doubles(0), a.scalar(1)),
              (a, s) -> ArrayCorpusGrad.sumSquaresUntil(a.doubles(0), a.scalar(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.sumSquaresUntil(
                      a.doubles(0), a.scalar(1), s, d.gradient(), d.doubles(0))),
          ofArrays(
              "doWhileDecay",
              Layout.of(5),
              cube(5, -2, 2),
              a -> ArrayCorpus.doWhileDecay(a.doubles(0)),
              a -> ArrayCorpusGrad.doWhileDecay(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.doWhileDecay(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.doWhileDecay(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "firstHeavyRow",
              Layout.of(9),
              cube(9, -1, 1.5),
              a -> ArrayCorpus.firstHeavyRow(a.doubles(0), 3, 3),
              a -> ArrayCorpusGrad.firstHeavyRow(a.doubles(0), 3, 3),
              (a, s) -> ArrayCorpusGrad.firstHeavyRow(a.doubles(0), 3, 3, s),
              (a, s, d) -> ArrayCorpusGrad.firstHeavyRow(a.doubles(0), 3, 3, s, d.doubles(0))),
          ofArrays(
              "rowPrefixesUntilNegative",
              Layout.of(9),
              awayFromZero(9, 0.2, 2),
              a -> ArrayCorpus.rowPrefixesUntilNegative(a.doubles(0), 3, 3),
              a -> ArrayCorpusGrad.rowPrefixesUntilNegative(a.doubles(0), 3, 3),
              (a, s) -> ArrayCorpusGrad.rowPrefixesUntilNegative(a.doubles(0), 3, 3, s),
              (a, s, d) ->
                  ArrayCorpusGrad.rowPrefixesUntilNegative(a.doubles(0), 3, 3, s, d.doubles(0))),
          ofArrays(
              "firstPairProduct",
              Layout.of(5),
              cube(5, -1.8, 1.8),
              a -> ArrayCorpus.firstPairProduct(a.doubles(0)),
              a -> ArrayCorpusGrad.firstPairProduct(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.firstPairProduct(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.firstPairProduct(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "squaredHinge",
              Layout.of(4, 4),
              cube(8, -2, 2),
              a -> ArrayCorpus.squaredHinge(a.doubles(0), a.doubles(1)),
              a -> ArrayCorpusGrad.squaredHinge(a.doubles(0), a.doubles(1)),
              (a, s) -> ArrayCorpusGrad.squaredHinge(a.doubles(0), a.doubles(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.squaredHinge(
                      a.doubles(0), a.doubles(1), s, d.doubles(0), d.doubles(1))),
          ofArrays(
              "interpolate",
              Layout.of(4, SCALAR),
              box(-2, 2, -2, 2, -2, 2, -2, 2, 0.1, 0.9)
                  .or(-2, 2, -2, 2, -2, 2, -2, 2, 1.1, 1.9)
                  .or(-2, 2, -2, 2, -2, 2, -2, 2, 2.1, 2.9),
              a -> ArrayCorpus.interpolate(a.doubles(0), a.scalar(1)),
              a -> ArrayCorpusGrad.interpolate(a.doubles(0), a.scalar(1)),
              (a, s) -> ArrayCorpusGrad.interpolate(a.doubles(0), a.scalar(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.interpolate(
                      a.doubles(0), a.scalar(1), s, d.gradient(), d.doubles(0))),
          ofArrays(
              "softplusLogistic",
              Layout.of(4),
              cube(4, -3, 3),
              a -> ArrayCorpus.softplusLogistic(a.doubles(0)),
              a -> ArrayCorpusGrad.softplusLogistic(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.softplusLogistic(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.softplusLogistic(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "inactiveInnerLoopIndex",
              Layout.of(3),
              cube(3, -2, 2),
              a -> ArrayCorpus.inactiveInnerLoopIndex(a.doubles(0)),
              a -> ArrayCorpusGrad.inactiveInnerLoopIndex(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.inactiveInnerLoopIndex(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.inactiveInnerLoopIndex(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "typedInitializers",
              Layout.of(3, SCALAR),
              cube(4, -2, 2),
              a -> ArrayCorpus.typedInitializers(a.doubles(0), a.scalar(1)),
              a -> ArrayCorpusGrad.typedInitializers(a.doubles(0), a.scalar(1)),
              (a, s) -> ArrayCorpusGrad.typedInitializers(a.doubles(0), a.scalar(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.typedInitializers(
                      a.doubles(0), a.scalar(1), s, d.gradient(), d.doubles(0))),
          ofFloatArrays(
              "floatDot",
              Layout.ofFloats(4, 4),
              cube(8, -2, 2),
              a -> ArrayCorpus.floatDot(a.floats(0), a.floats(1)),
              a -> ArrayCorpus.dot(a.doubles(0), a.doubles(1)),
              a -> ArrayCorpusGrad.floatDot(a.floats(0), a.floats(1)),
              (a, s) -> ArrayCorpusGrad.floatDot(a.floats(0), a.floats(1), (float) s),
              (a, s, d) ->
                  ArrayCorpusGrad.floatDot(
                      a.floats(0), a.floats(1), (float) s, d.floats(0), d.floats(1))),
          ofFloatArrays(
              "floatLogSumExp",
              Layout.ofFloats(5),
              cube(5, -3, 3),
              a -> ArrayCorpus.floatLogSumExp(a.floats(0)),
              a -> ArrayCorpus.logSumExp(a.doubles(0)),
              a -> ArrayCorpusGrad.floatLogSumExp(a.floats(0)),
              (a, s) -> ArrayCorpusGrad.floatLogSumExp(a.floats(0), (float) s),
              (a, s, d) -> ArrayCorpusGrad.floatLogSumExp(a.floats(0), (float) s, d.floats(0))),
          ofFloatArrays(
              "floatHorner",
              Layout.ofFloats(5, SCALAR),
              cube(6, -1.2, 1.2),
              a -> ArrayCorpus.floatHorner(a.floats(0), a.floatScalar(1)),
              a -> ArrayCorpus.horner(a.doubles(0), a.scalar(1)),
              a -> ArrayCorpusGrad.floatHorner(a.floats(0), a.floatScalar(1)),
              (a, s) -> ArrayCorpusGrad.floatHorner(a.floats(0), a.floatScalar(1), (float) s),
              (a, s, d) ->
                  ArrayCorpusGrad.floatHorner(
                      a.floats(0), a.floatScalar(1), (float) s, d.gradient(), d.floats(0))),
          ofFloatArrays(
              "floatRunningProducts",
              Layout.ofFloats(5),
              cube(5, -1.5, 1.5),
              a -> ArrayCorpus.floatRunningProducts(a.floats(0)),
              a -> ArrayCorpus.runningProducts(a.doubles(0)),
              a -> ArrayCorpusGrad.floatRunningProducts(a.floats(0)),
              (a, s) -> ArrayCorpusGrad.floatRunningProducts(a.floats(0), (float) s),
              (a, s, d) ->
                  ArrayCorpusGrad.floatRunningProducts(a.floats(0), (float) s, d.floats(0))),
          ofArrays(
              "branchyTerms",
              Layout.of(5, SCALAR),
              awayFromZero(6, 0.3, 1.5),
              a -> ArrayCorpus.branchyTerms(a.doubles(0), a.scalar(1)),
              a -> ArrayCorpusGrad.branchyTerms(a.doubles(0), a.scalar(1)),
              (a, s) -> ArrayCorpusGrad.branchyTerms(a.doubles(0), a.scalar(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.branchyTerms(
                      a.doubles(0), a.scalar(1), s, d.gradient(), d.doubles(0))),
          ofArrays(
              "subtractedProducts",
              Layout.of(5),
              cube(5, -1.5, 1.5),
              a -> ArrayCorpus.subtractedProducts(a.doubles(0)),
              a -> ArrayCorpusGrad.subtractedProducts(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.subtractedProducts(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.subtractedProducts(a.doubles(0), s, d.doubles(0))),
          ofArrays(
              "gaussianTerms",
              Layout.of(5, SCALAR),
              cube(6, -1.5, 1.5),
              a -> ArrayCorpus.gaussianTerms(a.doubles(0), a.scalar(1)),
              a -> ArrayCorpusGrad.gaussianTerms(a.doubles(0), a.scalar(1)),
              (a, s) -> ArrayCorpusGrad.gaussianTerms(a.doubles(0), a.scalar(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.gaussianTerms(
                      a.doubles(0), a.scalar(1), s, d.gradient(), d.doubles(0))),
          ofArrays(
              "valley",
              Layout.of(6),
              cube(6, -1.5, 1.5),
              a -> ArrayCorpus.valley(a.doubles(0)),
              a -> ArrayCorpusGrad.valley(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.valley(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.valley(a.doubles(0), s, d.doubles(0))),
          ofFloatArrays(
              "floatValley",
              Layout.ofFloats(6),
              cube(6, -1.5, 1.5),
              a -> ArrayCorpus.floatValley(a.floats(0)),
              a -> ArrayCorpus.valley(a.doubles(0)),
              a -> ArrayCorpusGrad.floatValley(a.floats(0)),
              (a, s) -> ArrayCorpusGrad.floatValley(a.floats(0), (float) s),
              (a, s, d) -> ArrayCorpusGrad.floatValley(a.floats(0), (float) s, d.floats(0))),
          ofArrays(
              "waves",
              Layout.of(5),
              cube(5, -1, 1),
              a -> ArrayCorpus.waves(a.doubles(0)),
              a -> ArrayCorpusGrad.waves(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.waves(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.waves(a.doubles(0), s, d.doubles(0))),
          ofFloatArrays(
              "floatWaves",
              Layout.ofFloats(5),
              cube(5, -1, 1),
              a -> ArrayCorpus.floatWaves(a.floats(0)),
              a -> ArrayCorpus.waves(a.doubles(0)),
              a -> ArrayCorpusGrad.floatWaves(a.floats(0)),
              (a, s) -> ArrayCorpusGrad.floatWaves(a.floats(0), (float) s),
              (a, s, d) -> ArrayCorpusGrad.floatWaves(a.floats(0), (float) s, d.floats(0))),
          ofArrays(
              "inPlaceSteps",
              Layout.of(4, SCALAR),
              cube(5, -1.5, 1.5),
              a -> ArrayCorpus.inPlaceSteps(a.doubles(0), a.scalar(1)),
              a -> ArrayCorpusGrad.inPlaceSteps(a.doubles(0), a.scalar(1)),
              (a, s) -> ArrayCorpusGrad.inPlaceSteps(a.doubles(0), a.scalar(1), s),
              (a, s, d) ->
                  ArrayCorpusGrad.inPlaceSteps(
                      a.doubles(0), a.scalar(1), s, d.gradient(), d.doubles(0))),
          ofArrays(
              "inPlacePrefixSums",
              Layout.of(5),
              cube(5, -1.5, 1.5),
              a -> ArrayCorpus.inPlacePrefixSums(a.doubles(0)),
              a -> ArrayCorpusGrad.inPlacePrefixSums(a.doubles(0)),
              (a, s) -> ArrayCorpusGrad.inPlacePrefixSums(a.doubles(0), s),
              (a, s, d) -> ArrayCorpusGrad.inPlacePrefixSums(a.doubles(0), s, d.doubles(0))),
          ofFloatArrays(
              "floatInPlaceScale",
              Layout.ofFloats(4),
              cube(4, -1.5, 1.5),
              a -> ArrayCorpus.floatInPlaceScale(a.floats(0)),
              a -> ArrayCorpus.inPlaceScaleReference(a.doubles(0)),
              a -> ArrayCorpusGrad.floatInPlaceScale(a.floats(0)),
              (a, s) -> ArrayCorpusGrad.floatInPlaceScale(a.floats(0), (float) s),
              (a, s, d) -> ArrayCorpusGrad.floatInPlaceScale(a.floats(0), (float) s, d.floats(0))));

  /**
   * Points whose every coordinate has |xᵢ| in [lo, hi], for functions that branch on an element's
   * sign: three boxes with fixed random sign patterns.
   */
  static CorpusEntry.Domain awayFromZero(int arity, double lo, double hi) {
    Random random = new Random(arity);
    List<CorpusEntry.Box> boxes = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      double[] bounds = new double[2 * arity];
      for (int i = 0; i < arity; i++) {
        boolean negative = random.nextBoolean();
        bounds[2 * i] = negative ? -hi : lo;
        bounds[2 * i + 1] = negative ? -lo : hi;
      }
      boxes.add(CorpusEntry.Box.of(bounds));
    }
    return new CorpusEntry.Domain(boxes);
  }
}
