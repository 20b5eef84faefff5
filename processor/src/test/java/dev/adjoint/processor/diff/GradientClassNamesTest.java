package dev.adjoint.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.NamedLocalType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names a generated class writes for other classes, as JavaPoet writes them in a file. */
class GradientClassNamesTest {
  private final GradientClassNames names = new GradientClassNames("demo.physics.SpringGrad");

  @Test
  void aClassAgainstTheNamingConventionsIsNamedExactly() {
    // a capitalised package segment and a lower-case class: nothing is guessed from the spelling
    DifferentiableCallee odd = callee(ClassName.get("demo.Acme", "utilGrad"));
    assertEquals("demo.Acme.utilGrad.m()", names.call(odd, List.of()).source());
    assertEquals(
        LocalType.of(ClassName.get("demo.Acme", "utilGrad", "MassResult")), names.recordType(odd));
    assertEquals(List.of("utilGrad", "MassResult"), names.recordClass(odd).simpleNames());
  }

  @Test
  void aClassOfTheSamePackageGoesByItsSimpleNameAnotherIsImported() {
    String file =
        fileCalling(
            CodeBlock.of("$T.f()", ClassName.get("demo.physics", "Rules")),
            CodeBlock.of("$T.g()", ClassName.get("demo.other", "Rules")),
            CodeBlock.of("$T.h()", ClassName.get("demo.physics.sub", "Helpers")));
    assertEquals(
        List.of("Rules.f();", "demo.other.Rules.g();", "Helpers.h();"),
        file.lines().map(String::strip).filter(l -> l.endsWith("();")).toList(),
        "the second Rules clashes with the first and stays qualified");
    assertEquals(
        List.of("import demo.physics.sub.Helpers;"),
        file.lines().filter(l -> l.startsWith("import")).toList());
  }

  @Test
  void theOwnClassNeedsNoQualifierAnotherGradientClassDoes() {
    DifferentiableCallee own = callee(ClassName.get("demo.physics", "SpringGrad"));
    DifferentiableCallee other = callee(ClassName.get("demo.other", "MassGrad"));
    assertEquals("m()", names.call(own, List.of()).source());
    assertEquals("demo.other.MassGrad.m()", names.call(other, List.of()).source());
    assertEquals(new NamedLocalType("MassResult"), names.recordType(own));
    assertEquals(
        LocalType.of(ClassName.get("demo.other", "MassGrad", "MassResult")),
        names.recordType(other));
  }

  private static DifferentiableCallee callee(ClassName gradientClass) {
    return new DifferentiableCallee(gradientClass, "m", "MassResult", List.of(), IrType.DOUBLE);
  }

  private static String fileCalling(CodeBlock... calls) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("run");
    for (CodeBlock call : calls) {
      method.addStatement(call);
    }
    TypeSpec type = TypeSpec.classBuilder("SpringGrad").addMethod(method.build()).build();
    return JavaFile.builder("demo.physics", type).build().toString();
  }
}
