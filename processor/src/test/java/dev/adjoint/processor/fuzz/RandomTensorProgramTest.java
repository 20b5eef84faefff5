package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.TensorProgram.Constant;
import dev.adjoint.processor.fuzz.TensorProgram.Index;
import dev.adjoint.processor.fuzz.TensorProgram.Mask;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Random tensor programs ({@link TensorPrograms}: broadcasting, reductions over random dimensions,
 * views, matrix-product chains, {@code where} and {@code maskedFill} on masks made by comparisons,
 * indexing by narrow, select, indexSelect and gather, branches on values and loops around them),
 * each compiled with the processor in a batch ({@link CompiledBatch}) and run three ways from the
 * same float64 inputs: on the dynamic tape (the {@code @Differentiable} method called on leaves
 * that require grad, then {@code backward()}), through the generated {@code fBackward}, and on
 * libtorch ({@link TorchInterpreter}). The value and every leaf's gradient must agree with
 * libtorch's within {@value #RELATIVE} of the reference tensor's largest magnitude (the engines sum
 * in different orders, so only a bound relative to the summands' scale holds); a leaf the result
 * does not reach has no gradient on any engine; a non-finite reference element must be matched
 * exactly.
 *
 * <p>One try is a batch of 1 to {@value #BATCH} programs (uniformly): {@code jqwik.tries.default}
 * tries, 6 in the default build (about 240 programs), 300 (about 1.2·10⁴) with {@code
 * -Ptensorfuzz}. A program is drawn from a seed and a size; a failing batch shrinks (fewer
 * programs, smaller sizes) to one small program that still fails, whose source and generated
 * adjoint the failure prints.
 */
class RandomTensorProgramTest {
  static final int BATCH = 80;
  static final double RELATIVE = 1e-9;

  /** Below this magnitude a tensor's bound is absolute: values of order one that cancel. */
  static final double FLOOR = 1e-3;

  private static final AtomicLong PROGRAMS = new AtomicLong();
  private static final AtomicLong GRADIENTS = new AtomicLong();

  /** How often each tensor method occurs in the programs that agreed, for the report. */
  private static final Map<String, Integer> CALLS = new ConcurrentSkipListMap<>();

  private static final Pattern CALL = Pattern.compile("\\.(\\w+)\\(");
  private static final long STARTED = System.nanoTime();

  /** The largest error seen, relative to its tensor's scale (a double's bits, for atomicity). */
  private static final AtomicLong WORST = new AtomicLong();

  /** A program's seed and size, as jqwik draws and shrinks them. */
  record Drawn(long seed, int size) {
    TensorProgram program() {
      return TensorPrograms.build(seed, size);
    }
  }

  @Property(edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.BOUNDED)
  void threeEnginesAgree(@ForAll("batches") List<Drawn> drawn) throws ReflectiveOperationException {
    List<TensorProgram> programs = drawn.stream().map(Drawn::program).toList();
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < programs.size(); i++) {
      sources.add(TensorProgramSource.classSource(CompiledBatch.className(i), programs.get(i)));
    }
    CompiledBatch batch = CompiledBatch.compileSources(sources);
    if (!batch.succeeded()) {
      StringBuilder message = new StringBuilder("the batch does not compile:\n");
      message.append(batch.errors());
      for (int index : batch.failedPrograms()) {
        if (index >= 0 && index < programs.size()) {
          message.append("\n--- program P").append(index).append(' ').append(drawn.get(index));
          message.append(":\n").append(TensorProgramSource.method(programs.get(index)));
        }
      }
      throw new AssertionError(message.toString());
    }
    for (int i = 0; i < programs.size(); i++) {
      TensorProgram program = programs.get(i);
      String name = CompiledBatch.className(i);
      String shown = name + " " + drawn.get(i);
      Optional<String> problem;
      try (PointerScope scope = new PointerScope()) {
        problem =
            compare(program, batch.load(name), batch.load(name + "Grad"), drawn.get(i).seed());
      } catch (InvocationTargetException e) {
        throw new AssertionError(
            shown + " threw " + e.getCause() + "\n" + explain(program, batch, i), e.getCause());
      } catch (RuntimeException e) {
        throw new AssertionError(shown + " threw " + e + "\n" + explain(program, batch, i), e);
      }
      if (problem.isPresent()) {
        throw new AssertionError(shown + ": " + problem.get() + "\n" + explain(program, batch, i));
      }
      PROGRAMS.incrementAndGet();
      Matcher m = CALL.matcher(TensorProgramSource.method(program));
      while (m.find()) {
        CALLS.merge(m.group(1), 1, Integer::sum);
      }
    }
  }

  private static String explain(TensorProgram program, CompiledBatch batch, int index) {
    return TensorProgramSource.method(program) + "--- generated:\n" + batch.generatedSource(index);
  }

  /** The first disagreement among the three engines on one program, if any. */
  private static Optional<String> compare(
      TensorProgram program, Class<?> owner, Class<?> grad, long seed)
      throws ReflectiveOperationException {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    List<double[]> values = new ArrayList<>();
    for (int[] shape : program.inputs()) {
      double[] v = new double[ShapeDraws.numel(shape)];
      for (int k = 0; k < v.length; k++) {
        v[k] = 2 * random.nextDouble() - 1;
      }
      values.add(v);
    }
    Object[] onTape = arguments(program, values);
    Object[] written = arguments(program, values);
    Method f = method(owner, "f", onTape.length);
    Method backward = method(grad, "fBackward", onTape.length);

    Tensor tapeValue = (Tensor) f.invoke(null, onTape);
    tapeValue.backward();
    Tensor generatedValue = (Tensor) backward.invoke(null, written);

    List<org.bytedeco.pytorch.Tensor> leaves = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      leaves.add(
          TorchInterpreter.tensor(values.get(i), program.inputs().get(i)).requires_grad_(true));
    }
    org.bytedeco.pytorch.Tensor torchValue = TorchInterpreter.run(program, leaves);
    torchValue.backward();

    double[] reference = TorchInterpreter.values(torchValue);
    Optional<String> p = agree("value", tapeValue, generatedValue, reference);
    for (int i = 0; i < values.size() && p.isEmpty(); i++) {
      Tensor tapeGrad = ((Tensor) onTape[i]).grad();
      Tensor generatedGrad = ((Tensor) written[i]).grad();
      org.bytedeco.pytorch.Tensor torchGrad = leaves.get(i).grad();
      if (!torchGrad.defined()) {
        if (tapeGrad != null || generatedGrad != null) {
          p =
              Optional.of(
                  "x"
                      + i
                      + " does not reach the result on libtorch, but has a gradient (tape "
                      + tapeGrad
                      + ", generated "
                      + generatedGrad
                      + ")");
        }
        continue;
      }
      if (tapeGrad == null || generatedGrad == null) {
        return Optional.of(
            "x"
                + i
                + " has no gradient (tape "
                + tapeGrad
                + ", generated "
                + generatedGrad
                + "); libtorch "
                + Arrays.toString(TorchInterpreter.values(torchGrad)));
      }
      p = agree("gradient of x" + i, tapeGrad, generatedGrad, TorchInterpreter.values(torchGrad));
      GRADIENTS.incrementAndGet();
    }
    return p;
  }

  /** Why the tape's or the generated tensor differs from libtorch's, if one does. */
  private static Optional<String> agree(
      String what, Tensor tape, Tensor generated, double[] reference) {
    return differ(what + " on the tape", tape.toArray(), reference)
        .or(() -> differ(what + " from fBackward", generated.toArray(), reference));
  }

  /** Why {@code actual} is not {@code expected} within the bound, if it is not. */
  static Optional<String> differ(String what, double[] actual, double[] expected) {
    if (actual.length != expected.length) {
      return Optional.of(what + ": " + actual.length + " elements, libtorch " + expected.length);
    }
    double scale = FLOOR;
    for (double v : expected) {
      if (Double.isFinite(v)) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    double bound = RELATIVE * scale;
    for (int k = 0; k < actual.length; k++) {
      double a = actual[k];
      double e = expected[k];
      boolean ok =
          Double.isFinite(e)
              ? Math.abs(a - e) <= bound
              : Double.compare(a, e) == 0 || (Double.isNaN(a) && Double.isNaN(e));
      if (!ok) {
        return Optional.of(
            String.format(
                "%s: element %d is %.17g, libtorch %.17g (bound %.3g)%n  actual   %s%n  libtorch %s",
                what, k, a, e, bound, Arrays.toString(actual), Arrays.toString(expected)));
      }
      if (Double.isFinite(e)) {
        double relative = Math.abs(a - e) / scale;
        WORST.accumulateAndGet(
            Double.doubleToLongBits(relative),
            (x, y) -> Double.longBitsToDouble(x) >= Double.longBitsToDouble(y) ? x : y);
      }
    }
    return Optional.empty();
  }

  private static Object[] arguments(TensorProgram program, List<double[]> values) {
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      int[] shape = program.inputs().get(i);
      args.add(Tensor.fromArray(DType.FLOAT64, values.get(i), shape).requiresGrad(true));
    }
    for (Constant c : program.constants()) {
      args.add(constant(c));
    }
    return args.toArray();
  }

  /** A mask by the runtime's own comparison, or an int64 index. */
  private static Tensor constant(Constant c) {
    return switch (c) {
      case Mask m -> {
        Tensor v = Tensor.fromArray(DType.FLOAT64, m.values(), m.shape());
        Tensor t = Tensor.scalar(DType.FLOAT64, m.threshold());
        yield switch (m.relation()) {
          case GT -> v.gt(t);
          case LT -> v.lt(t);
          case GE -> v.ge(t);
          case LE -> v.le(t);
          case EQ -> v.eq(t);
        };
      }
      case Index x ->
          Tensor.fromArray(
              DType.INT64, Arrays.stream(x.values()).asDoubleStream().toArray(), x.shape());
    };
  }

  private static Method method(Class<?> owner, String name, int arity)
      throws NoSuchMethodException {
    for (Method m : owner.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity) {
        return m;
      }
    }
    throw new NoSuchMethodException(
        owner.getName() + "." + name + " with " + arity + " parameters");
  }

  @Provide
  Arbitrary<List<Drawn>> batches() {
    Arbitrary<Drawn> one =
        Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 6))
            .as(Drawn::new);
    return one.list()
        .ofMinSize(1)
        .ofMaxSize(BATCH)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  @AfterContainer
  static void report() {
    System.out.printf(
        "random tensor programs: %d agreed on three engines (value and %d leaf gradients) in %d s;"
            + " worst error %.3g of its tensor's scale%n",
        PROGRAMS.get(),
        GRADIENTS.get(),
        (System.nanoTime() - STARTED) / 1_000_000_000L,
        Double.longBitsToDouble(WORST.get()));
    System.out.println("calls: " + CALLS);
  }
}
