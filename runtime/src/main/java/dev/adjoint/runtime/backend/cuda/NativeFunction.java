package dev.adjoint.runtime.backend.cuda;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.stream.Collectors;

/**
 * One C function of a CUDA library as Java calls it: its exported name and its signature in FFM
 * layouts. {@link #signature()} writes the signature as kinds and sizes ({@code i4(p8,i8)}: a
 * 4-byte integer result, a pointer and an 8-byte integer argument), which {@code
 * NativeSignatureTest} compares with the CUDA headers' prototypes.
 */
record NativeFunction(String name, FunctionDescriptor descriptor) {
  static NativeFunction of(String name, MemoryLayout result, MemoryLayout... arguments) {
    return new NativeFunction(name, FunctionDescriptor.of(result, arguments));
  }

  /** A handle to this function in {@code library}, or an error naming the library and function. */
  MethodHandle bind(SymbolLookup library, String libraryName) {
    return Linker.nativeLinker()
        .downcallHandle(
            library
                .find(name)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            libraryName
                                + " has no function "
                                + name
                                + ": the library is older than this backend needs (CUDA 12 or"
                                + " later)")),
            descriptor);
  }

  /** Kinds and sizes of the result and the arguments: {@code i4(p8,i8)}. */
  String signature() {
    String result = descriptor.returnLayout().map(NativeFunction::kind).orElse("v0");
    return result
        + descriptor.argumentLayouts().stream()
            .map(NativeFunction::kind)
            .collect(Collectors.joining(",", "(", ")"));
  }

  private static String kind(MemoryLayout layout) {
    String k =
        switch (layout) {
          case ValueLayout.OfFloat f -> "f";
          case ValueLayout.OfDouble d -> "f";
          case java.lang.foreign.AddressLayout a -> "p";
          default -> "i";
        };
    return k + layout.byteSize();
  }
}
