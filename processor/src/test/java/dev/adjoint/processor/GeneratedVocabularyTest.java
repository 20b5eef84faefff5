package dev.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import javax.tools.JavaFileObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A user's names never collide with the generated code's: methods, parameters and locals are named
 * from the generated code's own vocabulary (every local, parameter and component the golden files
 * declare, plus the names the generator writes without declaring them in a golden file), and the
 * generated class still compiles and its partials match central finite differences.
 *
 * <p>The method exercises what introduces generated names: an instance method (the receiver
 * parameter), scalar, array and matrix parameters (the gradient array, the accumulators, the
 * pullback's row loop), a loop whose carried state is taped (tape, pass counters), a call of a
 * {@code @Differentiable} helper, and a tensor method (the algebra, the no-grad scope, the sweep's
 * start).
 */
class GeneratedVocabularyTest {
  /** The names the generator writes, read from the golden files' declarations. */
  private static final List<String> VOCABULARY = vocabulary();

  /** Distinct names for: method, helper, helper's two parameters, 4 parameters, 4 locals. */
  private static final int NAMES = 12;

  @Property(tries = 6)
  void scalarMethodNamedFromTheGeneratedVocabulary(@ForAll("names") List<String> names)
      throws ReflectiveOperationException {
    String method = names.get(0);
    String helper = names.get(1);
    String[] hp = {names.get(2), names.get(3)};
    String[] p = {names.get(4), names.get(5), names.get(6), names.get(7)};
    String[] l = {names.get(8), names.get(9), names.get(10), names.get(11)};
    String source =
        """
        package vocabulary;

        import dev.adjoint.annotations.Differentiable;

        public class Subject {
          final double mass;

          public Subject(double mass) {
            this.mass = mass;
          }

          @Differentiable
          public static double HELPER(double HA, double HB) {
            return HA * Math.sin(HB) + HB;
          }

          @Differentiable
          public double METHOD(double P1, double P2, double[] P3, double[][] P4) {
            double L1 = P1 * mass;
            double L2 = 0.5;
            for (int L3 = 0; L3 < P3.length; L3++) {
              L2 = L2 * Math.cos(L1) + Math.sin(P3[L3] * L1);
              if (L3 > 0) {
                L2 += P4[L3][0] * P2;
              }
            }
            double L4 = HELPER(L2, P2);
            return L4 * L1 + L2 * L2;
          }
        }
        """
            .replace("HELPER", helper)
            .replace("METHOD", method)
            .replace("HA", hp[0])
            .replace("HB", hp[1])
            .replace("P1", p[0])
            .replace("P2", p[1])
            .replace("P3", p[2])
            .replace("P4", p[3])
            .replace("L1", l[0])
            .replace("L2", l[1])
            .replace("L3", l[2])
            .replace("L4", l[3]);
    Map<String, Class<?>> classes = compile(source, names);
    Class<?> subject = classes.get("vocabulary.Subject");
    Class<?> grad = classes.get("vocabulary.SubjectGrad");
    Object self = subject.getConstructor(double.class).newInstance(1.3);
    Method primal =
        subject.getMethod(method, double.class, double.class, double[].class, double[][].class);
    Method gradient =
        grad.getMethod(
            method, subject, double.class, double.class, double[].class, double[][].class);
    double a = 0.7;
    double b = -0.4;
    double[] q = {0.3, -1.1, 0.9};
    double[][] m = {{0.2, 5.0}, {-0.6, 5.0}, {1.4, 5.0}};
    Object result = gradient.invoke(null, self, a, b, q, m);
    RecordComponent[] components = result.getClass().getRecordComponents();
    double value = (double) components[0].getAccessor().invoke(result);
    assertEquals((double) primal.invoke(self, a, b, q, m), value, 0.0, "the value\n" + source);
    double da = (double) components[1].getAccessor().invoke(result);
    double db = (double) components[2].getAccessor().invoke(result);
    double[] dq = (double[]) components[3].getAccessor().invoke(result);
    double[][] dm = (double[][]) components[4].getAccessor().invoke(result);

    double h = 1e-6;
    assertClose(
        central(x -> call(primal, self, x, b, q, m), a, h), da, "∂/∂" + p[0] + "\n" + source);
    assertClose(
        central(x -> call(primal, self, a, x, q, m), b, h), db, "∂/∂" + p[1] + "\n" + source);
    for (int i = 0; i < q.length; i++) {
      int at = i;
      double expected =
          central(
              x -> {
                double[] shifted = q.clone();
                shifted[at] = x;
                return call(primal, self, a, b, shifted, m);
              },
              q[i],
              h);
      assertClose(expected, dq[i], "∂/∂" + p[2] + "[" + i + "]\n" + source);
      for (int j = 0; j < 2; j++) {
        int column = j;
        double expectedRow =
            central(
                x -> {
                  double[][] shifted = {m[0].clone(), m[1].clone(), m[2].clone()};
                  shifted[at][column] = x;
                  return call(primal, self, a, b, q, shifted);
                },
                m[i][j],
                h);
        assertClose(expectedRow, dm[i][j], "∂/∂" + p[3] + "[" + i + "][" + j + "]\n" + source);
      }
    }
  }

  @Property(tries = 3)
  void tensorMethodNamedFromTheGeneratedVocabulary(@ForAll("names") List<String> names)
      throws ReflectiveOperationException {
    String method = names.get(0);
    String[] p = {names.get(6), names.get(7)};
    String[] l = {names.get(8), names.get(9)};
    String source =
        """
        package vocabulary;

        import dev.adjoint.annotations.Differentiable;
        import dev.adjoint.runtime.tensor.Tensor;

        public class Subject {
          @Differentiable
          public static Tensor METHOD(Tensor P1, Tensor P2) {
            Tensor L1 = P1.mul(P2).tanh();
            Tensor L2 = L1.mul(P1).sum();
            return L2;
          }
        }
        """
            .replace("METHOD", method)
            .replace("P1", p[0])
            .replace("P2", p[1])
            .replace("L1", l[0])
            .replace("L2", l[1]);
    Map<String, Class<?>> classes = compile(source, names);
    Class<?> tensor = Class.forName("dev.adjoint.runtime.tensor.Tensor");
    Method of = tensor.getMethod("of", double[].class);
    Method requiresGrad = tensor.getMethod("requiresGrad", boolean.class);
    Method grad = tensor.getMethod("grad");
    Method toArray = tensor.getMethod("toArray");
    double[] xs = {0.4, -0.8, 1.1};
    double[] ws = {0.9, 0.3, -0.5};
    Object x = requiresGrad.invoke(of.invoke(null, (Object) xs), true);
    Object w = requiresGrad.invoke(of.invoke(null, (Object) ws), true);
    Method backward =
        classes.get("vocabulary.SubjectGrad").getMethod(method + "Backward", tensor, tensor);
    backward.invoke(null, x, w);
    double[] dx = (double[]) toArray.invoke(grad.invoke(x));
    double[] dw = (double[]) toArray.invoke(grad.invoke(w));
    // f = Σ tanh(x·w)·x: ∂f/∂x = tanh(xw) + x·w·sech²(xw), ∂f/∂w = x²·sech²(xw)
    for (int i = 0; i < xs.length; i++) {
      double t = Math.tanh(xs[i] * ws[i]);
      double sech2 = 1 - t * t;
      assertClose(t + xs[i] * ws[i] * sech2, dx[i], "∂/∂" + p[0] + "\n" + source);
      assertClose(xs[i] * xs[i] * sech2, dw[i], "∂/∂" + p[1] + "\n" + source);
    }
  }

  /** The names the generator writes at fixed places, where a collision is likeliest. */
  private static final List<String> WRITTEN =
      List.of(
          "seed",
          "gradient",
          "value",
          "primal",
          "k",
          "tape",
          "pass",
          "passes",
          "t1",
          "t2",
          "dX",
          "a",
          "b",
          "g",
          "y");

  @Example
  void theGeneratorsFixedNamesAsTheUsersNames() throws ReflectiveOperationException {
    List<String> names =
        List.of(
            "value",
            "seed",
            "primal",
            "k",
            "gradient",
            "k",
            "dX",
            "passes",
            "tape",
            "pass",
            "t1",
            "t2");
    scalarMethodNamedFromTheGeneratedVocabulary(names);
    tensorMethodNamedFromTheGeneratedVocabulary(names);
  }

  @Example
  void theNamesTheGeneratedCodeWritesItselfAsTheUsersNames() throws ReflectiveOperationException {
    // the receiver, the tensor algebra, the no-grad scope and the reverse sweep's start: a source
    // variable so named is renamed inside the generated methods (self_1), the result record's
    // components keep the source's names
    List<String> fixed = List.of("self", "tensors", "noGrad", "reverseStart");
    List<String> suffixed = List.of("self_1", "tensors_1", "noGrad_1", "reverseStart_1");
    List<String> plain = List.of("x", "y", "z", "w");
    // method, helper and the helper's parameters; the method's parameters; its locals
    for (List<List<String>> order :
        List.of(
            List.of(fixed, suffixed, plain),
            List.of(plain, fixed, suffixed),
            List.of(suffixed, plain, fixed))) {
      List<String> names = new ArrayList<>();
      order.forEach(names::addAll);
      scalarMethodNamedFromTheGeneratedVocabulary(names);
      tensorMethodNamedFromTheGeneratedVocabulary(names);
    }
  }

  @Provide
  Arbitrary<List<String>> names() {
    return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of(VOCABULARY)), Tuple.of(2, Arbitraries.of(WRITTEN)))
        .list()
        .uniqueElements()
        .ofSize(NAMES);
  }

  private interface Function {
    double at(double x);
  }

  private static double central(Function f, double x, double h) {
    return (f.at(x + h) - f.at(x - h)) / (2 * h);
  }

  private static double call(Method primal, Object self, Object... args) {
    try {
      return (double) primal.invoke(self, args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    assertTrue(
        Math.abs(expected - actual) <= 1e-6 * (1 + Math.abs(expected)),
        what + ": expected " + expected + ", got " + actual);
  }

  /** Compiles {@code source} with the processor and loads its classes, failing with its errors. */
  private static Map<String, Class<?>> compile(String source, List<String> names) {
    Compilation compilation =
        ProcessorTestSupport.compile(
            List.of(JavaFileObjects.forSourceString("vocabulary.Subject", source)));
    StringBuilder errors = new StringBuilder();
    compilation
        .errors()
        .forEach(d -> errors.append(d.getLineNumber()).append(": ").append(d.getMessage(null)));
    String generated =
        compilation.sourceFiles().stream()
            .filter(f -> f.getName().endsWith("SubjectGrad.java"))
            .map(
                f -> {
                  try {
                    return f.getCharContent(true).toString();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .findFirst()
            .orElse("(none)");
    assertEquals(
        Compilation.Status.SUCCESS,
        compilation.status(),
        "names " + names + ":\n" + errors + "\n" + source + "\n--- generated:\n" + generated);
    Map<String, byte[]> bytes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String binary =
            path.substring(path.indexOf("vocabulary/"), path.length() - ".class".length())
                .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          bytes.put(binary, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    ClassLoader loader =
        new ClassLoader(GeneratedVocabularyTest.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = bytes.get(name);
            if (b == null) {
              throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
          }
        };
    Map<String, Class<?>> classes = new HashMap<>();
    for (String name : bytes.keySet()) {
      try {
        classes.put(name, Class.forName(name, true, loader));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return classes;
  }

  /**
   * Every name the golden files declare (locals, parameters, lambda parameters), and the names the
   * generator writes that a golden file may not show.
   */
  private static List<String> vocabulary() {
    Set<String> names = new TreeSet<>();
    Pattern declaration =
        Pattern.compile(
            "\\b(?:double|float|int|long|boolean|Tensor|Tape|double\\[]|double\\[]\\[]|"
                + "TensorAlgebra<Tensor>|GradMode\\.Scope)\\s+([a-zA-Z_]\\w*)\\s*[=,;)]");
    Pattern lambda = Pattern.compile("\\(([a-z]\\w*(?:, [a-z]\\w*)*)\\) ->");
    try (Stream<Path> files = Files.walk(ProcessorTestSupport.RESOURCES.resolve("expected"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        Matcher d = declaration.matcher(text);
        while (d.find()) {
          names.add(d.group(1));
        }
        Matcher f = lambda.matcher(text);
        while (f.find()) {
          names.addAll(List.of(f.group(1).split(", ")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.addAll(
        List.of(
            "seed",
            "gradient",
            "value",
            "primal",
            "k",
            "l",
            "tape",
            "pass",
            "passes",
            "passesHere",
            "seedFits",
            "t1",
            "t2",
            "dT1",
            "mass"));
    // a local named like the field would shadow it: the source would mean something else
    names.remove("mass");
    List<String> usable = new ArrayList<>(new LinkedHashSet<>(names));
    usable.removeIf(n -> !SourceVersion.isIdentifier(n) || SourceVersion.isKeyword(n));
    usable.removeIf(n -> n.equals("Subject") || n.equals("vocabulary"));
    return List.copyOf(usable);
  }
}
