package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import javax.lang.model.element.TypeElement;

/**
 * The variable of a for-each over a list of sub-models ({@code block} in {@code for (BasicBlock
 * block : layer1)}): no IR value, but the path that reaches the pass's element from the receiver,
 * {@code layer1.get(k)}, its counter named by {@link Node.ElementRead#INDEX} so that the path stays
 * right when the loop's variables are renamed (a method written at a call).
 *
 * @param model the elements' class, whose {@code @Differentiable} methods the body calls
 * @param segment the path's step from the receiver, {@code layer1.get(…)}
 * @param index the loop's counter in this pass
 */
record SubModelElement(TypeElement model, String segment, Value.Var index) {}
