package dev.adjoint.processor.parse;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePathScanner;
import dev.adjoint.annotations.Differentiable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @Differentiable} methods that annotation processing never sees: those of anonymous and
 * local classes, whose members javac does not enter before processors run. Found in the source
 * trees, so that they are reported instead of silently getting no gradient.
 */
public final class UnseenDeclarations {
  private static final String ANNOTATION = Differentiable.class.getCanonicalName();

  private UnseenDeclarations() {}

  /**
   * The methods of anonymous and local classes in {@code unit} annotated {@code @Differentiable}.
   */
  public static List<MethodTree> in(CompilationUnitTree unit) {
    boolean imported = false;
    for (ImportTree i : unit.getImports()) {
      String name = i.getQualifiedIdentifier().toString();
      imported |=
          !i.isStatic() && (name.equals(ANNOTATION) || name.equals("dev.adjoint.annotations.*"));
    }
    List<MethodTree> found = new ArrayList<>();
    boolean simpleNameMeansOurs = imported;
    new TreePathScanner<Void, Boolean>() {
      @Override
      public Void visitClass(ClassTree tree, Boolean hidden) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        boolean named = parent instanceof ClassTree || parent instanceof CompilationUnitTree;
        return super.visitClass(tree, hidden || !named);
      }

      @Override
      public Void visitMethod(MethodTree tree, Boolean hidden) {
        if (hidden && tree.getModifiers().getAnnotations().stream().anyMatch(this::isOurs)) {
          found.add(tree);
        }
        return super.visitMethod(tree, hidden);
      }

      private boolean isOurs(AnnotationTree annotation) {
        String type = annotation.getAnnotationType().toString();
        return type.equals(ANNOTATION)
            || simpleNameMeansOurs && type.equals(Differentiable.class.getSimpleName());
      }
    }.scan(unit, false);
    return found;
  }
}
