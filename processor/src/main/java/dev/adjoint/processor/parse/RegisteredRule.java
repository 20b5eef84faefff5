package dev.adjoint.processor.parse;

import javax.lang.model.element.ExecutableElement;

/**
 * A {@code @Derivative} registration that passed its checks: {@code rule} returns the partial of
 * {@code target} with respect to its parameter {@code wrt}.
 *
 * @param rule the annotated method
 * @param target the method it differentiates
 * @param wrt the index of the parameter it differentiates with respect to
 */
public record RegisteredRule(ExecutableElement rule, ExecutableElement target, int wrt) {}
