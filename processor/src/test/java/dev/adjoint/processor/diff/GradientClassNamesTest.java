package dev.adjoint.processor.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The names a generated class writes for other classes. */
class GradientClassNamesTest {
  private final GradientClassNames names = new GradientClassNames("demo.physics.SpringGrad");

  @Test
  void aClassOfTheSamePackageGoesByItsSimpleName() {
    assertEquals("Rules", names.relative("demo.physics.Rules"));
    assertEquals("Outer_InnerGrad", names.relative("demo.physics.Outer_InnerGrad"));
  }

  @Test
  void aClassOfAnotherPackageIncludingASubPackageIsQualified() {
    assertEquals("demo.other.Rules", names.relative("demo.other.Rules"));
    assertEquals("demo.physics.sub.Rules", names.relative("demo.physics.sub.Rules"));
  }

  @Test
  void aClassInTheDefaultPackageWritesEveryClassAsGiven() {
    GradientClassNames unnamed = new GradientClassNames("SpringGrad");
    assertEquals("Rules", unnamed.relative("Rules"));
    assertEquals("demo.Rules", unnamed.relative("demo.Rules"));
  }
}
