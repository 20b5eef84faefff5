package dev.adjoint.runtime.tensor;

import java.util.Locale;

/**
 * Where a tensor's elements live: the host's memory ({@link #cpu()}) or the memory of the n-th CUDA
 * GPU ({@link #cuda(int)}). Operations run on their operands' device; operands on two devices are
 * an error (a zero-dimensional CPU tensor, such as a Java number used as an operand, goes with any
 * device, as in PyTorch). Printed as PyTorch prints it: {@code cpu}, {@code cuda:0}.
 */
public record Device(Type type, int index) {
  private static final Device CPU = new Device(Type.CPU, 0);

  /** The kinds of device. */
  public enum Type {
    CPU,
    CUDA
  }

  public Device {
    java.util.Objects.requireNonNull(type, "type");
    if (index < 0 || (type == Type.CPU && index != 0)) {
      throw new IllegalArgumentException("no device " + type + " " + index);
    }
  }

  /** The host. */
  public static Device cpu() {
    return CPU;
  }

  /** The first CUDA GPU. */
  public static Device cuda() {
    return cuda(0);
  }

  /** The {@code index}-th CUDA GPU (numbered from 0, in the driver's order). */
  public static Device cuda(int index) {
    return new Device(Type.CUDA, index);
  }

  /**
   * The device named {@code name} as PyTorch writes it: {@code cpu}, {@code cuda} (the first GPU),
   * {@code cuda:1}.
   */
  public static Device parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("cpu")) {
      return CPU;
    }
    if (n.equals("cuda")) {
      return cuda(0);
    }
    if (n.startsWith("cuda:")) {
      try {
        return cuda(Integer.parseInt(n.substring(5)));
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    throw new IllegalArgumentException(
        "unknown device '" + name + "': expected cpu, cuda or cuda:N (N = 0, 1, ...)");
  }

  public boolean isCuda() {
    return type == Type.CUDA;
  }

  public boolean isCpu() {
    return type == Type.CPU;
  }

  @Override
  public String toString() {
    return type == Type.CPU ? "cpu" : "cuda:" + index;
  }
}
