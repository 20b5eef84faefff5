package dev.adjoint.corpus;

import static dev.adjoint.corpus.CorpusEntry.Domain.box;
import static dev.adjoint.corpus.CorpusEntry.Domain.cube;
import static dev.adjoint.corpus.CorpusEntry.of;
import static dev.adjoint.corpus.CorpusEntry.ofFloat;

import java.util.List;
import java.util.stream.Stream;

/** The table of corpus functions under test: adding a function is adding one entry here. */
final class CorpusEntries {
  private CorpusEntries() {}

  private static final Oscillator SPRING = new Oscillator(2.0, 3.0, 0.4, 2);

  static final List<CorpusEntry> SCALAR =
      List.of(
          // arithmetic
          of(
              "add",
              cube(2, -3, 3),
              x -> ScalarCorpus.add(x[0], x[1]),
              x -> ScalarCorpusGrad.add(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.add(x[0], x[1], s)),
          of(
              "sub",
              cube(2, -3, 3),
              x -> ScalarCorpus.sub(x[0], x[1]),
              x -> ScalarCorpusGrad.sub(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.sub(x[0], x[1], s)),
          of(
              "mul",
              cube(2, -3, 3),
              x -> ScalarCorpus.mul(x[0], x[1]),
              x -> ScalarCorpusGrad.mul(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.mul(x[0], x[1], s)),
          of(
              "div",
              box(-3, 3, 0.5, 3),
              x -> ScalarCorpus.div(x[0], x[1]),
              x -> ScalarCorpusGrad.div(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.div(x[0], x[1], s)),
          of(
              "negate",
              cube(2, -2, 2),
              x -> ScalarCorpus.negate(x[0], x[1]),
              x -> ScalarCorpusGrad.negate(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.negate(x[0], x[1], s)),
          of(
              "compound",
              cube(2, -2, 2),
              x -> ScalarCorpus.compound(x[0], x[1]),
              x -> ScalarCorpusGrad.compound(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.compound(x[0], x[1], s)),
          of(
              "incrementDecrement",
              cube(1, -2, 2),
              x -> ScalarCorpus.incrementDecrement(x[0]),
              x -> ScalarCorpusGrad.incrementDecrement(x[0]),
              (x, s) -> ScalarCorpusGrad.incrementDecrement(x[0], s)),
          // one Math function each
          of(
              "exp",
              cube(1, -3, 3),
              x -> ScalarCorpus.mathExp(x[0]),
              x -> ScalarCorpusGrad.mathExp(x[0]),
              (x, s) -> ScalarCorpusGrad.mathExp(x[0], s)),
          of(
              "expm1",
              cube(1, -3, 3),
              x -> ScalarCorpus.mathExpm1(x[0]),
              x -> ScalarCorpusGrad.mathExpm1(x[0]),
              (x, s) -> ScalarCorpusGrad.mathExpm1(x[0], s)),
          of(
              "log",
              cube(1, 0.1, 5),
              x -> ScalarCorpus.mathLog(x[0]),
              x -> ScalarCorpusGrad.mathLog(x[0]),
              (x, s) -> ScalarCorpusGrad.mathLog(x[0], s)),
          of(
              "log1p",
              cube(1, -0.5, 5),
              x -> ScalarCorpus.mathLog1p(x[0]),
              x -> ScalarCorpusGrad.mathLog1p(x[0]),
              (x, s) -> ScalarCorpusGrad.mathLog1p(x[0], s)),
          of(
              "log10",
              cube(1, 0.1, 5),
              x -> ScalarCorpus.mathLog10(x[0]),
              x -> ScalarCorpusGrad.mathLog10(x[0]),
              (x, s) -> ScalarCorpusGrad.mathLog10(x[0], s)),
          of(
              "sqrt",
              cube(1, 0.1, 5),
              x -> ScalarCorpus.mathSqrt(x[0]),
              x -> ScalarCorpusGrad.mathSqrt(x[0]),
              (x, s) -> ScalarCorpusGrad.mathSqrt(x[0], s)),
          of(
              "cbrt",
              box(-3, -0.1).or(0.1, 3),
              x -> ScalarCorpus.mathCbrt(x[0]),
              x -> ScalarCorpusGrad.mathCbrt(x[0]),
              (x, s) -> ScalarCorpusGrad.mathCbrt(x[0], s)),
          of(
              "sin",
              cube(1, -4, 4),
              x -> ScalarCorpus.mathSin(x[0]),
              x -> ScalarCorpusGrad.mathSin(x[0]),
              (x, s) -> ScalarCorpusGrad.mathSin(x[0], s)),
          of(
              "cos",
              cube(1, -4, 4),
              x -> ScalarCorpus.mathCos(x[0]),
              x -> ScalarCorpusGrad.mathCos(x[0]),
              (x, s) -> ScalarCorpusGrad.mathCos(x[0], s)),
          of(
              "tan",
              cube(1, -1.3, 1.3),
              x -> ScalarCorpus.mathTan(x[0]),
              x -> ScalarCorpusGrad.mathTan(x[0]),
              (x, s) -> ScalarCorpusGrad.mathTan(x[0], s)),
          of(
              "asin",
              cube(1, -0.9, 0.9),
              x -> ScalarCorpus.mathAsin(x[0]),
              x -> ScalarCorpusGrad.mathAsin(x[0]),
              (x, s) -> ScalarCorpusGrad.mathAsin(x[0], s)),
          of(
              "acos",
              cube(1, -0.9, 0.9),
              x -> ScalarCorpus.mathAcos(x[0]),
              x -> ScalarCorpusGrad.mathAcos(x[0]),
              (x, s) -> ScalarCorpusGrad.mathAcos(x[0], s)),
          of(
              "atan",
              cube(1, -5, 5),
              x -> ScalarCorpus.mathAtan(x[0]),
              x -> ScalarCorpusGrad.mathAtan(x[0]),
              (x, s) -> ScalarCorpusGrad.mathAtan(x[0], s)),
          of(
              "sinh",
              cube(1, -3, 3),
              x -> ScalarCorpus.mathSinh(x[0]),
              x -> ScalarCorpusGrad.mathSinh(x[0]),
              (x, s) -> ScalarCorpusGrad.mathSinh(x[0], s)),
          of(
              "cosh",
              cube(1, -3, 3),
              x -> ScalarCorpus.mathCosh(x[0]),
              x -> ScalarCorpusGrad.mathCosh(x[0]),
              (x, s) -> ScalarCorpusGrad.mathCosh(x[0], s)),
          of(
              "tanh",
              cube(1, -3, 3),
              x -> ScalarCorpus.mathTanh(x[0]),
              x -> ScalarCorpusGrad.mathTanh(x[0]),
              (x, s) -> ScalarCorpusGrad.mathTanh(x[0], s)),
          of(
              "abs",
              cube(1, -3, 3),
              x -> ScalarCorpus.mathAbs(x[0]),
              x -> ScalarCorpusGrad.mathAbs(x[0]),
              (x, s) -> ScalarCorpusGrad.mathAbs(x[0], s)),
          of(
              "atan2",
              box(-2, 2, 0.2, 2).or(0.2, 2, -2, -0.2),
              x -> ScalarCorpus.mathAtan2(x[0], x[1]),
              x -> ScalarCorpusGrad.mathAtan2(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.mathAtan2(x[0], x[1], s)),
          of(
              "hypot",
              box(0.2, 3, -3, 3),
              x -> ScalarCorpus.mathHypot(x[0], x[1]),
              x -> ScalarCorpusGrad.mathHypot(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.mathHypot(x[0], x[1], s)),
          of(
              "powActive",
              box(0.2, 3, -2, 2),
              x -> ScalarCorpus.powActive(x[0], x[1]),
              x -> ScalarCorpusGrad.powActive(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.powActive(x[0], x[1], s)),
          of(
              "powConstantExponent",
              cube(1, 0.1, 3),
              x -> ScalarCorpus.powConstantExponent(x[0]),
              x -> ScalarCorpusGrad.powConstantExponent(x[0]),
              (x, s) -> ScalarCorpusGrad.powConstantExponent(x[0], s)),
          of(
              "powConstantBase",
              cube(1, -3, 3),
              x -> ScalarCorpus.powConstantBase(x[0]),
              x -> ScalarCorpusGrad.powConstantBase(x[0]),
              (x, s) -> ScalarCorpusGrad.powConstantBase(x[0], s)),
          of(
              "max",
              cube(2, -2, 2),
              x -> ScalarCorpus.mathMax(x[0], x[1]),
              x -> ScalarCorpusGrad.mathMax(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.mathMax(x[0], x[1], s)),
          of(
              "min",
              cube(2, -2, 2),
              x -> ScalarCorpus.mathMin(x[0], x[1]),
              x -> ScalarCorpusGrad.mathMin(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.mathMin(x[0], x[1], s)),
          // language features
          of(
              "nestedCalls",
              cube(2, -3, 3),
              x -> ScalarCorpus.nestedCalls(x[0], x[1]),
              x -> ScalarCorpusGrad.nestedCalls(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.nestedCalls(x[0], x[1], s)),
          of(
              "powRecursive(5)",
              cube(1, -2, 2),
              x -> ScalarCorpus.powRecursive(x[0], 5),
              x -> ScalarCorpusGrad.powRecursive(x[0], 5),
              (x, s) -> ScalarCorpusGrad.powRecursive(x[0], 5, s)),
          of(
              "powRecursive(0)",
              cube(1, -2, 2),
              x -> ScalarCorpus.powRecursive(x[0], 0),
              x -> ScalarCorpusGrad.powRecursive(x[0], 0),
              (x, s) -> ScalarCorpusGrad.powRecursive(x[0], 0, s)),
          of(
              "safeLog",
              box(-3, -0.1).or(0.1, 3),
              x -> ScalarCorpus.safeLog(x[0]),
              x -> ScalarCorpusGrad.safeLog(x[0]),
              (x, s) -> ScalarCorpusGrad.safeLog(x[0], s)),
          of(
              "safeSqrt",
              box(-3, -0.1).or(0.1, 3),
              x -> ScalarCorpus.safeSqrt(x[0]),
              x -> ScalarCorpusGrad.safeSqrt(x[0]),
              (x, s) -> ScalarCorpusGrad.safeSqrt(x[0], s)),
          of(
              "sinc",
              box(-4, -0.1).or(0.1, 4),
              x -> ScalarCorpus.sinc(x[0]),
              x -> ScalarCorpusGrad.sinc(x[0]),
              (x, s) -> ScalarCorpusGrad.sinc(x[0], s)),
          of(
              "ifElseMerge",
              cube(2, -2, 2),
              x -> ScalarCorpus.ifElseMerge(x[0], x[1]),
              x -> ScalarCorpusGrad.ifElseMerge(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.ifElseMerge(x[0], x[1], s)),
          of(
              "ifWithoutElse",
              cube(1, -2, 2),
              x -> ScalarCorpus.ifWithoutElse(x[0]),
              x -> ScalarCorpusGrad.ifWithoutElse(x[0]),
              (x, s) -> ScalarCorpusGrad.ifWithoutElse(x[0], s)),
          of(
              "reassignParameter",
              cube(2, -2, 2),
              x -> ScalarCorpus.reassignParameter(x[0], x[1]),
              x -> ScalarCorpusGrad.reassignParameter(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.reassignParameter(x[0], x[1], s)),
          of(
              "varLocals",
              cube(2, -2, 2),
              x -> ScalarCorpus.varLocals(x[0], x[1]),
              x -> ScalarCorpusGrad.varLocals(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.varLocals(x[0], x[1], s)),
          of(
              "integerControls(3,7,false)",
              cube(1, -2, 2),
              x -> ScalarCorpus.integerControls(x[0], 3, 7L, false),
              x -> ScalarCorpusGrad.integerControls(x[0], 3, 7L, false),
              (x, s) -> ScalarCorpusGrad.integerControls(x[0], 3, 7L, false, s)),
          of(
              "integerControls(1,-2,true)",
              cube(1, -2, 2),
              x -> ScalarCorpus.integerControls(x[0], 1, -2L, true),
              x -> ScalarCorpusGrad.integerControls(x[0], 1, -2L, true),
              (x, s) -> ScalarCorpusGrad.integerControls(x[0], 1, -2L, true, s)),
          of(
              "gaussianDensity",
              box(-3, 3, -1, 1, 0.5, 2),
              x -> ScalarCorpus.gaussianDensity(x[0], x[1], x[2]),
              x -> ScalarCorpusGrad.gaussianDensity(x[0], x[1], x[2]),
              (x, s) -> ScalarCorpusGrad.gaussianDensity(x[0], x[1], x[2], s)),
          of(
                  "noDerivativeParameter",
                  cube(2, -3, 3),
                  x -> ScalarCorpus.noDerivativeParameter(x[0], x[1]),
                  x -> ScalarCorpusGrad.noDerivativeParameter(x[0], x[1]),
                  (x, s) -> ScalarCorpusGrad.noDerivativeParameter(x[0], x[1], s))
              .wrt(0),
          of(
                  "wrtOnlyY",
                  cube(2, -1.5, 1.5),
                  x -> ScalarCorpus.wrtOnlyY(x[0], x[1]),
                  x -> ScalarCorpusGrad.wrtOnlyY(x[0], x[1]),
                  (x, s) -> ScalarCorpusGrad.wrtOnlyY(x[0], x[1], s))
              .wrt(1),
          of(
              "blockedFloor",
              cube(1, -3, 3),
              x -> ScalarCorpus.blockedFloor(x[0]),
              x -> ScalarCorpusGrad.blockedFloor(x[0]),
              (x, s) -> ScalarCorpusGrad.blockedFloor(x[0], s)),
          of(
              "blockedRounding",
              cube(2, -3, 3),
              x -> ScalarCorpus.blockedRounding(x[0], x[1]),
              x -> ScalarCorpusGrad.blockedRounding(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.blockedRounding(x[0], x[1], s)),
          of(
              "strictMath",
              cube(2, -2, 2),
              x -> ScalarCorpus.strictMath(x[0], x[1]),
              x -> ScalarCorpusGrad.strictMath(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.strictMath(x[0], x[1], s)),
          of(
              "staticImports",
              cube(1, -3, 3),
              x -> ScalarCorpus.staticImports(x[0]),
              x -> ScalarCorpusGrad.staticImports(x[0]),
              (x, s) -> ScalarCorpusGrad.staticImports(x[0], s)),
          of(
              "normalCdfCaller",
              cube(2, -2, 2),
              x -> ScalarCorpus.normalCdfCaller(x[0], x[1]),
              x -> ScalarCorpusGrad.normalCdfCaller(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.normalCdfCaller(x[0], x[1], s)),
          of(
              "mutualEven(5)",
              cube(1, -2, 2),
              x -> ScalarCorpus.mutualEven(x[0], 5),
              x -> ScalarCorpusGrad.mutualEven(x[0], 5),
              (x, s) -> ScalarCorpusGrad.mutualEven(x[0], 5, s)),
          of(
              "mutualOdd(4)",
              cube(1, -2, 2),
              x -> ScalarCorpus.mutualOdd(x[0], 4),
              x -> ScalarCorpusGrad.mutualOdd(x[0], 4),
              (x, s) -> ScalarCorpusGrad.mutualOdd(x[0], 4, s)),
          of(
              "overloaded(x)",
              cube(1, -2, 2),
              x -> ScalarCorpus.overloaded(x[0]),
              x -> ScalarCorpusGrad.overloaded(x[0]),
              (x, s) -> ScalarCorpusGrad.overloaded(x[0], s)),
          of(
              "overloaded(x,y,z)",
              cube(3, -2, 2),
              x -> ScalarCorpus.overloaded(x[0], x[1], x[2]),
              x -> ScalarCorpusGrad.overloaded(x[0], x[1], x[2]),
              (x, s) -> ScalarCorpusGrad.overloaded(x[0], x[1], x[2], s)),
          of(
              "generatedNames",
              cube(2, -2, 2),
              x -> ScalarCorpus.generatedNames(x[0], x[1]),
              x -> ScalarCorpusGrad.generatedNames(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.generatedNames(x[0], x[1], s)),
          of(
              "valueParameter",
              cube(2, -2, 2),
              x -> ScalarCorpus.valueParameter(x[0], x[1]),
              x -> ScalarCorpusGrad.valueParameter(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.valueParameter(x[0], x[1], s)),
          of(
              "integerArithmetic(5)",
              box(-3, -0.2).or(0.2, 3),
              x -> ScalarCorpus.integerArithmetic(x[0], 5),
              x -> ScalarCorpusGrad.integerArithmetic(x[0], 5),
              (x, s) -> ScalarCorpusGrad.integerArithmetic(x[0], 5, s)),
          of(
              "powIntegerExponent(3)",
              cube(1, -2, 2),
              x -> ScalarCorpus.powIntegerExponent(x[0], 3),
              x -> ScalarCorpusGrad.powIntegerExponent(x[0], 3),
              (x, s) -> ScalarCorpusGrad.powIntegerExponent(x[0], 3, s)),
          of(
              "powIntegerExponent(-2)",
              box(-2, -0.3).or(0.3, 2),
              x -> ScalarCorpus.powIntegerExponent(x[0], -2),
              x -> ScalarCorpusGrad.powIntegerExponent(x[0], -2),
              (x, s) -> ScalarCorpusGrad.powIntegerExponent(x[0], -2, s)),
          of(
              "nestedTernaries",
              cube(2, -2, 2),
              x -> ScalarCorpus.nestedTernaries(x[0], x[1]),
              x -> ScalarCorpusGrad.nestedTernaries(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.nestedTernaries(x[0], x[1], s)),
          of(
              "nestedIfs",
              cube(2, -2, 2),
              x -> ScalarCorpus.nestedIfs(x[0], x[1]),
              x -> ScalarCorpusGrad.nestedIfs(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.nestedIfs(x[0], x[1], s)),
          of(
                  "inactiveMath",
                  box(-2, 2, -3, 3),
                  x -> ScalarCorpus.inactiveMath(x[0], x[1], -3),
                  x -> ScalarCorpusGrad.inactiveMath(x[0], x[1], -3),
                  (x, s) -> ScalarCorpusGrad.inactiveMath(x[0], x[1], -3, s))
              .wrt(0),
          of(
              "nestedClass",
              cube(1, -2, 2),
              x -> ScalarCorpus.Nested.xExp(x[0]),
              x -> ScalarCorpus_NestedGrad.xExp(x[0]),
              (x, s) -> ScalarCorpus_NestedGrad.xExp(x[0], s)),
          // realistic
          of(
              "projectileRange",
              box(1, 50, 0.1, 1.4),
              x -> ScalarCorpus.projectileRange(x[0], x[1]),
              x -> ScalarCorpusGrad.projectileRange(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.projectileRange(x[0], x[1], s)),
          of(
              "logistic",
              cube(1, -6, 6),
              x -> ScalarCorpus.logistic(x[0]),
              x -> ScalarCorpusGrad.logistic(x[0]),
              (x, s) -> ScalarCorpusGrad.logistic(x[0], s)),
          of(
              "softplus",
              cube(1, -6, 6),
              x -> ScalarCorpus.softplus(x[0]),
              x -> ScalarCorpusGrad.softplus(x[0]),
              (x, s) -> ScalarCorpusGrad.softplus(x[0], s)),
          of(
              "logSumExp2",
              cube(2, -3, 3),
              x -> ScalarCorpus.logSumExp2(x[0], x[1]),
              x -> ScalarCorpusGrad.logSumExp2(x[0], x[1]),
              (x, s) -> ScalarCorpusGrad.logSumExp2(x[0], x[1], s)),
          of(
              "logSumExp3",
              cube(3, -3, 3),
              x -> ScalarCorpus.logSumExp3(x[0], x[1], x[2]),
              x -> ScalarCorpusGrad.logSumExp3(x[0], x[1], x[2]),
              (x, s) -> ScalarCorpusGrad.logSumExp3(x[0], x[1], x[2], s)),
          of(
              "blackScholesCall",
              box(50, 150, 50, 150, 0.1, 2, 0, 0.1, 0.1, 0.5),
              x -> ScalarCorpus.blackScholesCall(x[0], x[1], x[2], x[3], x[4]),
              x -> ScalarCorpusGrad.blackScholesCall(x[0], x[1], x[2], x[3], x[4]),
              (x, s) -> ScalarCorpusGrad.blackScholesCall(x[0], x[1], x[2], x[3], x[4], s)),
          of(
              "manyOperations",
              cube(3, -2, 2),
              x -> ScalarCorpus.manyOperations(x[0], x[1], x[2]),
              x -> ScalarCorpusGrad.manyOperations(x[0], x[1], x[2]),
              (x, s) -> ScalarCorpusGrad.manyOperations(x[0], x[1], x[2], s)),
          // instance methods
          of(
              "oscillatorEnergy",
              cube(2, -3, 3),
              x -> SPRING.energy(x[0], x[1]),
              x -> OscillatorGrad.energy(SPRING, x[0], x[1]),
              (x, s) -> OscillatorGrad.energy(SPRING, x[0], x[1], s)),
          of(
              "oscillatorDisplacement",
              box(-2, 2, 0, 10),
              x -> SPRING.displacement(x[0], x[1]),
              x -> OscillatorGrad.displacement(SPRING, x[0], x[1]),
              (x, s) -> OscillatorGrad.displacement(SPRING, x[0], x[1], s)),
          of(
              "oscillatorEnergyRatio",
              cube(2, -2, 2),
              x -> SPRING.energyRatio(x[0], x[1]),
              x -> OscillatorGrad.energyRatio(SPRING, x[0], x[1]),
              (x, s) -> OscillatorGrad.energyRatio(SPRING, x[0], x[1], s)),
          // float
          ofFloat(
              "floatPolynomial",
              cube(2, -2, 2),
              x -> FloatCorpus.polynomial((float) x[0], (float) x[1]),
              x -> (x[0] * x[0] * x[1] - 2 * x[1] + 1) * x[0] / (1 + x[1] * x[1]),
              x -> FloatCorpusGrad.polynomial((float) x[0], (float) x[1]),
              (x, s) -> FloatCorpusGrad.polynomial((float) x[0], (float) x[1], (float) s)),
          ofFloat(
              "floatLogistic",
              cube(1, -6, 6),
              x -> FloatCorpus.logistic((float) x[0]),
              x -> ScalarCorpus.logistic(x[0]),
              x -> FloatCorpusGrad.logistic((float) x[0]),
              (x, s) -> FloatCorpusGrad.logistic((float) x[0], (float) s)),
          ofFloat(
              "floatViaDouble",
              cube(2, -2, 2),
              x -> FloatCorpus.viaDouble((float) x[0], (float) x[1]),
              x -> Math.sin(x[1] * x[0]) + Math.sqrt(x[0] * x[0] + 1),
              x -> FloatCorpusGrad.viaDouble((float) x[0], (float) x[1]),
              (x, s) -> FloatCorpusGrad.viaDouble((float) x[0], (float) x[1], (float) s)),
          ofFloat(
              "floatMixedPrecision",
              cube(2, -2, 2),
              x -> FloatCorpus.mixedPrecision((float) x[0], x[1]),
              x -> x[0] * Math.log1p(x[1] * x[1]) + x[0] * x[1],
              x -> FloatCorpusGrad.mixedPrecision((float) x[0], x[1]),
              (x, s) -> FloatCorpusGrad.mixedPrecision((float) x[0], x[1], (float) s)),
          ofFloat(
              "floatAbsMaxMin",
              cube(2, -2, 2),
              x -> FloatCorpus.absMaxMin((float) x[0], (float) x[1]),
              x -> Math.abs(x[0]) * Math.max(x[0], x[1]) + Math.min(x[0] * x[1], 1),
              x -> FloatCorpusGrad.absMaxMin((float) x[0], (float) x[1]),
              (x, s) -> FloatCorpusGrad.absMaxMin((float) x[0], (float) x[1], (float) s)),
          ofFloat(
              "floatSoftplus",
              cube(1, -6, 6),
              x -> FloatCorpus.softplus((float) x[0]),
              x -> ScalarCorpus.softplus(x[0]),
              x -> FloatCorpusGrad.softplus((float) x[0]),
              (x, s) -> FloatCorpusGrad.softplus((float) x[0], (float) s)),
          ofFloat(
              "floatCallsDouble",
              cube(1, -2, 2),
              x -> FloatCorpus.callsDouble((float) x[0]),
              x -> ScalarCorpus.overloaded(x[0], 2 * x[0], x[0]) + x[0],
              x -> FloatCorpusGrad.callsDouble((float) x[0]),
              (x, s) -> FloatCorpusGrad.callsDouble((float) x[0], (float) s)),
          ofFloat(
              "floatCompoundNarrowing",
              cube(1, -3, 3),
              x -> FloatCorpus.compoundNarrowing((float) x[0]),
              x -> (x[0] + Math.sin(x[0])) * 2.5 * 2,
              x -> FloatCorpusGrad.compoundNarrowing((float) x[0]),
              (x, s) -> FloatCorpusGrad.compoundNarrowing((float) x[0], (float) s)),
          ofFloat(
              "floatParameter",
              cube(2, -2, 3),
              x -> FloatCorpus.floatParameter((float) x[0], x[1]),
              x -> x[0] * x[1] + (x[0] > 1 ? x[0] : x[1]),
              x -> FloatCorpusGrad.floatParameter((float) x[0], x[1]),
              (x, s) -> FloatCorpusGrad.floatParameter((float) x[0], x[1], s)));

  /** Every corpus function: the scalar ones above, then control flow and arrays. */
  static final List<CorpusEntry> ALL =
      Stream.concat(SCALAR.stream(), ControlFlowEntries.ALL.stream()).toList();
}
