package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * What one function's lowering accumulates, whichever block it is in: the name supply, the field
 * leaves, what is known of its variables, and the way back from origins to source trees. One per
 * function; the frames of its blocks share it.
 */
final class FunctionState {
  final Names names = new Names();
  final FieldLeaves leaves = new FieldLeaves(names);

  /** The variables of the for-each loops over lists of sub-models the lowering is inside. */
  final Map<String, SubModelElement> elements = new HashMap<>();

  private final SourcePositions positions;
  private final CompilationUnitTree unit;
  private final String file;
  private final Map<Long, Tree> sourceMap = new HashMap<>();

  /** Values computed by the function itself that one operation alone reads. */
  private final Set<Value.Var> temporaries = new HashSet<>();

  /**
   * Temporaries whose elements the operation that consumes them may write its result over: each is
   * a new tensor made by an operation whose rule reads its operands but not its result (a sum, a
   * difference, a product, a matrix product), so the reverse sweep reads only its shape; and, being
   * a temporary, it is the operand of one operation alone. {@code layer.forward(x).relu()} then
   * needs one tensor where the tape makes three.
   */
  private final Set<Value.Var> overwritable = new HashSet<>();

  /** Arrays that hold the caller's data (parameters not {@code @Owned}, their rows and aliases). */
  private final Set<Value.Var> inputArrays = new HashSet<>();

  private final Set<Value.Var> fieldArrays = new HashSet<>();
  private final Map<Value.Var, String> callerArrays = new HashMap<>();

  /** The parameters that are records or objects of final classes, with their classes. */
  private final Map<Value.Var, TypeElement> objectClasses = new HashMap<>();

  /** Rows of two-dimensional arrays, by the source text that reads them ({@code m[i]}). */
  private final Map<Value.Var, String> rowSources = new HashMap<>();

  FunctionState(SourcePositions positions, CompilationUnitTree unit, String file) {
    this.positions = positions;
    this.unit = unit;
    this.file = file;
  }

  /** Records that parameter {@code var} is an object of {@code type}, read as constants. */
  void markObject(Value.Var var, TypeElement type) {
    objectClasses.put(var, type);
  }

  /** The class of object parameter {@code var}; null for any other variable. */
  TypeElement objectClass(Value.Var var) {
    return objectClasses.get(var);
  }

  /** A new temporary. */
  Value.Var temporary(IrType type) {
    Value.Var var = new Value.Var(names.temporary(), type);
    temporaries.add(var);
    return var;
  }

  boolean isTemporary(Value value) {
    return value instanceof Value.Var var && temporaries.contains(var);
  }

  /** Records that {@code var} is a temporary (the value a callee written at a call returns). */
  void markTemporary(Value.Var var) {
    temporaries.add(var);
  }

  /** {@code var} no longer exists: the node that made it defines another variable now. */
  void forget(Value.Var var) {
    temporaries.remove(var);
    overwritable.remove(var);
  }

  void markOverwritable(Value.Var var) {
    overwritable.add(var);
  }

  /** Whether {@code v} is a temporary the operation consuming it may overwrite. */
  boolean isOverwritable(Value v) {
    return isTemporary(v) && overwritable.contains((Value.Var) v);
  }

  void markInput(Value.Var array) {
    inputArrays.add(array);
  }

  boolean isInput(Value.Var array) {
    return inputArrays.contains(array);
  }

  /** Records that {@code row} is read from its matrix as {@code source} says. */
  void markRow(Value.Var row, Tree source) {
    rowSources.put(row, sourceText(source));
  }

  /**
   * Records that {@code array} holds a field's array, which generated code reads as {@code field}:
   * the field's data, written by no {@code @Differentiable} method (ADJ105).
   */
  void markField(Value.Var array, String field) {
    fieldArrays.add(array);
    rowSources.put(array, field);
  }

  /** Gives {@code copy} the marks of {@code source} (input, field's array), if it is a variable. */
  void inheritMarks(Value.Var copy, Value source) {
    if (source instanceof Value.Var v) {
      if (isInput(v)) {
        markInput(copy);
      }
      if (isField(v)) {
        markField(copy, describe(v));
      }
      if (isInput(v) || isField(v)) {
        callerArrays.put(copy, callerArray(v));
      }
    }
  }

  /** Records that {@code alias} holds the array {@code source} holds. */
  void markAlias(Value.Var alias, Value.Var source) {
    callerArrays.put(alias, callerArray(source));
  }

  /** The parameter or field whose array {@code array} holds, as the source names it. */
  String callerArray(Value.Var array) {
    return callerArrays.getOrDefault(array, describe(array));
  }

  boolean isField(Value.Var array) {
    return fieldArrays.contains(array);
  }

  /** How diagnostics name an array: as the source reads it. */
  String describe(Value.Var array) {
    return rowSources.getOrDefault(array, array.name());
  }

  /** Where {@code tree} is; remembered so that later passes' diagnostics find the tree again. */
  Origin origin(Tree tree) {
    long position = positions.getStartPosition(unit, tree);
    sourceMap.putIfAbsent(position, tree);
    long line = position < 0 ? 0 : unit.getLineMap().getLineNumber(position);
    return new Origin(file, line, position);
  }

  /** The trees of the function's file, by position: what {@link Origin#position} points at. */
  Map<Long, Tree> sourceMap() {
    return Map.copyOf(sourceMap);
  }

  /** Adds trees of this function's file that a callee written here points at. */
  void addSourceTrees(Map<Long, Tree> trees) {
    trees.forEach(sourceMap::putIfAbsent);
  }

  /** The source as written: a literal's spelling ({@code 1e-3}), an array read's ({@code m[i]}). */
  String sourceText(Tree tree) {
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    try {
      CharSequence content = unit.getSourceFile().getCharContent(true);
      if (start >= 0 && end > start && end <= content.length()) {
        return content.subSequence((int) start, (int) end).toString();
      }
    } catch (IOException e) {
      // fall through to the tree's own rendering
    }
    return tree instanceof LiteralTree literal
        ? JavaLiterals.of(literal.getValue())
        : tree.toString();
  }
}
