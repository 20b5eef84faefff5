#!/usr/bin/env python3
"""The device check's summary: test counts from the JUnit console log and the benchmark ratios
(Adjoint's milliseconds per step over PyTorch eager's; torch.compile's beside)."""
import os
import re
import sys

out, suite = sys.argv[1], sys.argv[2]


def read(name):
    path = os.path.join(out, name)
    return open(path).read() if os.path.exists(path) else ""


log = re.sub(r"\x1b\[[0-9;]*m", "", read("gpu-suite.log"))
print(f"gpu suite: exit code {suite}")
for key in ("tests successful", "tests failed", "tests aborted", "tests skipped"):
    m = re.search(r"\[\s*(\d+) " + key, log)
    if m:
        print(f"  {key}: {m.group(1)}")
for line in log.splitlines():
    if "skipped: no CUDA driver" in line:
        print("  (" + line.strip() + ")")
        break


def table(name):
    rows = {}
    for line in read(name).splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            try:
                rows[(parts[0], parts[1])] = float(parts[2])
            except ValueError:
                rows[(parts[0], parts[1])] = None
    return rows


ours, torch = table("adjoint-bench.tsv"), table("torch-bench.tsv")
if not ours:
    print("benchmarks: none ran (see bench.log)")
for workload in ("mlp_b64", "mlp_b4096", "r4_5000_epochs"):
    eager = torch.get((workload, "torch_eager"))
    compiled = torch.get((workload, "torch_compile"))
    for engine in ("tape", "generated"):
        ms = ours.get((workload, engine))
        if ms is None:
            continue
        ratio = f"{ms / eager:.2f}x eager" if eager else "no eager figure"
        comp = f", torch.compile {compiled:.3f} ms" if compiled else ""
        print(f"{workload:16s} {engine:9s} {ms:9.3f} ms/step  torch eager "
              f"{eager if eager else float('nan'):.3f} ms  ({ratio}){comp}")
