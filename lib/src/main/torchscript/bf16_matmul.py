"""Writes lib/src/main/resources/dev/tinyreason/tensor/bf16_matmul.pt, the one bf16 kernel.

DJL 0.35.1's PyTorch JNI maps no bfloat16 dtype (its GetScalarTypeFromDType has no case for
it and aborts the JVM), so Java cannot create or cast a bf16 tensor. A TorchScript module can:
its code runs inside libtorch, and only float32 tensors cross the JNI. This module is the whole
of tinyreason's mixed precision (dev.tinyreason.tensor.Autocast): a matmul whose inputs are
rounded to bf16, multiplied on the CPU's bf16 units, and returned as float32. Autograd runs
through it, so gradients reach the float32 master weights in float32.

Regenerate (only if you change the kernel) with the test virtualenv's torch:
    .venv/bin/python lib/src/main/torchscript/bf16_matmul.py
The archive is TorchScript format 3, which DJL's libtorch 2.7.1 loads (AutocastTest checks).
"""
import pathlib

import torch


class Bf16MatMul(torch.nn.Module):
    def forward(self, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return torch.matmul(a.to(torch.bfloat16), b.to(torch.bfloat16)).to(torch.float32)


if __name__ == "__main__":
    out = (pathlib.Path(__file__).resolve().parents[1]
           / "resources/dev/tinyreason/tensor/bf16_matmul.pt")
    torch.jit.script(Bf16MatMul()).save(str(out))
    print(f"wrote {out} ({out.stat().st_size} bytes)")
