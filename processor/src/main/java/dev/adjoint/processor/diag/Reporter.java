package dev.adjoint.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one place diagnostics leave the processor. Every message carries its id and points at the
 * exact tree when there is one, else at the element.
 */
public final class Reporter {
  private final Messager messager;
  private final Trees trees;
  private int errorCount;

  public Reporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** Reports {@code problem} at its tree inside {@code element}'s compilation unit. */
  public void report(DiagnosticException problem, Element element) {
    print(problem.tree(), element, problem.getMessage());
  }

  /** Reports an error with the given id at {@code element}. */
  public void error(DiagnosticId id, Element element, String message) {
    print(null, element, id.tag() + " " + message);
  }

  /** Reports an error with the given id at {@code tree} of {@code unit}. */
  public void error(DiagnosticId id, Tree tree, CompilationUnitTree unit, String message) {
    errorCount++;
    trees.printMessage(Diagnostic.Kind.ERROR, id.tag() + " " + message, tree, unit);
  }

  private void print(Tree tree, Element element, String text) {
    errorCount++;
    TreePath path = trees != null && element != null ? trees.getPath(element) : null;
    if (tree != null && path != null) {
      CompilationUnitTree unit = path.getCompilationUnit();
      trees.printMessage(Diagnostic.Kind.ERROR, text, tree, unit);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element);
    }
  }

  /** How many errors were reported so far. */
  public int errorCount() {
    return errorCount;
  }
}
