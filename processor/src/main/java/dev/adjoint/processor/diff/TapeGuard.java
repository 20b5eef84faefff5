package dev.adjoint.processor.diff;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.stmt.ExprStmt;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Throw;
import dev.adjoint.processor.stmt.TryCatch;
import java.util.List;

/**
 * What keeps an adjoint that uses the compile-time tape from leaving values on it when an exception
 * escapes its sweeps (an index out of range in a loop, a callee that throws): the tape's mark taken
 * at entry, rewound on the exceptional path only, so the normal path pays for one mark and nothing
 * else.
 *
 * @param tape the local holding the thread's tape
 * @param mark the local holding its mark at entry
 * @param failure the catch parameter's name
 */
public record TapeGuard(String tape, String mark, String failure) {
  /**
   * {@code body} in a {@code try} whose {@code catch} unwinds the tape to the mark and rethrows the
   * exception unchanged (a precise rethrow: the method declares what the body throws).
   */
  public Stmt around(List<Stmt> body) {
    return new TryCatch(
        body,
        ClassName.get(Throwable.class),
        failure,
        List.of(
            new ExprStmt(
                new Call(JavaExpr.name(tape), "unwind", List.of(JavaExpr.name(mark))),
                "the tape as this call found it, for the thread's next adjoint"),
            new Throw(JavaExpr.name(failure))),
        "an exception from here on takes this call's values off the tape first");
  }
}
