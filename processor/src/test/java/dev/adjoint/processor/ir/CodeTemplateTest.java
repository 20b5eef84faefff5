package dev.adjoint.processor.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeTemplateTest {
  @Test
  void operandsAndParametersFillTheirHoles() {
    CodeTemplate t = CodeTemplate.of("{0}.conv({1}, {p0}, {p1})");
    assertEquals("x.conv(w, 2, true)", t.text(List.of("x", "w"), List.of("2", "true")));
    // a line of code (its commas are where JavaPoet may break a long line, flushed at its end)
    assertEquals(
        "x.conv(w, 2, true)\n",
        CodeBlock.of("$L\n", t.fill(List.of("x", "w"), List.of("2", "true"))).toString());
  }

  @Test
  void filledCodeIsNeverReadAgain() {
    // a parameter's code holding "{0}" or braces is put in as it is
    CodeTemplate t = CodeTemplate.of("{Adjoints}.reduction({0}, new int[] {{p0}}, false)");
    assertEquals(
        "Adjoints.reduction(a, new int[] {{1}, {p0}}, false)",
        t.text(List.of("a"), List.of("{1}, {p0}")));
  }

  @Test
  void aBraceThatOpensNoHoleIsText() {
    CodeTemplate t = CodeTemplate.of("() -> {} + {x} + {p} + {0}");
    assertEquals("() -> {} + {x} + {p} + y", t.text(List.of("y"), List.of()));
  }

  @Test
  void classesAreWrittenAsTypesAndImported() {
    CodeTemplate t = CodeTemplate.of("{Losses}.mse({0}, {1}) == null ? {OpParams}.none() : null");
    JavaFile file =
        JavaFile.builder(
                "demo",
                TypeSpec.classBuilder("Demo")
                    .addMethod(
                        MethodSpec.methodBuilder("f")
                            .addStatement("Object o = $L", t.fill(List.of("a", "b"), List.of()))
                            .build())
                    .build())
            .build();
    String source = file.toString();
    assertTrue(source.contains("import dev.adjoint.runtime.nn.Losses;"), source);
    assertTrue(source.contains("import dev.adjoint.runtime.rules.OpParams;"), source);
    assertTrue(source.contains("Object o = Losses.mse(a, b) == null ? OpParams.none() : null;"));
    assertEquals(
        "Losses.mse(a, b) == null ? OpParams.none() : null", t.text(List.of("a", "b"), List.of()));
  }

  @Test
  void aHoleWithoutAValueIsAnError() {
    CodeTemplate t = CodeTemplate.of("{0}.add({1})");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> t.fill(List.of("a"), List.of()));
    assertTrue(e.getMessage().contains("{1}"), e.getMessage());
  }

  @Test
  void templatesAreEqualByTheirNotation() {
    assertEquals(CodeTemplate.of("{0}.relu()"), CodeTemplate.of("{0}.relu()"));
    assertEquals(
        CodeTemplate.of("{0}.relu()").hashCode(), CodeTemplate.of("{0}.relu()").hashCode());
  }
}
