package dev.adjoint.corpus;

import static dev.adjoint.corpus.CorpusEntry.Domain.box;
import static dev.adjoint.corpus.CorpusEntry.Domain.cube;
import static dev.adjoint.corpus.CorpusEntry.of;
import static dev.adjoint.corpus.CorpusEntry.ofFloat;

import java.util.List;
import java.util.stream.Stream;

/**
 * The table of control-flow functions: {@link ControlFlowCorpus} (scalars) and {@link ArrayEntries}
 * (arrays). Domains keep clear of the points where a branch or a trip count switches.
 */
final class ControlFlowEntries {
  private ControlFlowEntries() {}

  static final List<CorpusEntry> SCALARS =
      List.of(
          of(
              "newtonSqrt",
              cube(1, 0.5, 4),
              x -> ControlFlowCorpus.newtonSqrt(x[0]),
              x -> ControlFlowCorpusGrad.newtonSqrt(x[0]),
              (x, s) -> ControlFlowCorpusGrad.newtonSqrt(x[0], s)),
          of(
              "newtonCubeRoot",
              cube(1, 0.5, 8),
              x -> ControlFlowCorpus.newtonCubeRoot(x[0]),
              x -> ControlFlowCorpusGrad.newtonCubeRoot(x[0]),
              (x, s) -> ControlFlowCorpusGrad.newtonCubeRoot(x[0], s)),
          of(
              "fixedPointCos",
              cube(1, -0.8, 0.8),
              x -> ControlFlowCorpus.fixedPointCos(x[0]),
              x -> ControlFlowCorpusGrad.fixedPointCos(x[0]),
              (x, s) -> ControlFlowCorpusGrad.fixedPointCos(x[0], s)),
          of(
              "taylorExp",
              cube(1, -3, 3),
              x -> ControlFlowCorpus.taylorExp(x[0]),
              x -> ControlFlowCorpusGrad.taylorExp(x[0]),
              (x, s) -> ControlFlowCorpusGrad.taylorExp(x[0], s)),
          of(
              "geometricSeries",
              cube(1, -0.9, 0.9),
              x -> ControlFlowCorpus.geometricSeries(x[0], 8),
              x -> ControlFlowCorpusGrad.geometricSeries(x[0], 8),
              (x, s) -> ControlFlowCorpusGrad.geometricSeries(x[0], 8, s)),
          of(
              "powerByWhile",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.powerByWhile(x[0], 5),
              x -> ControlFlowCorpusGrad.powerByWhile(x[0], 5),
              (x, s) -> ControlFlowCorpusGrad.powerByWhile(x[0], 5, s)),
          of(
              "longCounter",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.longCounter(x[0]),
              x -> ControlFlowCorpusGrad.longCounter(x[0]),
              (x, s) -> ControlFlowCorpusGrad.longCounter(x[0], s)),
          of(
              "eulerDampedOscillator",
              box(-2, 2, -2, 2, 0.5, 4, 0, 1),
              x -> ControlFlowCorpus.eulerDampedOscillator(x[0], x[1], x[2], x[3]),
              x -> ControlFlowCorpusGrad.eulerDampedOscillator(x[0], x[1], x[2], x[3]),
              (x, s) -> ControlFlowCorpusGrad.eulerDampedOscillator(x[0], x[1], x[2], x[3], s)),
          of(
              "rk2DampedOscillator",
              box(-2, 2, -2, 2, 0.5, 4, 0, 1),
              x -> ControlFlowCorpus.rk2DampedOscillator(x[0], x[1], x[2], x[3]),
              x -> ControlFlowCorpusGrad.rk2DampedOscillator(x[0], x[1], x[2], x[3]),
              (x, s) -> ControlFlowCorpusGrad.rk2DampedOscillator(x[0], x[1], x[2], x[3], s)),
          of(
              "piecewise",
              box(-2.5, -1.1).or(-0.9, -0.1).or(0.1, 0.9).or(1.1, 2.5),
              x -> ControlFlowCorpus.piecewise(x[0]),
              x -> ControlFlowCorpusGrad.piecewise(x[0]),
              (x, s) -> ControlFlowCorpusGrad.piecewise(x[0], s)),
          of(
              "squaredReluSum",
              cube(1, -1, 3),
              x -> ControlFlowCorpus.squaredReluSum(x[0]),
              x -> ControlFlowCorpusGrad.squaredReluSum(x[0]),
              (x, s) -> ControlFlowCorpusGrad.squaredReluSum(x[0], s)),
          of(
              "ternaryInLoop",
              box(-2, 2, 0.2, 2).or(-2, 2, -2, -0.2),
              x -> ControlFlowCorpus.ternaryInLoop(x[0], x[1]),
              x -> ControlFlowCorpusGrad.ternaryInLoop(x[0], x[1]),
              (x, s) -> ControlFlowCorpusGrad.ternaryInLoop(x[0], x[1], s)),
          of(
              "halvingsDoWhile",
              box(0.2, 0.9).or(1.1, 1.9).or(2.2, 3.8).or(4.4, 7.6),
              x -> ControlFlowCorpus.halvingsDoWhile(x[0]),
              x -> ControlFlowCorpusGrad.halvingsDoWhile(x[0]),
              (x, s) -> ControlFlowCorpusGrad.halvingsDoWhile(x[0], s)),
          of(
              "breakOnAccumulated",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.breakOnAccumulated(x[0]),
              x -> ControlFlowCorpusGrad.breakOnAccumulated(x[0]),
              (x, s) -> ControlFlowCorpusGrad.breakOnAccumulated(x[0], s)),
          of(
              "labeledContinueTriangle",
              cube(2, -1.5, 1.5),
              x -> ControlFlowCorpus.labeledContinueTriangle(x[0], x[1]),
              x -> ControlFlowCorpusGrad.labeledContinueTriangle(x[0], x[1]),
              (x, s) -> ControlFlowCorpusGrad.labeledContinueTriangle(x[0], x[1], s)),
          of(
              "earlyReturnNested",
              cube(2, -2, 2),
              x -> ControlFlowCorpus.earlyReturnNested(x[0], x[1]),
              x -> ControlFlowCorpusGrad.earlyReturnNested(x[0], x[1]),
              (x, s) -> ControlFlowCorpusGrad.earlyReturnNested(x[0], x[1], s)),
          of(
              "collatzWeighted",
              cube(1, -1, 1),
              x -> ControlFlowCorpus.collatzWeighted(x[0], 6),
              x -> ControlFlowCorpusGrad.collatzWeighted(x[0], 6),
              (x, s) -> ControlFlowCorpusGrad.collatzWeighted(x[0], 6, s)),
          of(
              "flagInLoop",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.flagInLoop(x[0]),
              x -> ControlFlowCorpusGrad.flagInLoop(x[0]),
              (x, s) -> ControlFlowCorpusGrad.flagInLoop(x[0], s)),
          of(
              "loopCallsDifferentiable",
              cube(2, -2, 2),
              x -> ControlFlowCorpus.loopCallsDifferentiable(x[0], x[1]),
              x -> ControlFlowCorpusGrad.loopCallsDifferentiable(x[0], x[1]),
              (x, s) -> ControlFlowCorpusGrad.loopCallsDifferentiable(x[0], x[1], s)),
          of(
              "recursiveWithLoop",
              cube(1, -1.5, 1.5),
              x -> ControlFlowCorpus.recursiveWithLoop(x[0], 4),
              x -> ControlFlowCorpusGrad.recursiveWithLoop(x[0], 4),
              (x, s) -> ControlFlowCorpusGrad.recursiveWithLoop(x[0], 4, s)),
          of(
              "nestedTriangle",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.nestedTriangle(x[0]),
              x -> ControlFlowCorpusGrad.nestedTriangle(x[0]),
              (x, s) -> ControlFlowCorpusGrad.nestedTriangle(x[0], s)),
          of(
              "arrayInitializer",
              cube(2, -1.5, 1.5),
              x -> ControlFlowCorpus.arrayInitializer(x[0], x[1]),
              x -> ControlFlowCorpusGrad.arrayInitializer(x[0], x[1]),
              (x, s) -> ControlFlowCorpusGrad.arrayInitializer(x[0], x[1], s)),
          of(
              "localArrayRecurrence",
              cube(1, -1.2, 1.2),
              x -> ControlFlowCorpus.localArrayRecurrence(x[0]),
              x -> ControlFlowCorpusGrad.localArrayRecurrence(x[0]),
              (x, s) -> ControlFlowCorpusGrad.localArrayRecurrence(x[0], s)),
          of(
              "branchInInactiveLoop",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.branchInInactiveLoop(x[0]),
              x -> ControlFlowCorpusGrad.branchInInactiveLoop(x[0]),
              (x, s) -> ControlFlowCorpusGrad.branchInInactiveLoop(x[0], s)),
          ofFloat(
              "floatEuler",
              box(-2, 2, -2, 2, 0.5, 4, 0, 1),
              x ->
                  ControlFlowCorpus.floatEuler(
                      (float) x[0], (float) x[1], (float) x[2], (float) x[3]),
              x -> ControlFlowCorpus.eulerDampedOscillator(x[0], x[1], x[2], x[3]),
              x ->
                  ControlFlowCorpusGrad.floatEuler(
                      (float) x[0], (float) x[1], (float) x[2], (float) x[3]),
              (x, s) ->
                  ControlFlowCorpusGrad.floatEuler(
                      (float) x[0], (float) x[1], (float) x[2], (float) x[3], (float) s)),
          ofFloat(
              "floatNewtonSqrt",
              cube(1, 0.5, 4),
              x -> ControlFlowCorpus.floatNewtonSqrt((float) x[0]),
              x -> ControlFlowCorpus.newtonSqrt(x[0]),
              x -> ControlFlowCorpusGrad.floatNewtonSqrt((float) x[0]),
              (x, s) -> ControlFlowCorpusGrad.floatNewtonSqrt((float) x[0], (float) s)),
          of(
              "switchGroups0",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.switchGroups(x[0], 0),
              x -> ControlFlowCorpusGrad.switchGroups(x[0], 0),
              (x, s) -> ControlFlowCorpusGrad.switchGroups(x[0], 0, s)),
          of(
              "switchGroups1",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.switchGroups(x[0], 1),
              x -> ControlFlowCorpusGrad.switchGroups(x[0], 1),
              (x, s) -> ControlFlowCorpusGrad.switchGroups(x[0], 1, s)),
          of(
              "switchGroups2",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.switchGroups(x[0], 2),
              x -> ControlFlowCorpusGrad.switchGroups(x[0], 2),
              (x, s) -> ControlFlowCorpusGrad.switchGroups(x[0], 2, s)),
          of(
              "switchGroups3",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.switchGroups(x[0], 3),
              x -> ControlFlowCorpusGrad.switchGroups(x[0], 3),
              (x, s) -> ControlFlowCorpusGrad.switchGroups(x[0], 3, s)),
          of(
              "switchInLoop4",
              cube(1, -1.5, 1.5),
              x -> ControlFlowCorpus.switchInLoop(x[0], 4),
              x -> ControlFlowCorpusGrad.switchInLoop(x[0], 4),
              (x, s) -> ControlFlowCorpusGrad.switchInLoop(x[0], 4, s)),
          of(
              "switchInLoop7",
              cube(1, -1.5, 1.5),
              x -> ControlFlowCorpus.switchInLoop(x[0], 7),
              x -> ControlFlowCorpusGrad.switchInLoop(x[0], 7),
              (x, s) -> ControlFlowCorpusGrad.switchInLoop(x[0], 7, s)),
          of(
              "arrowDefaultInMiddle2",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.arrowDefaultInMiddle(x[0], 2),
              x -> ControlFlowCorpusGrad.arrowDefaultInMiddle(x[0], 2),
              (x, s) -> ControlFlowCorpusGrad.arrowDefaultInMiddle(x[0], 2, s)),
          of(
              "arrowDefaultInMiddle5",
              cube(1, -2, 2),
              x -> ControlFlowCorpus.arrowDefaultInMiddle(x[0], 5),
              x -> ControlFlowCorpusGrad.arrowDefaultInMiddle(x[0], 5),
              (x, s) -> ControlFlowCorpusGrad.arrowDefaultInMiddle(x[0], 5, s)));

  static final List<CorpusEntry> ALL =
      Stream.concat(SCALARS.stream(), ArrayEntries.ALL.stream()).toList();
}
