package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.nn.Activation;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.nn.Sequential;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a GPU (no driver here): CUDA says it is unavailable and why, asking for a CUDA tensor or
 * model is a clear error that says what to do, and everything on the CPU keeps working.
 */
class CudaUnavailableTest {
  @BeforeAll
  static void onlyWithoutAGpu() {
    Assumptions.assumeFalse(Cuda.isAvailable(), "a GPU is available here");
  }

  @Test
  void theReasonSaysWhatWasLookedForAndWhere() {
    String reason = Cuda.unavailableReason();
    assertTrue(reason.startsWith("the CUDA driver not found: looked for libcuda.so.1"), reason);
    assertTrue(reason.contains("/usr/local/cuda/lib64"), reason);
    assertTrue(reason.endsWith("(is the NVIDIA driver installed?)"), reason);
    assertEquals(0, Cuda.deviceCount());
  }

  @Test
  void askingForACudaTensorIsAClearError() {
    Tensor x = Tensor.ones(3);
    CudaUnavailableException e = assertThrows(CudaUnavailableException.class, x::cuda);
    assertTrue(e.getMessage().startsWith("cuda:0: CUDA is not available here: "), e.getMessage());
    assertTrue(e.getMessage().contains(Cuda.unavailableReason()), e.getMessage());
    assertTrue(e.getMessage().contains("Cuda.isAvailable()"), e.getMessage());
    assertThrows(
        CudaUnavailableException.class, () -> Tensor.zeros(Device.cuda(), DType.FLOAT32, 2, 2));
    assertThrows(CudaUnavailableException.class, Cuda::memoryStats);
    assertInstanceOf(IllegalStateException.class, e);
  }

  @Test
  void aModelThatCannotMoveStaysOnTheCpuAndTrains() {
    Generator gen = new Generator(5);
    Sequential model =
        new Sequential(new Linear(4, 8, gen), Activation.relu(), new Linear(8, 2, gen));
    assertThrows(CudaUnavailableException.class, () -> model.to(Device.cuda()));
    for (Tensor p : model.parameters()) {
      assertEquals(Device.cpu(), p.device());
    }
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 16, 4);
    Tensor target = Tensor.ofLongs(0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0);
    Sgd sgd = new Sgd(model.parameters(), 0.1);
    double first = Losses.crossEntropy(model.forward(x), target).item();
    double last = first;
    for (int i = 0; i < 20; i++) {
      model.zeroGrad();
      Tensor loss = Losses.crossEntropy(model.forward(x), target);
      loss.backward();
      sgd.step();
      last = loss.item();
    }
    assertTrue(last < first, first + " → " + last);
  }

  @TempDir Path dir;

  @Test
  void aDriverFileThatDoesNotLoadIsNamedInTheReason() throws IOException {
    Path fake = dir.resolve("cuda/lib64/libcuda.so.1");
    Files.createDirectories(fake.getParent());
    Files.writeString(fake, "not a library");
    Cuda.Probe probe =
        Cuda.probe(
            new LibrarySearch(
                Map.of("CUDA_HOME", dir.resolve("cuda").toString()), List.of(), false));
    Cuda.Unavailable u = assertInstanceOf(Cuda.Unavailable.class, probe);
    assertTrue(u.reason().contains("found but could not load: " + fake), u.reason());
  }

  @Test
  void cudaCanBeSwitchedOff() {
    System.setProperty("adjoint.cuda.disabled", "true");
    try {
      Cuda.Unavailable u =
          assertInstanceOf(Cuda.Unavailable.class, Cuda.probe(LibrarySearch.standard()));
      assertEquals("CUDA is switched off with -Dadjoint.cuda.disabled=true", u.reason());
    } finally {
      System.clearProperty("adjoint.cuda.disabled");
    }
  }
}
