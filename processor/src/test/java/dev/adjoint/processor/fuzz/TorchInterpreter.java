package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.TensorProgram.Apply;
import dev.adjoint.processor.fuzz.TensorProgram.Binary;
import dev.adjoint.processor.fuzz.TensorProgram.Branch;
import dev.adjoint.processor.fuzz.TensorProgram.Constant;
import dev.adjoint.processor.fuzz.TensorProgram.Expand;
import dev.adjoint.processor.fuzz.TensorProgram.Expr;
import dev.adjoint.processor.fuzz.TensorProgram.Flatten;
import dev.adjoint.processor.fuzz.TensorProgram.Gather;
import dev.adjoint.processor.fuzz.TensorProgram.Index;
import dev.adjoint.processor.fuzz.TensorProgram.IndexSelect;
import dev.adjoint.processor.fuzz.TensorProgram.Input;
import dev.adjoint.processor.fuzz.TensorProgram.Let;
import dev.adjoint.processor.fuzz.TensorProgram.Local;
import dev.adjoint.processor.fuzz.TensorProgram.Loop;
import dev.adjoint.processor.fuzz.TensorProgram.Mask;
import dev.adjoint.processor.fuzz.TensorProgram.MaskedFill;
import dev.adjoint.processor.fuzz.TensorProgram.MatMul;
import dev.adjoint.processor.fuzz.TensorProgram.Narrow;
import dev.adjoint.processor.fuzz.TensorProgram.Permute;
import dev.adjoint.processor.fuzz.TensorProgram.Reduce;
import dev.adjoint.processor.fuzz.TensorProgram.ReduceAll;
import dev.adjoint.processor.fuzz.TensorProgram.Reshape;
import dev.adjoint.processor.fuzz.TensorProgram.Scalar;
import dev.adjoint.processor.fuzz.TensorProgram.Select;
import dev.adjoint.processor.fuzz.TensorProgram.Softmax;
import dev.adjoint.processor.fuzz.TensorProgram.Squeeze;
import dev.adjoint.processor.fuzz.TensorProgram.Stmt;
import dev.adjoint.processor.fuzz.TensorProgram.Transpose;
import dev.adjoint.processor.fuzz.TensorProgram.Unsqueeze;
import dev.adjoint.processor.fuzz.TensorProgram.Where;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Runs a {@link TensorProgram} on libtorch (float64, autograd), the independent reference of {@link
 * RandomTensorProgramTest}: each expression evaluated with PyTorch's own operation of the same
 * meaning. Callers hold a {@code PointerScope} around a run.
 */
final class TorchInterpreter {
  static {
    // one libtorch thread: the tests run beside other processes on a small machine
    torch.set_num_threads(1);
  }

  private final List<Tensor> inputs;
  private final List<Tensor> constants;
  private final Map<Integer, Tensor> locals = new HashMap<>();

  private TorchInterpreter(List<Tensor> inputs, List<Tensor> constants) {
    this.inputs = inputs;
    this.constants = constants;
  }

  /** The program's result on these leaves (which require grad). */
  static Tensor run(TensorProgram program, List<Tensor> inputs) {
    List<Tensor> constants = new ArrayList<>();
    for (Constant c : program.constants()) {
      constants.add(constant(c));
    }
    TorchInterpreter in = new TorchInterpreter(inputs, constants);
    Tensor result = null;
    List<Stmt> body = program.body();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      switch (s) {
        case Let let -> in.locals.put(let.local(), in.eval(let.value()));
        case Branch b ->
            in.locals.put(
                b.local(),
                in.locals.get(b.test()).sum().item_double() > b.threshold()
                    ? in.eval(b.whenTrue())
                    : in.eval(b.whenFalse()));
        case Loop l -> {
          in.locals.put(l.local(), in.eval(l.init()));
          for (int k = 0; k < l.times(); k++) {
            in.locals.put(l.local(), in.eval(l.step()));
          }
        }
      }
      Tensor term =
          in.locals.get(TensorProgram.local(s)).sum().mul(scalar(TensorProgram.weight(i)));
      result = result == null ? term : result.add(term);
    }
    return result;
  }

  /** A mask by libtorch's own comparison, or an int64 index. */
  private static Tensor constant(Constant c) {
    return switch (c) {
      case Mask m -> {
        Tensor v = tensor(m.values(), m.shape());
        org.bytedeco.pytorch.Scalar t = scalar(m.threshold());
        yield switch (m.relation()) {
          case GT -> v.gt(t);
          case LT -> v.lt(t);
          case GE -> v.ge(t);
          case LE -> v.le(t);
          case EQ -> v.eq(t);
        };
      }
      case Index x ->
          tensor(Arrays.stream(x.values()).asDoubleStream().toArray(), x.shape())
              .to(torch.ScalarType.Long);
    };
  }

  /** A float64 libtorch tensor holding {@code values} in {@code shape}. */
  static Tensor tensor(double[] values, int[] shape) {
    long[] s = Arrays.stream(shape).asLongStream().toArray();
    return torch
        .from_blob(new DoublePointer(values), s, new TensorOptions(torch.ScalarType.Double))
        .clone();
  }

  /** The elements of a libtorch tensor, row-major, as doubles. */
  static double[] values(Tensor t) {
    Tensor c = t.detach().to(torch.ScalarType.Double).contiguous();
    double[] out = new double[(int) c.numel()];
    new DoublePointer(c.data_ptr()).get(out);
    return out;
  }

  private static org.bytedeco.pytorch.Scalar scalar(double v) {
    return new org.bytedeco.pytorch.Scalar(v);
  }

  private Tensor eval(Expr e) {
    return switch (e) {
      case Input x -> inputs.get(x.index());
      case Local l -> locals.get(l.index());
      case Apply a -> {
        Tensor x = eval(a.operand());
        yield switch (a.op()) {
          case EXP -> x.tanh().exp();
          case EXPM1 -> x.tanh().expm1();
          case SIN -> x.sin();
          case COS -> x.cos();
          case TANH -> x.tanh();
          case SIGMOID -> x.sigmoid();
          case SOFTPLUS -> torch.softplus(x);
          case RELU -> x.relu();
          case ABS -> x.abs();
          case CLAMP -> x.clamp(new ScalarOptional(scalar(-0.5)), new ScalarOptional(scalar(0.5)));
          case NEG -> x.neg();
          case SQUARE -> x.pow(scalar(2));
          case CUBE -> x.pow(scalar(3));
          case LOG -> x.mul(x).add(scalar(1)).log();
          case SQRT -> x.mul(x).add(scalar(1)).sqrt();
          case LOG1P -> x.abs().log1p();
          case CONTIGUOUS -> x.contiguous();
        };
      }
      case Scalar s -> {
        Tensor x = eval(s.operand());
        org.bytedeco.pytorch.Scalar c = scalar(s.constant());
        yield switch (s.op()) {
          case MUL -> x.mul(c);
          case ADD -> x.add(c);
          case SUB -> x.sub(c);
          // c - x, rounded once as PyTorch's rsub rounds it
          case RSUB -> x.neg().add(c);
          case DIV -> x.div(c);
        };
      }
      case Binary b -> {
        Tensor l = eval(b.left());
        Tensor r = eval(b.right());
        yield switch (b.op()) {
          case ADD -> l.add(r);
          case SUB -> l.sub(r);
          case MUL -> l.mul(r);
          case DIV -> l.div(r.mul(r).add(scalar(1)));
          case POW -> l.mul(l).add(scalar(1)).pow(r.tanh());
          case MAXIMUM -> l.maximum(r);
          case MINIMUM -> l.minimum(r);
        };
      }
      case Reduce r -> reduce(r.op(), eval(r.operand()), new long[] {r.dim()});
      case ReduceAll r -> {
        Tensor x = eval(r.operand());
        yield switch (r.op()) {
          case "sum" -> x.sum();
          case "mean" -> x.mean();
          default -> x.amax();
        };
      }
      case Softmax s ->
          s.log() ? eval(s.operand()).log_softmax(s.dim()) : eval(s.operand()).softmax(s.dim());
      case MatMul m -> eval(m.left()).matmul(eval(m.right()));
      case Transpose t -> eval(t.operand()).transpose(t.d0(), t.d1());
      case Permute p -> eval(p.operand()).permute(longs(p.order()));
      case Reshape r -> eval(r.operand()).reshape(longs(r.shape()));
      case Flatten f -> eval(f.operand()).flatten();
      case Expand x -> eval(x.operand()).expand(longs(x.shape()));
      case Unsqueeze u -> eval(u.operand()).unsqueeze(u.dim());
      case Squeeze q -> eval(q.operand()).squeeze(q.dim());
      case Narrow n -> eval(n.operand()).narrow(n.dim(), n.start(), n.length());
      case Select s -> eval(s.operand()).select(s.dim(), s.index());
      case Where w -> torch.where(constants.get(w.mask()), eval(w.whenTrue()), eval(w.whenFalse()));
      case MaskedFill m ->
          eval(m.operand()).masked_fill(constants.get(m.mask()), scalar(m.value()));
      case IndexSelect x -> eval(x.operand()).index_select(x.dim(), constants.get(x.index()));
      case Gather g -> eval(g.operand()).gather(g.dim(), constants.get(g.index()));
    };
  }

  private static Tensor reduce(String op, Tensor x, long[] dim) {
    return switch (op) {
      case "sum" -> x.sum(dim, false, new ScalarTypeOptional());
      case "mean" -> x.mean(dim, false, new ScalarTypeOptional());
      default -> x.amax(dim, false);
    };
  }

  private static long[] longs(int[] v) {
    return Arrays.stream(v).asLongStream().toArray();
  }
}
