"""PyTorch baseline for `./tinyreason bench`: the same Llama as dev.tinyreason.model, in torch.

Prints one JSON object per line on stdout.

  python bench/torch_baseline.py train  CONFIG BATCH SEQ WARMUP STEPS [--compile] [--bf16]
  python bench/torch_baseline.py sample CONFIG BATCH PROMPT NEW SECONDS
  python bench/torch_baseline.py matmul N REPEATS [--bf16]
  python bench/torch_baseline.py workload CHECKPOINT IDS_JSON SAMPLES MAX_NEW STOP_IDS
  python bench/torch_baseline.py workload_eager CHECKPOINT IDS_JSON SAMPLES LENGTHS_JSON

CONFIG is nano, tiny or small, with the shapes of ModelConfig's presets. The model is written
the way a PyTorch user would write it (nanoGPT style): fused QKV and gate/up projections,
RMSNorm, RoPE, grouped-query attention through F.scaled_dot_product_attention, tied
embeddings, AdamW. --bf16 runs the forward and the loss under
torch.autocast("cpu", dtype=torch.bfloat16): bf16 matmuls, float32 master weights. Sampling
is greedy with a preallocated KV cache under inference_mode,
warmed up for SECONDS and then timed over repeated runs for SECONDS.

workload loads a checkpoint with Hugging Face transformers and samples SAMPLES completions of
each prompt in IDS_JSON (a JSON list of token-id lists) with generate(do_sample=True,
temperature=1.0, num_return_sequences=SAMPLES), left-padded in one call, stopping at any of
STOP_IDS (comma-separated); it counts generated tokens up to and including each row's stop.
workload_eager runs the same rows through this file's own model in the checkpoint's shapes
(config.json; weights random, as only the speed is measured): all rows in one batch, sampled
at temperature 1 with a preallocated KV cache, each row counted up to the length it reached in
our run (LENGTHS_JSON, one per row), the loop running until the longest is done, as a plain
PyTorch sampling loop does.
"""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIGS = {  # vocab, hidden, layers, heads, kv_heads, head_dim, intermediate, max_positions
    "nano": (2048, 128, 3, 4, 2, 32, 384, 512),
    "tiny": (2048, 256, 4, 4, 2, 64, 640, 1024),
    "small": (2048, 384, 8, 6, 2, 64, 1024, 1024),
}


class RMSNorm(nn.Module):
    def __init__(self, d, eps=1e-5):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_tables(positions, head_dim, theta=10000.0):
    inv = 1.0 / theta ** (torch.arange(0, head_dim, 2).float() / head_dim)
    ang = torch.arange(positions).float()[:, None] * inv[None, :]
    ang = torch.cat([ang, ang], dim=-1)
    return ang.cos(), ang.sin()


def rope(x, cos, sin):  # x (B, H, T, hd); cos/sin (T, hd)
    x1, x2 = x.chunk(2, dim=-1)
    return x * cos + torch.cat([-x2, x1], dim=-1) * sin


class Block(nn.Module):
    def __init__(self, d, h, kv, hd, f):
        super().__init__()
        self.h, self.kv, self.hd = h, kv, hd
        self.norm1 = RMSNorm(d)
        self.qkv = nn.Linear(d, (h + 2 * kv) * hd, bias=False)
        self.o = nn.Linear(h * hd, d, bias=False)
        self.norm2 = RMSNorm(d)
        self.gate_up = nn.Linear(d, 2 * f, bias=False)
        self.down = nn.Linear(f, d, bias=False)

    def forward(self, x, cos, sin, cache=None, pos=0):
        b, t, _ = x.shape
        q, k, v = self.qkv(self.norm1(x)).view(b, t, self.h + 2 * self.kv, self.hd) \
            .split([self.h, self.kv, self.kv], dim=2)
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
        q, k = rope(q, cos, sin), rope(k, cos, sin)
        if cache is not None:
            cache[0][:, :, pos:pos + t] = k
            cache[1][:, :, pos:pos + t] = v
            k, v = cache[0][:, :, :pos + t], cache[1][:, :, :pos + t]
        y = F.scaled_dot_product_attention(q, k, v, is_causal=t > 1, enable_gqa=True)
        x = x + self.o(y.transpose(1, 2).reshape(b, t, self.h * self.hd))
        g, u = self.gate_up(self.norm2(x)).chunk(2, dim=-1)
        return x + self.down(F.silu(g) * u)


class Llama(nn.Module):
    def __init__(self, name, shapes=None):
        super().__init__()
        v, d, layers, h, kv, hd, f, maxpos = shapes or CONFIGS[name]
        self.embed = nn.Embedding(v, d)
        self.blocks = nn.ModuleList(Block(d, h, kv, hd, f) for _ in range(layers))
        self.norm = RMSNorm(d)
        cos, sin = rope_tables(maxpos, hd)
        self.register_buffer("cos", cos, persistent=False)
        self.register_buffer("sin", sin, persistent=False)
        for p in self.parameters():
            if p.dim() == 2:
                nn.init.normal_(p, std=0.02)

    def forward(self, ids, caches=None, pos=0):
        t = ids.shape[1]
        cos, sin = self.cos[pos:pos + t], self.sin[pos:pos + t]
        x = self.embed(ids)
        for i, blk in enumerate(self.blocks):
            x = blk(x, cos, sin, None if caches is None else caches[i], pos)
        return F.linear(self.norm(x), self.embed.weight)


def flops_per_token(name, seq):
    v, d, layers, h, kv, hd, f, _ = CONFIGS[name]
    matmul = layers * (d * (h + 2 * kv) * hd + h * hd * d + 3 * d * f) + v * d
    return 3 * (2 * matmul + layers * 4 * h * hd * seq)


def train(name, batch, seq, warmup, steps, compile_, bf16=False):
    torch.manual_seed(0)
    model = Llama(name)
    decay = [p for n, p in model.named_parameters() if p.dim() == 2 and "embed" not in n]
    rest = [p for n, p in model.named_parameters() if not (p.dim() == 2 and "embed" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                             {"params": rest, "weight_decay": 0.0}], lr=1e-3, betas=(0.9, 0.95))
    fwd = torch.compile(model) if compile_ else model
    data = torch.randint(3, CONFIGS[name][0], (batch, seq + 1))

    def step():
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            logits = fwd(data[:, :-1])
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(),
                                   data[:, 1:].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        return loss

    t0 = time.perf_counter()
    for _ in range(warmup):
        step()
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(steps):
        step().item()
    dt = time.perf_counter() - t0
    tps = batch * seq * steps / dt
    print(json.dumps({"bench": "train", "config": name, "impl": "torch_compile" if compile_
                      else "torch_eager", "precision": "bf16" if bf16 else "fp32",
                      "batch": batch, "seq": seq, "steps": steps,
                      "tokens_per_s": tps, "gflops": tps * flops_per_token(name, seq) / 1e9,
                      "warmup_s": warm, "threads": torch.get_num_threads()}), flush=True)


def sample(name, batch, prompt, new, warmup):
    torch.manual_seed(0)
    model = Llama(name).eval()
    v, d, layers, h, kv, hd, f, _ = CONFIGS[name]
    ids = torch.randint(3, v, (batch, prompt))

    def run(n):
        caches = [(torch.zeros(batch, kv, prompt + n, hd), torch.zeros(batch, kv, prompt + n, hd))
                  for _ in range(layers)]
        logits = model(ids, caches, 0)[:, -1]
        for i in range(n):
            tok = logits.argmax(-1, keepdim=True)
            if i == n - 1:
                break
            logits = model(tok, caches, prompt + i)[:, -1]

    with torch.inference_mode():
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < warmup:
            run(new)
        t0 = time.perf_counter()
        runs = 0
        while runs == 0 or time.perf_counter() - t0 < warmup:  # measure as long as warm-up
            run(new)
            runs += 1
        dt = time.perf_counter() - t0
    print(json.dumps({"bench": "sample", "config": name, "impl": "torch_eager", "batch": batch,
                      "prompt": prompt, "new_tokens": new,
                      "tokens_per_s": batch * new * runs / dt,
                      "threads": torch.get_num_threads()}), flush=True)


def matmul(n, repeats, bf16=False):
    a, b = torch.randn(n, n), torch.randn(n, n)

    def mm():  # bf16: float32 in and out, as the Java side's kernel (casts included)
        return (a.bfloat16() @ b.bfloat16()).float() if bf16 else a @ b

    for _ in range(3):
        mm()
    best = 0.0
    for _ in range(5):  # the best of five rounds: the ceiling, not the average
        t0 = time.perf_counter()
        for _ in range(repeats):
            mm()
        best = max(best, 2 * n ** 3 * repeats / (time.perf_counter() - t0) / 1e9)
    print(json.dumps({"bench": "matmul", "impl": "torch", "precision": "bf16" if bf16 else "fp32",
                      "n": n, "gflops": best}), flush=True)


def left_padded(prompts):
    """Token-id lists padded on the left with 0: (ids, attention mask, width)."""
    width = max(len(p) for p in prompts)
    ids = torch.tensor([[0] * (width - len(p)) + p for p in prompts])
    mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts])
    return ids, mask, width


def workload(checkpoint, ids_file, samples, max_new, stops):
    from transformers import LlamaForCausalLM
    stop_ids = [int(s) for s in stops.split(",")]
    prompts = json.load(open(ids_file))
    model = LlamaForCausalLM.from_pretrained(checkpoint, torch_dtype=torch.float32).eval()
    ids, mask, width = left_padded(prompts)

    def run(rows):
        torch.manual_seed(0)
        out = model.generate(input_ids=ids[:rows], attention_mask=mask[:rows], do_sample=True,
                             temperature=1.0, top_k=0, top_p=1.0, max_new_tokens=max_new,
                             num_return_sequences=samples, eos_token_id=stop_ids,
                             pad_token_id=0)
        generated = 0
        for row in out[:, width:].tolist():
            n = len(row)
            for i, t in enumerate(row):
                if t in stop_ids:
                    n = i + 1
                    break
            generated += n
        return generated

    with torch.inference_mode():
        run(4)  # warm-up
        t0 = time.perf_counter()
        generated = run(len(prompts))
        dt = time.perf_counter() - t0
    print(json.dumps({"bench": "workload", "impl": "hf_generate", "prompts": len(prompts),
                      "samples": samples, "generated_tokens": generated,
                      "tokens_per_s": generated / dt, "threads": torch.get_num_threads()}),
          flush=True)


def workload_eager(checkpoint, ids_file, samples, lengths_file):
    cfg = json.load(open(checkpoint + "/config.json"))
    shapes = (cfg["vocab_size"], cfg["hidden_size"], cfg["num_hidden_layers"],
              cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"],
              cfg["intermediate_size"], cfg["max_position_embeddings"])
    torch.manual_seed(0)
    model = Llama(None, shapes).eval()
    _, _, layers, _, kv, hd, _, _ = shapes
    prompts = [p for p in json.load(open(ids_file)) for _ in range(samples)]
    lengths = json.load(open(lengths_file))
    ids, _, width = left_padded(prompts)
    longest = max(lengths)

    def run(rows, n):
        caches = [(torch.zeros(rows, kv, width + n, hd), torch.zeros(rows, kv, width + n, hd))
                  for _ in range(layers)]
        logits = model(ids[:rows], caches, 0)[:, -1]
        for i in range(n - 1):
            tok = torch.multinomial(torch.softmax(logits, -1), 1)
            logits = model(tok, caches, width + i)[:, -1]

    with torch.inference_mode():
        run(8, 16)  # warm-up
        t0 = time.perf_counter()
        run(len(prompts), longest)
        dt = time.perf_counter() - t0
    print(json.dumps({"bench": "workload", "impl": "torch_eager", "rows": len(prompts),
                      "generated_tokens": sum(lengths), "tokens_per_s": sum(lengths) / dt,
                      "threads": torch.get_num_threads()}), flush=True)


def main(argv):
    cmd = argv[0]
    if cmd == "train":
        train(argv[1], int(argv[2]), int(argv[3]), int(argv[4]), int(argv[5]),
              "--compile" in argv, "--bf16" in argv)
    elif cmd == "sample":
        sample(argv[1], int(argv[2]), int(argv[3]), int(argv[4]), float(argv[5]))
    elif cmd == "workload":
        workload(argv[1], argv[2], int(argv[3]), int(argv[4]), argv[5])
    elif cmd == "workload_eager":
        workload_eager(argv[1], argv[2], int(argv[3]), argv[4])
    elif cmd == "matmul":
        matmul(int(argv[1]), int(argv[2]), "--bf16" in argv)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
