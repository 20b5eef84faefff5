package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or a model: a function of a tensor with named parameters, composed of sub-modules (the
 * PyTorch {@code nn.Module} pattern). Parameters are leaf tensors that require grad; their names
 * are dotted paths ({@code 0.weight}) in registration order, which is also the order of {@link
 * #parameters()} and of the saved state.
 */
public abstract class Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();

  /** The module applied to {@code input}. */
  public abstract Tensor forward(Tensor input);

  /** Registers a parameter (made a leaf that requires grad) and returns it. */
  protected final Tensor registerParameter(String name, Tensor value) {
    if (parameters.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException("duplicate name " + name);
    }
    value.requiresGrad(true);
    parameters.put(name, value);
    return value;
  }

  /** Registers a sub-module and returns it. */
  protected final <M extends Module> M registerModule(String name, M module) {
    if (parameters.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException("duplicate name " + name);
    }
    children.put(name, module);
    return module;
  }

  /** All parameters, by dotted name, in registration order. */
  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>(parameters);
    for (Map.Entry<String, Module> child : children.entrySet()) {
      for (Map.Entry<String, Tensor> p : child.getValue().namedParameters().entrySet()) {
        out.put(child.getKey() + "." + p.getKey(), p.getValue());
      }
    }
    return out;
  }

  public final List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /**
   * Moves every parameter (and its gradient, if any) to {@code device}, in place: the tensors stay
   * the same objects (fields of the model keep working), their elements move, as PyTorch's {@code
   * module.to(device)} does. Returns this module.
   */
  @SuppressWarnings("try") // the scope only restores grad mode on close
  public final Module to(Device device) {
    try (GradMode.Scope scope = GradMode.noGrad()) {
      for (Tensor p : parameters()) {
        if (!p.device().equals(device)) {
          p.setData(p.to(device));
          Tensor g = p.grad();
          if (g != null && !g.device().equals(device)) {
            p.setGrad(g.to(device));
          }
        }
      }
    }
    return this;
  }

  /** Drops the gradients of all parameters. */
  public final void zeroGrad() {
    for (Tensor p : parameters()) {
      p.setGrad(null);
    }
  }

  /** The parameters by name (the tensors themselves, not copies). */
  public final Map<String, Tensor> stateDict() {
    return namedParameters();
  }

  /**
   * Copies {@code state} into the parameters. Every parameter must be present with its shape, and
   * nothing else may be; otherwise nothing is changed.
   */
  @SuppressWarnings("try") // the scope only restores grad mode on close
  public final void loadStateDict(Map<String, Tensor> state) {
    Map<String, Tensor> own = namedParameters();
    List<String> missing = new ArrayList<>();
    for (String name : own.keySet()) {
      if (!state.containsKey(name)) {
        missing.add(name);
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (String name : state.keySet()) {
      if (!own.containsKey(name)) {
        unexpected.add(name);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new IllegalArgumentException(
          "loadStateDict: missing " + missing + ", unexpected " + unexpected);
    }
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor source = state.get(e.getKey());
      if (!Arrays.equals(source.shape(), e.getValue().shape())) {
        throw new IllegalArgumentException(
            "loadStateDict: "
                + e.getKey()
                + " has shape "
                + Shape.format(source.shape())
                + " in the state but "
                + Shape.format(e.getValue().shape())
                + " in the module");
      }
    }
    try (GradMode.Scope scope = GradMode.noGrad()) {
      for (Map.Entry<String, Tensor> e : own.entrySet()) {
        e.getValue().copyInPlace(state.get(e.getKey()));
      }
    }
  }

  /** Writes the parameters to {@code file} in the {@link StateFile} format. */
  public final void save(Path file) throws IOException {
    StateFile.write(file, stateDict());
  }

  /** Reads parameters written by {@link #save} into this module. */
  public final void load(Path file) throws IOException {
    loadStateDict(StateFile.read(file));
  }
}
