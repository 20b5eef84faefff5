package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.HandBuiltIr.HERE;
import static dev.adjoint.processor.diff.HandBuiltIr.apply;
import static dev.adjoint.processor.diff.HandBuiltIr.concat;
import static dev.adjoint.processor.diff.HandBuiltIr.copy;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleConst;
import static dev.adjoint.processor.diff.HandBuiltIr.doubleVar;
import static dev.adjoint.processor.diff.HandBuiltIr.increment;
import static dev.adjoint.processor.diff.HandBuiltIr.intConst;
import static dev.adjoint.processor.diff.HandBuiltIr.intVar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Which restores move to the start of the reverse pass, on hand-built IR: the logistic map's pass
 * {@code a = r * x; b = 1 - x; x = a * b; i++} hoists the restore of {@code x}, and each condition
 * of {@link RestoreHoisting#hoistable}, violated once on that pass, keeps it in place.
 */
class RestoreHoistingTest {
  private final Value.Var r = doubleVar("r");
  private final Value.Var x = doubleVar("x");
  private final Value.Var a = doubleVar("a");
  private final Value.Var b = doubleVar("b");
  private final Value.Var c = doubleVar("c");
  private final Value.Var z = doubleVar("z");
  private final Value.Var i = intVar("i");
  private final Value.Var k = intVar("k");
  private final Value.Var next = intVar("next");
  private final Value.Var flag = new Value.Var("flag", IrType.BOOLEAN);

  private final Node ra = apply(a, ElementwiseOp.MULTIPLY, r, x);
  private final Node oneMinus = apply(b, ElementwiseOp.SUBTRACT, doubleConst("1.0"), x);
  private final Node product = apply(x, ElementwiseOp.MULTIPLY, a, b);

  /** No statement's reverse reads its own result: true of products, differences and copies. */
  private static final Predicate<Node> NONE_READS_ITS_RESULT = n -> false;

  /** {@code a = r * x; b = 1 - x; x = a * b; between; next = i + 1; i = next}. */
  private List<Node> logisticMap(Node... between) {
    return concat(List.of(ra, oneMinus, product), List.of(between), increment(i, next));
  }

  /** How often the body defines each variable: once each in the passes built here. */
  private static Map<Value.Var, Integer> definedOnce(List<Node> body) {
    Map<Value.Var, Integer> counts = new HashMap<>();
    body.forEach(n -> UseCounts.countDefinitions(n, counts));
    return counts;
  }

  private static Set<Node> hoistable(List<Node> body, Predicate<Node> readsOwnResult) {
    return hoistable(body, definedOnce(body), readsOwnResult, Set.of());
  }

  private static Set<Node> hoistable(
      List<Node> body,
      Map<Value.Var, Integer> definitions,
      Predicate<Node> readsOwnResult,
      Set<Node> forbidden) {
    // the suffix is the counter update, the body's last two statements
    return RestoreHoisting.hoistable(body, body.size() - 2, definitions, readsOwnResult, forbidden);
  }

  @Test
  void theLogisticMapHoistsTheRestoreOfItsState() {
    // x = a * b's reverse reads a and b, not x; nothing after it reads x. a and b are read by it.
    assertEquals(Set.of(product), hoistable(logisticMap(), NONE_READS_ITS_RESULT));
  }

  @Test
  void aStateReadAfterItIsOverwrittenKeepsItsRestoreInPlace() {
    // c = x * 2 reads the new x: the old one cannot be popped before c's reverse has run
    Node reads = apply(c, ElementwiseOp.MULTIPLY, x, doubleConst("2.0"));
    assertEquals(Set.of(reads), hoistable(logisticMap(reads), NONE_READS_ITS_RESULT));
  }

  @Test
  void aStateTheSuffixReadsKeepsItsRestoreInPlace() {
    // the suffix k = (int) x; reads the new x too
    List<Node> body =
        concat(List.of(ra, oneMinus, product), List.of(new Node.Convert(k, x, HERE), copy(i, k)));
    assertTrue(hoistable(body, NONE_READS_ITS_RESULT).isEmpty());
  }

  @Test
  void aStateDefinedTwiceInTheLoopKeepsItsRestoreInPlace() {
    // an inner statement or the condition sets x too: which old value comes first is not known
    List<Node> body = logisticMap();
    Map<Value.Var, Integer> twice = definedOnce(body);
    twice.put(x, 2);
    assertTrue(hoistable(body, twice, NONE_READS_ITS_RESULT, Set.of()).isEmpty());
  }

  @Test
  void aStatementWhoseReverseReadsItsResultOrAForbiddenOneKeepsItsRestoreInPlace() {
    List<Node> body = logisticMap();
    // exp's rule reads the new value: it must still be there when the reverse reaches it
    assertTrue(hoistable(body, n -> n == product).isEmpty());
    // the planner forbids a hoist whose early pop would overtake a later push
    assertTrue(
        hoistable(body, definedOnce(body), NONE_READS_ITS_RESULT, Set.of(product)).isEmpty());
  }

  @Test
  void onlyFloatingScalarsAreHoisted() {
    // k = i + 2, an int, after the state: its restore is the counter arithmetic's business
    Node integral = apply(k, ElementwiseOp.ADD, i, intConst(2));
    assertEquals(Set.of(product), hoistable(logisticMap(integral), NONE_READS_ITS_RESULT));
  }

  @Test
  void aBranchAfterTheStateStopsTheSearchBeforeIt() {
    // if (flag) z = r: a block pushes what its arms overwrite, after x's old value
    Node branch = new Node.If(flag, List.of(copy(z, r)), List.of(), HERE);
    assertTrue(hoistable(logisticMap(branch), NONE_READS_ITS_RESULT).isEmpty());
    // a straight-line z = r there leaves x hoistable, and is hoistable itself
    Node plain = copy(z, r);
    assertEquals(Set.of(product, plain), hoistable(logisticMap(plain), NONE_READS_ITS_RESULT));
  }

  @Test
  void aStoreAfterTheStateDoesNotStopTheSearchButAnArrayCreationDoes() {
    // ys[i] = r pushes nothing of x's kind; ys = new double[9] pushes the old array, after x's
    Value.Var ys = new Value.Var("ys", IrType.DOUBLE_ARRAY);
    Node store = new Node.ArrayStore(ys, i, r, HERE);
    assertEquals(Set.of(product), hoistable(logisticMap(store), NONE_READS_ITS_RESULT));
    Node creation = new Node.NewArray(ys, intConst(9), HERE);
    assertTrue(hoistable(logisticMap(creation), NONE_READS_ITS_RESULT).isEmpty());
  }

  @Test
  void theChosenRestoresStartAtTheFirstOneARecomputedValueReadsAndComeLastFirst() {
    Node w = apply(c, ElementwiseOp.MULTIPLY, r, doubleConst("3.0")); // hoistable, read by none
    Node plain = copy(z, r);
    List<Node> body = concat(List.of(w), logisticMap(plain));
    Set<Node> hoistable = hoistable(body, NONE_READS_ITS_RESULT);
    assertEquals(Set.of(w, product, plain), hoistable);
    // a and b, recomputed, read x's old value: x = a*b and what follows it come off the tape
    // first, z's last pushed first popped; c's restore, before any reader, stays in place
    assertEquals(
        List.of(plain, product), RestoreHoisting.chosen(body, hoistable, List.of(ra, oneMinus)));
    // nothing recomputed reads an old value: nothing is worth hoisting
    assertTrue(RestoreHoisting.chosen(body, hoistable, List.of()).isEmpty());
  }
}
