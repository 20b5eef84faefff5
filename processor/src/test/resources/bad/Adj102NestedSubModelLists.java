import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

class Adj102NestedSubModelLists {
  static final class Block {
    final Tensor w = Tensor.of(2.0);

    @Differentiable
    Tensor forward(Tensor x) {
      return x.mul(w).tanh();
    }
  }

  static final class Stage {
    final List<Block> blocks = List.of();

    @Differentiable
    Tensor forward(Tensor x) {
      for (Block b : blocks) {
        x = b.forward(x);
      }
      return x;
    }
  }

  final List<Stage> stages = List.of();

  @Differentiable
  Tensor run(Tensor x) {
    for (Stage s : stages) {
      x = s.forward(x); // expect: [ADJ102] a call on a list's element to Stage.forward, which runs a for-each over a list of sub-models itself, is not supported in @Differentiable methods; hold the outer sub-models in fields of their own and call each in turn (x = first.forward(x); x = second.forward(x);), each looping over its own list in its @Differentiable method
    }
    return x.sum();
  }
}
