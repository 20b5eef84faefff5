package com.example;

import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

public class Main {
  public static void main(String[] args) {
    // a generated adjoint: PhysicsGrad is written at build time from Physics.energy
    PhysicsGrad.EnergyGradient e = PhysicsGrad.energy(2.0, 1.5, -3.0, 40.0);
    System.out.printf(
        "E = %.4f, dE/dh = %.4f, dE/dv = %.4f, dE/dk = %.4f%n", e.value(), e.h(), e.v(), e.k());

    // the dynamic tape, PyTorch-style: fit y = x1 + x2 + x3 + x4 with one linear layer
    Generator generator = new Generator(0);
    Linear layer = new Linear(4, 1, generator);
    Sgd optimizer = new Sgd(layer.parameters(), 0.1);
    Tensor x = Tensor.randn(generator, DType.FLOAT32, 64, 4);
    Tensor y = x.sum(1).unsqueeze(1);
    for (int step = 1; step <= 200; step++) {
      optimizer.zeroGrad();
      Tensor loss = Losses.mse(layer.forward(x), y);
      loss.backward();
      optimizer.step();
      if (step % 50 == 0) {
        System.out.println("step " + step + ": loss " + loss);
      }
    }
  }
}
