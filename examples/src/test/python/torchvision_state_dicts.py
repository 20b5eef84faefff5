"""Writes the state-dict layout of torchvision's resnet18 and resnet34, the test resources that
ResNetLayoutTest compares our ResNet with: one line per entry, in state_dict() order,

    <name> <dtype> <shape, comma-separated; empty for a scalar> <parameter|buffer>

Run from the repository root with /usr/bin/python3 (torch 1.13, torchvision 0.14):

    /usr/bin/python3 examples/src/test/python/torchvision_state_dicts.py
"""
from pathlib import Path

import torch
import torchvision

OUT = Path("examples/src/test/resources/dev/adjoint/examples/vision")

for name in ("resnet18", "resnet34"):
    model = getattr(torchvision.models, name)(weights=None)
    parameters = {n for n, _ in model.named_parameters()}
    lines = [
        f"{key} {str(t.dtype).removeprefix('torch.')} {','.join(map(str, t.shape))} "
        f"{'parameter' if key in parameters else 'buffer'}"
        for key, t in model.state_dict().items()
    ]
    path = OUT / f"{name}_state_dict.txt"
    path.write_text("\n".join(lines) + "\n")
    print(f"{path}: {len(lines)} entries, {len(parameters)} parameters, "
          f"torchvision {torchvision.__version__}")
