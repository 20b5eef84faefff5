package dev.adjoint.processor.parse;

import static dev.adjoint.processor.parse.LoweringHarness.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Statements lowered from source: branches merge what their arms assign, loops pin what they
 * assign, and jumps become flags guarding the rest of their block.
 */
class StatementsTest {
  private static String ir(String... method) {
    String[] all = new String[method.length + 4];
    all[0] = "package demo;";
    all[1] = "import dev.adjoint.annotations.Differentiable;";
    all[2] = "class S {";
    System.arraycopy(method, 0, all, 3, method.length);
    all[method.length + 3] = "}";
    return IrText.of(LoweringHarness.lower(source("demo.S", all)).of("S.f").function().body());
  }

  @Test
  void aBranchMergesTheVariablesItsArmsAssign() {
    assertEquals(
        """
        y = a
        t1 = GREATER(a, 0)
        if t1
          y_1 = MULTIPLY(a, a)
          y_2 = y_1
        else
          y_2 = y
        return y_2
        """,
        ir(
            "  @Differentiable static double f(double a) {",
            "    double y = a;",
            "    if (a > 0) { y = a * a; }",
            "    return y;",
            "  }"));
  }

  @Test
  void aLoopPinsWhatItAssignsAndABreakIsAFlag() {
    // s and i keep one variable through the loop; after the break, the rest of the pass and the
    // update run only while exit is clear
    assertEquals(
        """
        s = (double) 0
        i = 0
        exit_1 = false
        s_1 = s
        i_1 = i
        exit_2 = exit_1
        while
            t1 = NOT(exit_2)
            if t1
              t3 = LESS(i_1, n)
              t2 = t3
            else
              t2 = false
          test t2
          t4 = GREATER(s_1, 10)
          if t4
            exit_2 = true
          t5 = NOT(exit_2)
          if t5
            t6 = ADD(s_1, a)
            s_1 = t6
          t7 = NOT(exit_2)
          if t7
            t8 = ADD(i_1, 1)
            i_1 = t8
        return s_1
        """,
        ir(
            "  @Differentiable static double f(double a, int n) {",
            "    double s = 0;",
            "    for (int i = 0; i < n; i++) {",
            "      if (s > 10) break;",
            "      s = s + a;",
            "    }",
            "    return s;",
            "  }"));
  }

  @Test
  void aReturnInsideABranchSetsTheResultAndTheRestRunsOnlyWithout() {
    assertEquals(
        """
        returned = false
        t1 = GREATER(a, 0)
        if t1
          result = a
          returned_1 = true
          returned_2 = returned_1
          result_1 = result
        else
          returned_2 = returned
          result_1 = 0
        t2 = NOT(returned_2)
        if t2
          result_2 = NEGATE(a)
          returned_3 = true
          returned_4 = returned_3
          result_3 = result_2
        else
          returned_4 = returned_2
          result_3 = result_1
        return result_3
        """,
        ir(
            "  @Differentiable static double f(double a) {",
            "    if (a > 0) { return a; }",
            "    return -a;",
            "  }"));
  }

  @Test
  void anArrowSwitchIsAChainOfBranches() {
    assertEquals(
        """
        t1 = EQUAL(k, 1)
        t2 = EQUAL(k, 2)
        t3 = OR(t1, t2)
        if t3
          y = MULTIPLY(a, 2)
          y_2 = y
        else
          y_1 = NEGATE(a)
          y_2 = y_1
        return y_2
        """,
        ir(
            "  @Differentiable static double f(double a, int k) {",
            "    double y;",
            "    switch (k) { case 1, 2 -> y = a * 2; default -> y = -a; }",
            "    return y;",
            "  }"));
  }

  @Test
  void aColonSwitchFallsThroughUntilABreak() {
    // reached accumulates the groups' matches; break sets the switch's exit
    assertEquals(
        """
        y = a
        exit_1 = false
        t1 = EQUAL(k, 1)
        t2 = EQUAL(k, 2)
        t3 = OR(t1, t2)
        t4 = NOT(t3)
        reached_1 = false
        reached_2 = OR(reached_1, t1)
        t6 = NOT(exit_1)
        t7 = AND(reached_2, t6)
        if t7
          y_1 = MULTIPLY(y, 2)
          y_2 = y_1
        else
          y_2 = y
        reached_3 = OR(reached_2, t2)
        t10 = NOT(exit_1)
        t11 = AND(reached_3, t10)
        if t11
          y_3 = ADD(y_2, 1)
          exit_2 = true
          y_4 = y_3
          exit_3 = exit_2
        else
          y_4 = y_2
          exit_3 = exit_1
        reached_4 = OR(reached_3, t4)
        t14 = NOT(exit_3)
        t15 = AND(reached_4, t14)
        if t15
          y_5 = NEGATE(y_4)
          y_6 = y_5
        else
          y_6 = y_4
        return y_6
        """,
        ir(
            "  @Differentiable static double f(double a, int k) {",
            "    double y = a;",
            "    switch (k) {",
            "      case 1:",
            "        y = y * 2;",
            "      case 2:",
            "        y = y + 1;",
            "        break;",
            "      default:",
            "        y = -y;",
            "    }",
            "    return y;",
            "  }"));
  }
}
