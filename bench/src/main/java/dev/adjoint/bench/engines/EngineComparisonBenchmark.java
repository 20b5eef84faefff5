package dev.adjoint.bench.engines;

import dev.adjoint.bench.rosenbrock.RosenbrockGrad;
import dev.adjoint.bench.torch.TorchMlpStep;
import dev.adjoint.bench.torch.TorchRosenbrock;
import dev.adjoint.bench.torch.TorchSeedLayer;
import dev.adjoint.bench.torch.TorchTemperature;
import dev.adjoint.bench.torch.TorchThreads;
import dev.adjoint.examples.generated.OneLayerNetworkGrad;
import dev.adjoint.examples.tensors.TensorModels;
import dev.adjoint.examples.tensors.TensorModelsGrad;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine comparison: the same workloads on the generated adjoint, Adjoint's dynamic tape and
 * libtorch (CPU, at its best setting here: 1 torch thread, 2 OpenBLAS threads), in one run. Names
 * are {@code workload_engine}. The generated MLP step needs tensor code in @Differentiable methods,
 * which the processor does not handle yet.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "--add-modules=jdk.incubator.vector",
      "-Dorg.bytedeco.javacpp.nopointergc=true",
      "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"
    })
public class EngineComparisonBenchmark {
  static final float[] T_C = {
    0.5f, 14.0f, 15.0f, 28.0f, 11.0f, 8.0f, 3.0f, -4.0f, 6.0f, 13.0f, 21.0f
  };
  static final float[] T_U = {
    35.7f, 55.9f, 58.2f, 81.9f, 56.3f, 48.9f, 33.9f, 21.8f, 48.4f, 60.4f, 68.4f
  };

  /** Inputs for the generated engine and the tape. */
  @State(Scope.Thread)
  public static class Java {
    double[] x;
    double[] gradX;
    float[] tun;
    double[] ones;
    double[] weights;
    double[] bias;
    double[] zeros;
    double[] gradW;
    double[] gradB;
    Tensor xTensor;
    Tensor tunTensor;
    Tensor tcTensor;
    Tensor onesTensor;
    Tensor wTensor;
    Tensor bTensor;
    Tensor zerosTensor;
    TapeWorkloads.MlpStep mlp;
    GeneratedWorkloads.MlpStep generatedMlp;

    @Setup(Level.Trial)
    public void setUp() {
      Random random = new Random(42);
      x = new double[1000];
      for (int i = 0; i < x.length; i++) {
        x[i] = 2 * random.nextDouble() - 1;
      }
      gradX = new double[x.length];
      tun = new float[T_U.length];
      double[] tunDouble = new double[T_U.length];
      double[] tc = new double[T_C.length];
      for (int i = 0; i < tun.length; i++) {
        tun[i] = 0.1f * T_U[i];
        tunDouble[i] = tun[i];
        tc[i] = T_C[i];
      }
      ones = new double[5];
      Arrays.fill(ones, 1);
      zeros = new double[3];
      Generator gen = new Generator(42);
      weights = Tensor.randn(gen, DType.FLOAT64, 15).toArray();
      bias = Tensor.randn(gen, DType.FLOAT64, 3).toArray();
      gradW = new double[15];
      gradB = new double[3];
      xTensor = Tensor.of(x).to(DType.FLOAT64).requiresGrad(true);
      tunTensor = Tensor.of(tunDouble);
      tcTensor = Tensor.of(tc);
      onesTensor = Tensor.ones(5);
      wTensor = Tensor.of(weights).reshape(5, 3).contiguous().requiresGrad(true);
      bTensor = Tensor.of(bias).requiresGrad(true);
      zerosTensor = Tensor.zeros(3);
      mlp = new TapeWorkloads.MlpStep(42);
      generatedMlp = new GeneratedWorkloads.MlpStep(42);
    }
  }

  /** libtorch's workloads at its best thread setting. */
  @State(Scope.Thread)
  public static class Torch {
    TorchMlpStep mlp;
    TorchTemperature temperature;
    TorchSeedLayer seedLayer;
    TorchRosenbrock rosenbrock;

    @Setup(Level.Trial)
    public void setUp() {
      TorchThreads.of("1+2").apply();
      mlp = new TorchMlpStep(42);
      temperature = new TorchTemperature();
      seedLayer = new TorchSeedLayer(42);
      rosenbrock = new TorchRosenbrock(42);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      mlp.close();
      temperature.close();
      seedLayer.close();
      rosenbrock.close();
    }
  }

  @Benchmark
  public double rosenbrock_generated(Java s) {
    Arrays.fill(s.gradX, 0);
    return RosenbrockGrad.value(s.x, 1.0, s.gradX);
  }

  @Benchmark
  public Tensor rosenbrock_tape(Java s) {
    return TapeWorkloads.rosenbrock(s.xTensor);
  }

  @Benchmark
  public double rosenbrock_libtorch(Torch t) {
    return t.rosenbrock.gradient();
  }

  @Benchmark
  public float temperature_generated(Java s) {
    return GeneratedWorkloads.trainTemperature(s.tun, T_C, 5000);
  }

  @Benchmark
  public double temperature_tape(Java s) {
    return TapeWorkloads.trainTemperature(s.tunTensor, s.tcTensor, 5000);
  }

  @Benchmark
  public float[] temperature_libtorch(Torch t) {
    return t.temperature.train(TorchTemperature.EPOCHS);
  }

  @Benchmark
  public double seedLayer_generated(Java s) {
    Arrays.fill(s.gradW, 0);
    Arrays.fill(s.gradB, 0);
    return OneLayerNetworkGrad.loss(s.ones, s.weights, s.bias, s.zeros, 1.0, s.gradW, s.gradB);
  }

  @Benchmark
  public Tensor seedLayer_tape(Java s) {
    return TapeWorkloads.seedLayer(s.onesTensor, s.wTensor, s.bTensor, s.zerosTensor);
  }

  @Benchmark
  public float seedLayer_libtorch(Torch t) {
    return t.seedLayer.forwardBackward();
  }

  /** R3 written with tensors ({@code TensorModels.seedLayer}), through its generated adjoint. */
  @Benchmark
  public Tensor seedLayerTensors_generated(Java s) {
    s.wTensor.zeroGrad();
    s.bTensor.zeroGrad();
    return TensorModelsGrad.seedLayerBackward(s.onesTensor, s.wTensor, s.bTensor, s.zerosTensor);
  }

  /** The same method on the dynamic tape. */
  @Benchmark
  public Tensor seedLayerTensors_tape(Java s) {
    s.wTensor.zeroGrad();
    s.bTensor.zeroGrad();
    Tensor loss = TensorModels.seedLayer(s.onesTensor, s.wTensor, s.bTensor, s.zerosTensor);
    loss.backward();
    return loss;
  }

  @Benchmark
  public double mlpStep_generated(Java s) {
    return s.generatedMlp.step();
  }

  @Benchmark
  public double mlpStep_tape(Java s) {
    return s.mlp.step();
  }

  @Benchmark
  public float mlpStep_libtorch(Torch t) {
    return t.mlp.step();
  }
}
