package dev.adjoint.processor.fuzz;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Random tensor programs ({@link TensorPrograms}: broadcasting, reductions over random dimensions,
 * views, matrix-product chains, {@code where}, indexing by narrow and select, branches on values
 * and loops around them), each compiled with the processor in a batch ({@link CompiledBatch}) and
 * run three ways from the same float64 inputs: on the dynamic tape (the {@code @Differentiable}
 * method called on leaves that require grad, then {@code backward()}), through the generated
 * {@code fBackward}, and on libtorch ({@link TorchInterpreter}). The value and every leaf's
 * gradient must agree within {@value #RELATIVE} of the reference tensor's largest magnitude (the
 * engines may sum in different orders); a leaf the result does not reach has no gradient on any.
 *
 * <p>One try is a batch of up to {@value #BATCH} programs; a few tries in the default build ({@code
 * jqwik.tries.default}), 250 (about 10⁴ programs) with {@code -Ptensorfuzz}. A program is drawn
 * from a seed and a size; a failing batch shrinks to one program of the smallest size that still
 * fails, whose source the failure prints.
 */
class RandomTensorProgramTest {
  static final int BATCH = 40;
  static final double RELATIVE = 1e-9;
  /** Below this magnitude a tensor's bound is absolute: values of order one that cancel. */
  static final double FLOOR = 1e-3;

  private static final AtomicLong PROGRAMS = new AtomicLong();
  private static final AtomicLong GRADIENTS = new AtomicLong();
  private static final long STARTED = System.nanoTime();

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
      sources.add(programs.get(i).source(CompiledBatch.className(i)));
    }
    CompiledBatch batch = CompiledBatch.compileSources(sources);
    if (!batch.succeeded()) {
      StringBuilder message = new StringBuilder("the batch does not compile:\n").append(batch.errors());
      for (int index : batch.failedPrograms()) {
        if (index >= 0 && index < programs.size()) {
          message.append("\n--- program P").append(index).append(' ').append(drawn.get(index));
          message.append(":\n").append(programs.get(index).method());
        }
      }
      throw new AssertionError(message.toString());
    }
    for (int i = 0; i < programs.size(); i++) {
      TensorProgram program = programs.get(i);
      String name = CompiledBatch.className(i);
      Optional<String> problem;
      try (PointerScope scope = new PointerScope()) {
        problem = compare(program, batch.load(name), batch.load(name + "Grad"), drawn.get(i).seed());
      } catch (InvocationTargetException e) {
        throw new AssertionError(
            name + " " + drawn.get(i) + " threw " + e.getCause() + "\n" + program.method()
                + "--- generated:\n" + batch.generatedSource(i),
            e.getCause());
      }
      if (problem.isPresent()) {
        throw new AssertionError(
            name + " " + drawn.get(i) + ": " + problem.get() + "\n" + program.method()
                + "--- generated:\n" + batch.generatedSource(i));
      }
      PROGRAMS.incrementAndGet();
    }
    if (PROGRAMS.get() % (BATCH * 25) < programs.size()) {
      System.out.printf(
          "random tensor programs: %d in %d s%n",
          PROGRAMS.get(), (System.nanoTime() - STARTED) / 1_000_000_000L);
    }
  }

  /** The first disagreement among the three engines on one program, if any. */
  private static Optional<String> compare(
      TensorProgram program, Class<?> owner, Class<?> grad, long seed)
      throws ReflectiveOperationException {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    List<double[]> values = new ArrayList<>();
    for (int[] shape : program.inputs()) {
      double[] v = new double[size(shape)];
      for (int k = 0; k < v.length; k++) {
        v[k] = 2 * random.nextDouble() - 1;
      }
      values.add(v);
    }
    List<double[]> maskValues = new ArrayList<>();
    for (int[] shape : program.masks()) {
      double[] v = new double[size(shape)];
      for (int k = 0; k < v.length; k++) {
        v[k] = random.nextBoolean() ? 1 : -1;
      }
      maskValues.add(v);
    }
    int n = program.inputs().size();
    Object[] onTape = arguments(program, values, maskValues, true);
    Object[] written = arguments(program, values, maskValues, true);
    Method f = method(owner, "f", onTape.length);
    Method backward = method(grad, "fBackward", onTape.length);

    Tensor tapeValue = (Tensor) f.invoke(null, onTape);
    tapeValue.backward();
    Tensor generatedValue = (Tensor) backward.invoke(null, written);

    List<org.bytedeco.pytorch.Tensor> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(TorchInterpreter.tensor(values.get(i), program.inputs().get(i)).requires_grad_(true));
    }
    List<org.bytedeco.pytorch.Tensor> masks = new ArrayList<>();
    for (int i = 0; i < maskValues.size(); i++) {
      masks.add(TorchInterpreter.tensor(maskValues.get(i), program.masks().get(i)).gt(new org.bytedeco.pytorch.Scalar(0.0)));
    }
    org.bytedeco.pytorch.Tensor torchValue = TorchInterpreter.run(program, leaves, masks);
    torchValue.backward();

    double[] reference = TorchInterpreter.values(torchValue);
    Optional<String> p =
        differ("value on the tape", tapeValue.toArray(), reference)
            .or(() -> differ("value of fBackward", generatedValue.toArray(), reference));
    if (p.isPresent()) {
      return p;
    }
    for (int i = 0; i < n; i++) {
      Tensor tapeGrad = ((Tensor) onTape[i]).grad();
      Tensor generatedGrad = ((Tensor) written[i]).grad();
      org.bytedeco.pytorch.Tensor torchGrad = leaves.get(i).grad();
      if (!torchGrad.defined()) {
        if (tapeGrad != null || generatedGrad != null) {
          return Optional.of("x" + i + " does not reach the result on libtorch, but has a gradient"
              + " (tape " + tapeGrad + ", generated " + generatedGrad + ")");
        }
        continue;
      }
      if (tapeGrad == null || generatedGrad == null) {
        return Optional.of("x" + i + " has no gradient (tape " + tapeGrad + ", generated "
            + generatedGrad + "); libtorch " + torchGrad);
      }
      double[] expected = TorchInterpreter.values(torchGrad);
      p = differ("gradient of x" + i + " on the tape", tapeGrad.toArray(), expected)
          .or(() -> differ("gradient of x" + i + " from fBackward", generatedGrad.toArray(), expected));
      if (p.isPresent()) {
        return p;
      }
      GRADIENTS.incrementAndGet();
    }
    return Optional.empty();
  }

  /** Why {@code actual} is not {@code expected} within the bound, if it is not. */
  static Optional<String> differ(String what, double[] actual, double[] expected) {
    if (actual.length != expected.length) {
      return Optional.of(what + ": " + actual.length + " elements, libtorch " + expected.length);
    }
    double scale = FLOOR;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    double bound = RELATIVE * scale;
    for (int k = 0; k < actual.length; k++) {
      if (!(Math.abs(actual[k] - expected[k]) <= bound)) {
        return Optional.of(String.format(
            "%s: element %d is %.17g, libtorch %.17g (bound %.3g)", what, k, actual[k], expected[k], bound));
      }
    }
    return Optional.empty();
  }

  private static Object[] arguments(
      TensorProgram program, List<double[]> values, List<double[]> masks, boolean requiresGrad) {
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      args.add(Tensor.fromArray(DType.FLOAT64, values.get(i), program.inputs().get(i)).requiresGrad(requiresGrad));
    }
    for (int i = 0; i < masks.size(); i++) {
      args.add(Tensor.fromArray(DType.FLOAT64, masks.get(i), program.masks().get(i)).gt(0.0));
    }
    return args.toArray();
  }

  private static Method method(Class<?> owner, String name, int arity) throws NoSuchMethodException {
    for (Method m : owner.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity) {
        return m;
      }
    }
    throw new NoSuchMethodException(owner.getName() + "." + name + " with " + arity + " parameters");
  }

  private static int size(int[] shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  @Provide
  Arbitrary<List<Drawn>> batches() {
    Arbitrary<Drawn> one =
        Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 6))
            .as(Drawn::new);
    return one.list().ofMinSize(1).ofMaxSize(BATCH);
  }

  @AfterContainer
  static void report() {
    System.out.printf(
        "random tensor programs: %d agreed on three engines (value and %d leaf gradients)%n",
        PROGRAMS.get(), GRADIENTS.get());
  }
}
