"""REFERENCE R6 on torchvision's own resnet18, the second reference of ResNetTorchvisionTest.

Writes two safetensors files into the directory given as the first argument:

  inputs.safetensors     torchvision's resnet18 state_dict (seeded initialisation) and the
                         tensors data = rand(N, 3, 64, 64) and labels = rand(N, 1000)
  reference.safetensors  after one step of loss = (model(data) - labels).sum(); loss.backward();
                         SGD(lr=1e-2, momentum=0.9).step(): "loss", "grad.<name>" for each
                         parameter, and "after.<name>" for every state_dict entry

in float64 (and batch N given as the second argument, default 1). Uses only torch, torchvision
and json (the safetensors package is not installed here), with /usr/bin/python3 (torch 1.13):

    /usr/bin/python3 examples/src/test/python/torchvision_r6_reference.py /tmp/r6 4
"""
import json
import struct
import sys
from pathlib import Path

import torch
import torchvision

CODES = {torch.float64: "F64", torch.float32: "F32", torch.int64: "I64"}


def save_file(tensors, path):
    header, data = {}, bytearray()
    for name, t in tensors.items():
        raw = t.detach().contiguous().numpy().tobytes()
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(text)) + text + bytes(data))


def main(out, batch):
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None).double()
    model.train()
    data = torch.rand(batch, 3, 64, 64, dtype=torch.float64)
    labels = torch.rand(batch, 1000, dtype=torch.float64)
    inputs = {k: v.clone() for k, v in model.state_dict().items()}
    inputs.update({"data": data, "labels": labels})
    save_file(inputs, out / "inputs.safetensors")

    loss = (model(data) - labels).sum()
    loss.backward()
    torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9).step()
    print(loss)
    reference = {"loss": loss.detach().reshape(())}
    reference.update({"grad." + n: p.grad for n, p in model.named_parameters()})
    reference.update({"after." + n: t for n, t in model.state_dict().items()})
    save_file(reference, out / "reference.safetensors")


if __name__ == "__main__":
    directory = Path(sys.argv[1])
    directory.mkdir(parents=True, exist_ok=True)
    main(directory, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
