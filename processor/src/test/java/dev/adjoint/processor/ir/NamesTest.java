package dev.adjoint.processor.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The name supply: what each request gives, and that requests replay in another supply. */
class NamesTest {
  @Test
  void sourceVariablesKeepTheirNameOnceAndTemporariesAvoidTheSources() {
    Names names = new Names();
    names.reserve("t1"); // a user's variable called t1
    assertEquals("x", names.forSourceVariable("x"));
    assertEquals("x_1", names.forSourceVariable("x"));
    assertEquals("t2", names.temporary());
    assertEquals("t1", names.forSourceVariable("t1")); // the user's own t1 keeps its name
    names.reserve("exit");
    assertEquals("exit_1", names.fresh("exit"));
    assertEquals("exit_2", names.fresh("exit"));
  }

  @Test
  void theValueComponentAvoidsEveryParameterName() {
    assertEquals("value", Names.valueComponent(List.of("x", "primal")));
    assertEquals("primal", Names.valueComponent(List.of("x", "value")));
    assertEquals("primal_1", Names.valueComponent(List.of("primal", "value")));
    assertEquals("primal_2", Names.valueComponent(List.of("primal_1", "value", "primal")));
  }

  @Test
  void replayingTheRequestsNamesTheSameVariablesAfreshElsewhere() {
    Names callee = new Names();
    callee.forSourceVariable("y");
    callee.temporary();
    callee.fresh("gResult");
    callee.forSourceVariable("y");

    Names caller = new Names();
    caller.forSourceVariable("y");
    caller.temporary();
    List<String> replayed =
        callee.allocations().stream().map(a -> caller.allocate(a.request())).toList();
    assertEquals(List.of("y_1", "t2", "gResult", "y_2"), replayed);
    assertEquals(
        List.of(
            new Names.Allocation(new Names.SourceVariable("y"), "y"),
            new Names.Allocation(new Names.Temporary(), "t1"),
            new Names.Allocation(new Names.Fresh("gResult"), "gResult"),
            new Names.Allocation(new Names.SourceVariable("y"), "y_1")),
        callee.allocations());
  }

  @Test
  void aCopyHandsOutNamesIndependently() {
    Names names = new Names();
    names.temporary();
    Names copy = names.copy();
    assertEquals("t2", copy.temporary());
    assertEquals("t2", names.temporary());
    assertEquals(2, names.allocations().size());
  }

  @Test
  void aFieldLeafIsNamedAfterItsPathInCamelCase() {
    Names names = new Names();
    FieldRef weight = FieldRef.ofReceiver("left").thenCall("weight");
    assertEquals("leftWeight", names.forField(weight));
    assertEquals("firstLeftWeight", names.forField(weight.under(List.of("first"))));
    assertEquals("leftWeight_1", names.forField(weight)); // another read of the same name
    assertEquals("offset", names.forField(FieldRef.ofStatic("demo.Shapes", "offset")));
  }

  @Test
  void fieldReadsAreReRootedAtASubModelAndWrittenFromTheirParts() {
    FieldRef bias = FieldRef.ofReceiver("hidden").thenCall("bias");
    assertEquals("self.hidden.bias()", bias.javaExpression());
    assertEquals("self.a.b.hidden.bias()", bias.under(List.of("a", "b")).javaExpression());
    FieldRef constant = FieldRef.ofStatic("Physics", "G");
    assertEquals(constant, constant.under(List.of("a")));
    assertEquals("Physics.G", constant.javaExpression());
    assertThrows(IllegalStateException.class, () -> bias.thenCall("weight"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FieldRef(Optional.empty(), List.of(), Optional.empty()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Value.Const("self.m", IrType.DOUBLE, Optional.of(FieldRef.ofReceiver("n"))));
  }
}
