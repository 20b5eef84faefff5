package dev.adjoint.processor.clean;

import static dev.adjoint.processor.clean.Build.add;
import static dev.adjoint.processor.clean.Build.assign;
import static dev.adjoint.processor.clean.Build.define;
import static dev.adjoint.processor.clean.Build.minus;
import static dev.adjoint.processor.clean.Build.name;
import static dev.adjoint.processor.clean.Build.positive;
import static dev.adjoint.processor.clean.Build.render;
import static dev.adjoint.processor.clean.Build.sink;
import static dev.adjoint.processor.clean.Build.times;
import static dev.adjoint.processor.clean.Build.zero;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.Stmt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The passes together, on the shape a reverse sweep of {@code if (a > 0) y = -(a * b)} has. */
class CleanupsTest {
  @Test
  void theSweepOfABranchReadsAsItsRules() {
    List<Stmt> body =
        List.of(
            zero("dT1"), // set in the block below
            new If(
                positive("a"),
                List.of(
                    assign("dT1", name("dY")),
                    define("dT2", minus("dT1")),
                    zero("dA"),
                    add("dA", times(name("dT2"), name("b"))),
                    sink(name("dA"))),
                List.of(),
                null));
    assertEquals(
        """
        if (a > 0.0) {
          double dA = -dY * b;
          sink(dA);
        }
        """,
        render(
            Cleanups.apply(
                body, Map.of("a", TypeName.DOUBLE, "b", TypeName.DOUBLE, "dY", TypeName.DOUBLE))));
  }
}
