package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.io.Safetensors;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or a model: a function of a tensor with named parameters and buffers, composed of
 * sub-modules (the PyTorch {@code nn.Module} pattern).
 *
 * <ul>
 *   <li><b>Parameters</b> are leaf tensors that require grad: what optimizers update.
 *   <li><b>Buffers</b> are state that is saved and loaded but not trained (batch norm's running
 *       statistics): they do not require grad and are not among {@link #parameters()}.
 *   <li><b>Children</b> are sub-modules; their entries get dotted names ({@code
 *       layer1.0.conv1.weight}).
 * </ul>
 *
 * <p>{@link #stateDict()} is ordered as PyTorch orders it: a module's own parameters, then its own
 * buffers, then each child's state in registration order, recursively. A model that registers its
 * members in torchvision's order therefore has torchvision's keys in torchvision's order.
 *
 * <p>A module is in training mode when made; {@link #eval()} and {@link #train()} switch it and
 * every descendant (layers such as batch norm and dropout behave differently in the two modes).
 */
public abstract class Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** The module applied to {@code input}. */
  public abstract Tensor forward(Tensor input);

  /** Registers a parameter (made a leaf that requires grad) and returns it. */
  protected final Tensor registerParameter(String name, Tensor value) {
    checkNewName(name);
    if (!value.isLeaf()) {
      throw new IllegalArgumentException(
          "parameter " + name + " must be a leaf tensor; pass value.detach()");
    }
    value.requiresGrad(true);
    parameters.put(name, value);
    return value;
  }

  /**
   * Registers a buffer: state saved in {@link #stateDict()} and moved by {@link #loadStateDict},
   * but not a parameter and not requiring grad. Returns it.
   */
  protected final Tensor registerBuffer(String name, Tensor value) {
    checkNewName(name);
    if (value.requiresGrad()) {
      throw new IllegalArgumentException(
          "buffer " + name + " must not require grad; register it as a parameter instead");
    }
    buffers.put(name, value);
    return value;
  }

  /** Registers a sub-module and returns it. */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkNewName(name);
    if (module == this) {
      throw new IllegalArgumentException("a module cannot be its own child (" + name + ")");
    }
    children.put(name, module);
    return module;
  }

  private void checkNewName(String name) {
    if (name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException(
          "invalid name '" + name + "': names are non-empty and contain no '.'");
    }
    if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException("duplicate name " + name);
    }
  }

  // ---------------------------------------------------------------- what the module holds

  /** All parameters, by dotted name: own ones first, then each child's, recursively. */
  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect(out, "", true, false);
    return out;
  }

  public final List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** All buffers, by dotted name: own ones first, then each child's, recursively. */
  public final Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect(out, "", false, true);
    return out;
  }

  public final List<Tensor> buffers() {
    return new ArrayList<>(namedBuffers().values());
  }

  /** The direct sub-modules by name, in registration order (unmodifiable). */
  public final Map<String, Module> namedChildren() {
    return Collections.unmodifiableMap(children);
  }

  /** This module and every descendant, parents before children (PyTorch's {@code modules()}). */
  public final List<Module> modules() {
    List<Module> out = new ArrayList<>();
    out.add(this);
    for (Module child : children.values()) {
      out.addAll(child.modules());
    }
    return out;
  }

  /**
   * Parameters and buffers by dotted name (the tensors themselves, not copies), in PyTorch's order:
   * own parameters, own buffers, then each child's state, recursively.
   */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect(out, "", true, true);
    return out;
  }

  private void collect(Map<String, Tensor> out, String prefix, boolean params, boolean bufs) {
    if (params) {
      parameters.forEach((name, t) -> out.put(prefix + name, t));
    }
    if (bufs) {
      buffers.forEach((name, t) -> out.put(prefix + name, t));
    }
    children.forEach((name, child) -> child.collect(out, prefix + name + ".", params, bufs));
  }

  // ---------------------------------------------------------------- modes and gradients

  /** Puts this module and every descendant in training mode; returns this module. */
  public final Module train() {
    return train(true);
  }

  /** Puts this module and every descendant in training mode or, for false, evaluation mode. */
  public final Module train(boolean mode) {
    training = mode;
    for (Module child : children.values()) {
      child.train(mode);
    }
    return this;
  }

  /** Evaluation mode for this module and every descendant ({@code train(false)}). */
  public final Module eval() {
    return train(false);
  }

  /** Whether this module is in training mode. */
  public final boolean isTraining() {
    return training;
  }

  /**
   * Moves every parameter (and its gradient, if any) and every buffer to {@code device}, in place:
   * the tensors stay the same objects (fields of the model keep working), their elements move, as
   * PyTorch's {@code module.to(device)} does. Returns this module.
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
      for (Tensor b : buffers()) {
        if (!b.device().equals(device)) {
          b.setData(b.to(device));
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

  // ---------------------------------------------------------------- loading and saving

  /**
   * Copies {@code state} into the parameters and buffers. Every entry of {@link #stateDict()} must
   * be present with its shape and dtype, and nothing else may be; otherwise a {@link
   * StateDictMismatchException} lists every mismatch at once and nothing is changed.
   */
  public final void loadStateDict(Map<String, Tensor> state) {
    loadStateDict(state, "the state", "the state");
  }

  @SuppressWarnings("try") // the scope only restores grad mode on close
  private void loadStateDict(Map<String, Tensor> state, String source, String noun) {
    Map<String, Tensor> own = stateDict();
    List<StateDictMismatch> mismatches = StateDictMismatch.between(own, state);
    if (!mismatches.isEmpty()) {
      throw new StateDictMismatchException(source, noun, mismatches);
    }
    try (GradMode.Scope scope = GradMode.noGrad()) {
      for (Map.Entry<String, Tensor> e : own.entrySet()) {
        e.getValue().copyInPlace(state.get(e.getKey()));
      }
    }
  }

  /**
   * Reads a safetensors file (as {@code safetensors.torch.save_file(model.state_dict(), path)}
   * writes it) into this module. A corrupt file is a {@link
   * dev.adjoint.runtime.io.CorruptSafetensorsException}; a file that does not fit the module is a
   * {@link StateDictMismatchException} listing every mismatch. Either way nothing is changed.
   */
  public final void loadSafetensors(Path file) throws IOException {
    loadStateDict(Safetensors.read(file), file.toString(), "the file");
  }

  /**
   * Writes {@link #stateDict()} to {@code file} in the safetensors format, atomically: a reader
   * sees the old file or the whole new one, never a torn one.
   */
  public final void saveSafetensors(Path file) throws IOException {
    Safetensors.write(file, stateDict());
  }

  /** Writes the state to {@code file} in the {@link StateFile} format. */
  public final void save(Path file) throws IOException {
    StateFile.write(file, stateDict());
  }

  /** Reads a state written by {@link #save} into this module. */
  public final void load(Path file) throws IOException {
    loadStateDict(StateFile.read(file), file.toString(), "the file");
  }
}
