package dev.adjoint.runtime.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void eachThreadHasItsOwnTape() throws InterruptedException {
    Tape mine = Tape.current();
    Tape[] other = new Tape[1];
    Thread thread = new Thread(() -> other[0] = Tape.current());
    thread.start();
    thread.join();
    assertTrue(mine == Tape.current());
    assertFalse(mine == other[0]);
  }
}
