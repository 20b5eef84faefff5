#!/usr/bin/env python3
"""PyTorch's side of the GPU benchmarks (bench/.../gpu/GpuBenchmarks.java times Adjoint's).

The same workloads on the same GPU: the MLP training step 784 -> 4096 -> 4096 -> 10 (ReLU,
softmax cross-entropy, SGD lr 0.01) at batch 64 and 4096, and R4's 5000-epoch temperature loop,
in eager mode and under torch.compile. Each is warmed up, then timed in five repeats of a block of
steps between two torch.cuda.synchronize() calls; the median is written as
"workload engine milliseconds-per-step" lines to the file given. Float32 matmuls in full precision
(no TF32), as Adjoint's cuBLAS calls.
"""
import statistics
import sys
import time

import torch

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
dev = torch.device("cuda")


def millis_per_step(step, warmup, steps):
    for _ in range(warmup):
        step()
    torch.cuda.synchronize()
    repeats = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        torch.cuda.synchronize()
        repeats.append((time.perf_counter() - t0) * 1e3 / steps)
    return statistics.median(repeats)


def mlp_step(batch, compiled):
    torch.manual_seed(42)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 4096), torch.nn.ReLU(),
        torch.nn.Linear(4096, 4096), torch.nn.ReLU(),
        torch.nn.Linear(4096, 10)).to(dev)
    x = torch.randn(batch, 784, device=dev)
    y = torch.randint(0, 10, (batch,), device=dev)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.functional.cross_entropy

    def forward_backward():
        loss = loss_fn(model(x), y)
        loss.backward()
        return loss

    fb = torch.compile(forward_backward) if compiled else forward_backward

    def step():
        opt.zero_grad(set_to_none=True)
        fb()
        opt.step()

    return step


def temperature_loop(compiled):
    tc = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0], device=dev)
    tu = 0.1 * torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4],
                            device=dev)

    def loss_of(w, b):
        return ((tu * w + b - tc) ** 2).mean()

    loss_fn = torch.compile(loss_of) if compiled else loss_of

    def run():
        w = torch.ones((), device=dev, requires_grad=True)
        b = torch.zeros((), device=dev, requires_grad=True)
        for _ in range(5000):
            loss = loss_fn(w, b)
            loss.backward()
            with torch.no_grad():
                w -= 1e-2 * w.grad
                b -= 1e-2 * b.grad
            w.grad = None
            b.grad = None

    return run


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "torch-gpu-bench.tsv"
    print("GPU:", torch.cuda.get_device_name(0), "torch", torch.__version__, flush=True)
    with open(out, "w") as f:
        def record(workload, engine, make, warmup, steps):
            try:
                ms = millis_per_step(make(), warmup, steps)
                line = f"{workload}\t{engine}\t{ms:.4f}"
            except Exception as e:  # torch.compile may fail on a machine: say so, go on
                line = f"{workload}\t{engine}\tfailed: {type(e).__name__}: {e}".replace("\n", " ")
            print(line, flush=True)
            f.write(line + "\n")
            f.flush()

        for compiled, engine in ((False, "torch_eager"), (True, "torch_compile")):
            record("mlp_b64", engine, lambda: mlp_step(64, compiled), 20, 100)
            record("mlp_b4096", engine, lambda: mlp_step(4096, compiled), 5, 20)
            record("r4_5000_epochs", engine, lambda: temperature_loop(compiled), 1, 1)


if __name__ == "__main__":
    main()
