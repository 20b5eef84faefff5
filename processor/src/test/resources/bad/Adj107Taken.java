import dev.adjoint.annotations.Differentiable;

class Adj107Taken { // expect: [ADJ107] the gradients of Adj107Taken go to a generated class Adj107TakenGrad, but a class of yours has that name; rename it
  @Differentiable
  static double square(double x) {
    return x * x;
  }
}

class Adj107TakenGrad {}
