package dev.adjoint.processor.natural;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Classes named against the Java conventions the generated code must still name exactly: a package
 * with a capitalised segment ({@code demo.Acme}), a class in lower case, a record nested in it, and
 * a differentiable callee in another such class. A name guessed from its spelling (where the
 * package ends and the classes begin) would import {@code demo.Acme} as a class.
 */
class ClassNamingTest {
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled =
        CompiledSources.of(
            List.of(
                JavaFileObjects.forSourceString(
                    "demo.Acme.util",
                    """
                    package demo.Acme;

                    import dev.adjoint.annotations.Derivative;
                    import dev.adjoint.annotations.Differentiable;

                    final class util {
                      @Differentiable
                      static double cube(double x) {
                        return x * x * x;
                      }

                      static double soft(double x) {
                        return Math.log1p(Math.exp(x));
                      }

                      @Derivative(of = "soft")
                      static double softDx(double x) {
                        return 1 / (1 + Math.exp(-x));
                      }
                    }
                    """),
                JavaFileObjects.forSourceString(
                    "demo.Acme.shapes",
                    """
                    package demo.Acme;

                    import dev.adjoint.annotations.Differentiable;

                    final class shapes {
                      record point(double x, double y) {}

                      @Differentiable
                      static double f(double a, point p) {
                        return util.cube(a) * p.x() + util.soft(a) * p.y();
                      }
                    }
                    """)));
    assertTrue(compiled.succeeded(), compiled.errors());
  }

  @Test
  void aRecordOfALowerCaseClassInACapitalisedPackage() throws ReflectiveOperationException {
    var point = compiled.load("demo.Acme.shapes$point").getDeclaredConstructors()[0];
    point.setAccessible(true);
    GradientAgainstDifferences.of(compiled, "demo.Acme.shapes", "f")
        .check(0.7, point.newInstance(1.5, -0.5));
  }

  @Test
  void aCalleeOfALowerCaseClass() {
    GradientAgainstDifferences.of(compiled, "demo.Acme.util", "cube").check(1.3);
  }
}
