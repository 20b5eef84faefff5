import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

class Adj102SubModelLists {
  static final class Block {
    @Differentiable
    Tensor forward(Tensor x) {
      return x.relu();
    }
  }

  final List<Block> first = List.of();
  final List<Block> second = List.of();

  @Differentiable
  Tensor both(Tensor x) {
    for (Block a : first) {
      for (Block b : second) { // expect: [ADJ102] a for-each over a list of sub-models inside another is not supported in @Differentiable methods; hold the outer sub-models in fields of their own and call each in turn (x = first.forward(x); x = second.forward(x);), each looping over its own list in its @Differentiable method
        x = b.forward(x);
      }
    }
    return x.sum();
  }
}
