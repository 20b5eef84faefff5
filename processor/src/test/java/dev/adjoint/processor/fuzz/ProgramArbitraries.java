package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Program.Cond;
import dev.adjoint.processor.fuzz.Program.Expr;
import dev.adjoint.processor.fuzz.Program.Index;
import dev.adjoint.processor.fuzz.Program.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of {@link Program}s, built as trees of combinators so that a failing program
 * shrinks: lists lose statements, a node shrinks towards its first (simplest) alternative, numbers
 * towards 0. Depths are bounded: expressions 3, statement nesting 3, loop nesting 2.
 */
final class ProgramArbitraries {
  private static final int EXPRESSION_DEPTH = 3;
  private static final int NESTING = 3;
  private static final int LOOP_NESTING = 2;

  private final Map<Integer, Arbitrary<Expr>> expressions = new HashMap<>();
  private final Map<Integer, Arbitrary<Cond>> conditions = new HashMap<>();
  private final Map<String, Arbitrary<List<Stmt>>> blocks = new HashMap<>();

  /** Random programs. */
  static Arbitrary<Program> programs() {
    ProgramArbitraries arbitraries = new ProgramArbitraries();
    return Combinators.combine(
            Arbitraries.of(Program.ArrayForm.class),
            arbitraries.block(NESTING, 0, 8),
            arbitraries.expr(EXPRESSION_DEPTH))
        .as(Program::new);
  }

  private Arbitrary<Expr> leaf() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(Program.Scalar.class).map(Program.Read::new)),
        Tuple.of(2, Arbitraries.of(0.5, 1.0, 2.0, -1.5, 3.0, 0.25).map(Program.Constant::new)),
        Tuple.of(2, index().map(Program.ArrayRead::new)),
        Tuple.of(1, Arbitraries.integers().between(0, 2).map(Program.ParameterRead::new)),
        Tuple.of(1, Arbitraries.just(new Program.CounterRead())),
        Tuple.of(1, Arbitraries.integers().between(0, 1).map(Program.LoopValue::new)));
  }

  private Arbitrary<Index> index() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 4).map(Program.ConstantIndex::new),
        Arbitraries.integers().between(0, 1).map(Program.LoopIndex::new));
  }

  private Arbitrary<Expr> expr(int depth) {
    if (depth == 0) {
      return leaf();
    }
    return memo(expressions, depth, () -> buildExpr(depth));
  }

  private Arbitrary<Expr> buildExpr(int depth) {
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> expr(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf()),
        Tuple.of(
            4,
            Combinators.combine(Arbitraries.of(Program.BinaryOp.class), sub, sub)
                .as(Program.Binary::new)),
        Tuple.of(1, Combinators.combine(sub, sub).as(Program.SafeDivide::new)),
        Tuple.of(
            2,
            Combinators.combine(Arbitraries.of(Program.Function.class), sub)
                .as(Program.Apply::new)),
        Tuple.of(
            1, Combinators.combine(Arbitraries.of(true, false), sub, sub).as(Program.MaxMin::new)),
        Tuple.of(1, Combinators.combine(sub, sub).as(Program.Call::new)),
        Tuple.of(1, Combinators.combine(cond(depth - 1), sub, sub).as(Program.Conditional::new)));
  }

  private Arbitrary<Cond> cond(int depth) {
    return memo(conditions, depth, () -> buildCond(depth));
  }

  private Arbitrary<Cond> buildCond(int depth) {
    Arbitrary<Expr> operand = expr(Math.min(depth, 1));
    Arbitrary<Cond> compare =
        Combinators.combine(Arbitraries.of(Program.Comparison.class), operand, operand)
            .as(Program.Compare::new);
    if (depth == 0) {
      return compare;
    }
    Arbitrary<Cond> sub = Arbitraries.lazy(() -> cond(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(6, compare),
        Tuple.of(1, Combinators.combine(sub, sub).as(Program.And::new)),
        Tuple.of(1, Combinators.combine(sub, sub).as(Program.Or::new)),
        Tuple.of(1, sub.map(Program.Not::new)));
  }

  private Arbitrary<List<Stmt>> block(int nesting, int loopDepth, int maxSize) {
    return memo(
        blocks,
        nesting + "/" + loopDepth + "/" + maxSize,
        () -> stmt(nesting, loopDepth).list().ofMaxSize(maxSize));
  }

  /** Builds each arbitrary once (the builders recurse, so no computeIfAbsent). */
  private static <K, V> V memo(Map<K, V> cache, K key, Supplier<V> build) {
    V value = cache.get(key);
    if (value == null) {
      value = build.get();
      cache.put(key, value);
    }
    return value;
  }

  private Arbitrary<Stmt> stmt(int nesting, int loopDepth) {
    Arbitrary<Expr> value = expr(2);
    Arbitrary<Cond> condition = cond(1);
    Arbitrary<Program.Local> local = Arbitraries.of(Program.Local.class);
    List<Tuple.Tuple2<Integer, Arbitrary<? extends Stmt>>> choices =
        new ArrayList<>(
            List.of(
                Tuple.of(6, Combinators.combine(local, value).as(Program.Assign::new)),
                Tuple.of(
                    3,
                    Combinators.combine(local, Arbitraries.of(Program.BinaryOp.class), value)
                        .as(Program.CompoundAssign::new)),
                Tuple.of(
                    3,
                    Combinators.combine(index(), Arbitraries.of(false, true), value)
                        .as(Program.Store::new)),
                Tuple.of(1, Arbitraries.just(new Program.Count())),
                Tuple.of(1, Combinators.combine(condition, expr(1)).as(Program.Return::new))));
    if (nesting > 0) {
      Arbitrary<List<Stmt>> inner = Arbitraries.lazy(() -> block(nesting - 1, loopDepth, 3));
      choices.add(Tuple.of(2, Combinators.combine(condition, inner, inner).as(Program.If::new)));
      if (loopDepth < LOOP_NESTING) {
        Arbitrary<List<Stmt>> body = Arbitraries.lazy(() -> block(nesting - 1, loopDepth + 1, 4));
        choices.add(
            Tuple.of(
                3,
                Combinators.combine(
                        Arbitraries.of(Program.LoopKind.class),
                        Arbitraries.integers().between(1, 4),
                        cond(0),
                        body)
                    .as(Program.Loop::new)));
      }
    }
    if (loopDepth > 0) {
      Arbitrary<Integer> levels = Arbitraries.integers().between(0, loopDepth - 1);
      choices.add(Tuple.of(1, Combinators.combine(condition, levels).as(Program.Break::new)));
      choices.add(Tuple.of(1, Combinators.combine(condition, levels).as(Program.Continue::new)));
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Tuple.Tuple2<Integer, Arbitrary<? extends Stmt>>[] array = choices.toArray(new Tuple.Tuple2[0]);
    return Arbitraries.frequencyOf(array);
  }
}
