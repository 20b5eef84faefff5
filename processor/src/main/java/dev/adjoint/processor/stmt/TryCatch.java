package dev.adjoint.processor.stmt;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * {@code try { // comment} body {@code } catch (exception parameter) {} handler {@code }}: the tape
 * guard around an adjoint's sweeps.
 *
 * @param body the statements guarded
 * @param exception the type caught, as {@code $T}
 * @param parameter the catch parameter's name
 * @param handler the statements run on an exception
 * @param comment the comment after {@code try {}, or {@code null}
 */
public record TryCatch(
    List<Stmt> body, TypeName exception, String parameter, List<Stmt> handler, String comment)
    implements Stmt {
  public TryCatch {
    body = List.copyOf(body);
    handler = List.copyOf(handler);
  }
}
