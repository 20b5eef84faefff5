"""Writes torch_made.safetensors, the fixture SafetensorsTest reads back.

The file follows the safetensors format (an 8-byte little-endian header length, a JSON header with
"__metadata__" first, padded with spaces to a multiple of 8, then the little-endian data; entries
laid out by element size, then by name, much as safetensors.torch.save_file lays them out), written
with only torch and json, since the safetensors package is not installed here. Run from the repository root with
/usr/bin/python3 (torch 1.13):

    /usr/bin/python3 runtime/src/test/python/make_safetensors_fixture.py
"""
import json
import math
import struct
import sys
from pathlib import Path

import torch

CODES = {
    torch.float64: "F64",
    torch.float32: "F32",
    torch.float16: "F16",
    torch.bfloat16: "BF16",
    torch.int64: "I64",
    torch.bool: "BOOL",
}


def to_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: reinterpret the bits
        t = t.view(torch.int16)
    return t.numpy().tobytes()  # little-endian on this machine


def save_file(tensors, path, metadata=None):
    assert sys.byteorder == "little"
    order = sorted(tensors.items(), key=lambda kv: (-kv[1].element_size(), kv[0]))
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    data = bytearray()
    for name, t in order:
        raw = to_bytes(t)
        header[name] = {
            "dtype": CODES[t.dtype],
            "shape": list(t.shape),
            "data_offsets": [len(data), len(data) + len(raw)],
        }
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(text)) + text + bytes(data))


def fixture():
    return {
        # i / 4 - 1/2, exact in float32
        "conv.weight": torch.arange(24, dtype=torch.float32).reshape(2, 3, 2, 2) / 4 - 0.5,
        # round(i * 0.001) to float32, as Java's (float) (i * 0.001)
        "ramp": (torch.arange(1000, dtype=torch.float64) * 0.001).float(),
        "pi": torch.tensor(math.pi, dtype=torch.float64),
        "bn.num_batches_tracked": torch.tensor(7, dtype=torch.int64),
        "indices": torch.tensor([-3, 2**40 + 1, 0], dtype=torch.int64),
        "mask": torch.tensor([True, False, True, True]),
        "half": torch.tensor([0.5, -1.25, 65504.0, 2.0**-24, math.inf], dtype=torch.float16),
        "brain": torch.tensor([1.0, -3.140625, 2.0**100, -(2.0**-126)], dtype=torch.bfloat16),
        "empty": torch.zeros(0, 4),
    }


if __name__ == "__main__":
    out = Path("runtime/src/test/resources/dev/adjoint/runtime/io/torch_made.safetensors")
    save_file(fixture(), out, {"format": "pt", "made_by": "make_safetensors_fixture.py"})
    print(f"wrote {out} ({out.stat().st_size} bytes)")
