package dev.adjoint.runtime.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TapeTest {
  @Test
  void eachStackIsLastInFirstOutAndGrows() {
    Tape tape = new Tape();
    for (int i = 0; i < 1000; i++) {
      tape.pushDouble(i + 0.5);
      tape.pushInt(i);
      tape.pushLong(-i);
      tape.pushBoolean(i % 3 == 0);
      tape.pushFloat(i / 4f);
      tape.pushObject("v" + i);
    }
    for (int i = 999; i >= 0; i--) {
      assertEquals("v" + i, tape.<String>popObject());
      assertEquals(i / 4f, tape.popFloat());
      assertEquals(i % 3 == 0, tape.popBoolean());
      assertEquals(-i, tape.popLong());
      assertEquals(i, tape.popInt());
      assertEquals(i + 0.5, tape.popDouble());
    }
    assertEquals(0, tape.size());
  }

  @Test
  void rewindDropsWhatWasPushedSinceTheMark() {
    Tape tape = new Tape();
    tape.pushDouble(1.5);
    tape.pushObject("kept");
    Tape.Mark mark = tape.mark();
    tape.pushDouble(2.5);
    tape.pushInt(7);
    tape.pushLong(9L);
    tape.pushObject("dropped");
    tape.rewind(mark);
    assertEquals(2, tape.size());
    assertEquals("kept", tape.popObject());
    assertEquals(1.5, tape.popDouble());
    assertThrows(IllegalStateException.class, () -> tape.rewind(mark));
  }

  @Test
  void unwindDropsWhatWasPushedAndAcceptsATapeAnOverflowEmptied() {
    Tape tape = new Tape();
    tape.pushDouble(1.5);
    tape.pushObject("kept");
    Tape.Mark mark = tape.mark();
    tape.pushDouble(2.5);
    tape.pushInt(7);
    tape.pushObject("dropped");
    tape.unwind(mark);
    assertEquals(mark, tape.mark());
    tape.clear(); // as an overflow leaves it
    tape.unwind(mark); // no complaint: the overflow's exception is the one that must propagate
    assertEquals(0, tape.size());
  }

  @Test
  void eachThreadHasItsOwnTape() throws InterruptedException {
    Tape mine = Tape.current();
    Tape[] other = new Tape[1];
    Thread thread = new Thread(() -> other[0] = Tape.current());
    thread.start();
    thread.join();
    assertTrue(mine == Tape.current());
    assertFalse(mine == other[0]);
  }

  @Test
  void aStackBeyondTheRetainedSizeIsReleasedOnceEmptyWhenTheAdjointEnds() {
    long retained = Tape.retainedBytes();
    try {
      Tape.setRetainedBytes(1 << 20);
      Tape tape = new Tape();
      for (int i = 0; i < 1_000_000; i++) {
        tape.pushDouble(i);
        tape.pushObject(i);
      }
      assertTrue(tape.capacityBytes() > 16_000_000);
      for (int i = 999_999; i >= 0; i--) {
        assertEquals(i, tape.<Integer>popObject());
        assertEquals(i, tape.popDouble());
      }
      assertTrue(tape.capacityBytes() > 16_000_000, "the pops release nothing themselves");
      tape.pushDouble(3); // a stack still in use stays, whatever its size
      tape.releaseIfLarge();
      long kept = tape.capacityBytes();
      assertTrue(kept >= 8_000_000 && kept < 9_000_000, "the doubles stay: " + kept);
      assertEquals(3, tape.popDouble());
      tape.releaseIfLarge();
      assertTrue(tape.capacityBytes() <= 1 << 20, "kept " + tape.capacityBytes());
      assertEquals(new Tape.Peaks(1_000_000, 0, 0, 1_000_000), tape.peaks());
      tape.resetPeaks();
      tape.pushInt(1);
      tape.pushInt(2);
      tape.popInt();
      assertEquals(new Tape.Peaks(0, 0, 2, 0), tape.peaks());
    } finally {
      Tape.setRetainedBytes(retained);
    }
  }

  @Test
  void growthBeyondTheBoundEmptiesTheTapeAndSaysWhatToDo() {
    long max = Tape.maxBytes();
    try {
      Tape.setMaxBytes(64 * 1024);
      Tape tape = new Tape();
      tape.pushInt(7);
      TapeOverflowException e =
          assertThrows(
              TapeOverflowException.class,
              () -> {
                for (int i = 0; i < 100_000; i++) {
                  tape.pushDouble(i);
                }
              });
      assertTrue(e.getMessage().contains("Tape.setMaxBytes"), e.getMessage());
      assertEquals(0, tape.size());
      assertThrows(IllegalArgumentException.class, () -> Tape.setMaxBytes(0));
      assertThrows(IllegalArgumentException.class, () -> Tape.setRetainedBytes(-1));
    } finally {
      Tape.setMaxBytes(max);
    }
  }

  @Test
  void aLoopMayMoveTheDoubleStackThroughLocalsAndHandItBack() {
    Tape tape = new Tape();
    tape.pushDouble(-1); // what an enclosing code pushed before the loop
    double[] stack = tape.doubleStack();
    int top = tape.doubleTop();
    for (int i = 0; i < 1000; i++) {
      if (top == stack.length) {
        stack = tape.growDoubles(top);
      }
      stack[top++] = i;
    }
    tape.setDoubleTop(top);
    assertEquals(1001, tape.size());
    assertEquals(new Tape.Peaks(1001, 0, 0, 0), tape.peaks());
    stack = tape.doubleStack();
    top = tape.doubleTop();
    for (int i = 999; i >= 500; i--) {
      assertEquals(i, stack[--top]);
    }
    tape.setDoubleTop(top);
    for (int i = 499; i >= 0; i--) {
      assertEquals(i, tape.popDouble());
    }
    assertEquals(-1, tape.popDouble());
    assertThrows(IllegalStateException.class, () -> tape.setDoubleTop(-1));
  }

  @Test
  void growingTheStackThroughTheLoopsLocalsRespectsTheBound() {
    long max = Tape.maxBytes();
    try {
      Tape.setMaxBytes(64 * 1024);
      Tape tape = new Tape();
      TapeOverflowException e =
          assertThrows(
              TapeOverflowException.class,
              () -> {
                double[] stack = tape.doubleStack();
                int top = tape.doubleTop();
                for (int i = 0; i < 100_000; i++) {
                  if (top == stack.length) {
                    stack = tape.growDoubles(top);
                  }
                  stack[top++] = i;
                }
              });
      assertTrue(e.getMessage().contains("-Dadjoint.tape.maxBytes"), e.getMessage());
      assertEquals(0, tape.size());
    } finally {
      Tape.setMaxBytes(max);
    }
  }
}
