package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Dropout;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Dropout read through lists' elements: in a sub-model of the list, and as the list's elements
 * themselves. Two models made from the same seed draw the same masks, on either engine.
 */
public final class Dropouts {
  final List<Noisy> blocks = new ArrayList<>();
  final List<Dropout> drops = new ArrayList<>();

  public Dropouts(int width, long seed) {
    for (int i = 0; i < 3; i++) {
      blocks.add(new Noisy(width, seed + 10 * i));
      drops.add(new Dropout(0.25, new Generator(seed + 100 + i)));
    }
  }

  @Differentiable
  public Tensor loss(@NoDerivative Tensor x) {
    for (Noisy b : blocks) {
      x = b.forward(x);
    }
    for (Dropout d : drops) {
      x = d.forward(x);
    }
    return x.mul(x).sum();
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>();
    blocks.forEach(b -> all.addAll(b.parameters()));
    return all;
  }
}
