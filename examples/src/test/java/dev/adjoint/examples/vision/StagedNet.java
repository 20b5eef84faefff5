package dev.adjoint.examples.vision;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Module;
import dev.adjoint.runtime.nn.Sequential;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages that each loop over a list of layers, held in fields of their own and called in turn:
 * ADJ102's fix for a for-each over a list inside another, or over a list in a method called on a
 * list's element ("hold the outer sub-models in fields of their own and call each in turn"),
 * applied. {@link StagedNetTest} checks its generated adjoint against the tape.
 */
final class StagedNet extends Module {
  /**
   * {@code tanh(x·w + b)}, written out: a call of an nn module ({@code Linear.forward}) on a list's
   * element is not differentiated yet (ADJ102).
   */
  static final class Layer extends Module {
    final Tensor weight;
    final Tensor bias;

    Layer(int width, Generator gen) {
      weight = registerParameter("weight", Tensor.randn(gen, DType.FLOAT64, width, width).mul(0.5));
      bias = registerParameter("bias", Tensor.randn(gen, DType.FLOAT64, width).mul(0.1));
    }

    @Override
    @Differentiable
    public Tensor forward(Tensor x) {
      return x.matmul(weight).add(bias).tanh();
    }
  }

  /** One stage: its layers in turn. */
  static final class Stage extends Module {
    final List<Layer> layers;

    Stage(int width, int depth, Generator gen) {
      List<Layer> made = new ArrayList<>();
      for (int i = 0; i < depth; i++) {
        made.add(new Layer(width, gen));
      }
      registerModule("layers", new Sequential(made));
      layers = List.copyOf(made);
    }

    @Override
    @Differentiable
    public Tensor forward(Tensor x) {
      for (Layer layer : layers) {
        x = layer.forward(x);
      }
      return x;
    }
  }

  final Stage first;
  final Stage second;
  // a parameter of the net itself: with only the layers' parameters, read in the passes over the
  // stages' lists, loss is reported as reading no tensor to differentiate (ADJ107)
  final Tensor scale;

  /** Two stages of {@code depth} layers, {@code width} features throughout. */
  StagedNet(int width, int depth, Generator gen) {
    first = registerModule("first", new Stage(width, depth, gen));
    second = registerModule("second", new Stage(width, depth, gen));
    scale = registerParameter("scale", Tensor.randn(gen, DType.FLOAT64, width));
  }

  @Override
  @Differentiable
  public Tensor forward(Tensor x) {
    x = first.forward(x);
    x = second.forward(x);
    return x.mul(scale);
  }

  /** The summed squares of the outputs' distances from {@code target}. */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor target) {
    Tensor d = forward(x).sub(target);
    return d.mul(d).sum();
  }
}
