"""Two independent readers as the oracle for tinyreason's GGUF export (run by GgufPeerTest):

  python gguf_peer.py llama_cpp IN.json OUT.json      llama.cpp itself (llama-cpp-python)
  python gguf_peer.py transformers IN.json OUT.json   Hugging Face's GGUF loader (gguf-py reads
                                                      the file, dequantises Q8_0 and undoes the
                                                      Q/K reordering; PyTorch runs the model)

IN.json, written by the Java side:
  f32, q8_0        paths of the same checkpoint exported as F32 and as Q8_0
  logit_prompts    token-id lists; logits[i][t][v] are our logits for them (every position)
  greedy_prompts   token-id lists; greedy[i] is our fp32 greedy continuation of each
  max_new, stops   the continuation's length limit and its stop ids (included when hit)
  texts, text_ids  course text and our ids for it (special tokens parsed)
  chat             [{messages, add_generation_prompt, enable_thinking, text}]: our renderings

OUT.json: the measurements; the Java side holds the thresholds. Exit code 3 means the
backend's package is not installed (the Java side skips, naming the install command). The
transformers backend checks logits and greedy tokens only: the tokenizer and the stop ids are
llama.cpp's to read.
"""
import json
import sys

import numpy as np

BACKEND = sys.argv[1] if len(sys.argv) > 1 else None
try:
    if BACKEND == "llama_cpp":
        import llama_cpp
    elif BACKEND == "transformers":
        import gguf  # noqa: F401  (transformers needs it to read GGUF)
        import torch
        from transformers import AutoModelForCausalLM
    else:
        sys.exit(__doc__)
except ImportError as e:
    print(f"missing Python package: {e.name}", file=sys.stderr)
    sys.exit(3)


class LlamaCppRunner:
    """The GGUF file loaded by llama.cpp."""

    def __init__(self, path):
        # the KV cache in F32 (type 0): llama.cpp's default F16 cache rounds keys and values to
        # 11 bits, which alone moves the logits by ~1e-2, ten times the F32 tolerance
        self.llm = llama_cpp.Llama(model_path=path, n_ctx=512, n_batch=512, logits_all=True,
                                   n_threads=2, type_k=0, type_v=0, verbose=False)

    def logits(self, ids):
        self.llm.reset()
        self.llm.eval(ids)
        return np.array(self.llm.scores[: len(ids)], dtype=np.float64)

    def greedy(self, ids, max_new, stops):
        self.llm.reset()
        self.llm.eval(ids)
        out = []
        while len(out) < max_new:
            tok = int(np.argmax(self.llm.scores[self.llm.n_tokens - 1]))  # ties: lowest id
            out.append(tok)
            if tok in stops:
                break
            self.llm.eval([tok])
        return out


class HfRunner:
    """The GGUF file loaded by transformers (gguf-py reads and dequantises it)."""

    def __init__(self, path):
        import os
        torch.set_num_threads(2)
        self.model = AutoModelForCausalLM.from_pretrained(
            os.path.dirname(path), gguf_file=os.path.basename(path), dtype=torch.float32).eval()

    def logits(self, ids):
        with torch.no_grad():
            return self.model(torch.tensor([ids])).logits[0].double().numpy()

    def greedy(self, ids, max_new, stops):  # argmax ties: lowest id, as ours
        x = torch.tensor([ids])
        with torch.no_grad():
            out = self.model.generate(x, attention_mask=torch.ones_like(x), do_sample=False,
                                      max_new_tokens=max_new, eos_token_id=sorted(stops),
                                      pad_token_id=0)
        return [int(t) for t in out[0, len(ids):]]


def compare(runner, job):
    """Worst logit difference over every position, and greedy continuations that match."""
    worst, where = 0.0, None
    for i, ids in enumerate(job["logit_prompts"]):
        d = np.abs(runner.logits(ids) - np.array(job["logits"][i], dtype=np.float64))
        if d.max() > worst:
            worst, where = float(d.max()), [i, int(d.argmax() // d.shape[1])]
    ours = job["greedy"]
    theirs = [runner.greedy(ids, job["max_new"], set(job["stops"]))
              for ids in job["greedy_prompts"]]
    same = [a == b for a, b in zip(theirs, ours)]
    first = next((i for i, s in enumerate(same) if not s), None)
    example = None if first is None else {"prompt": first, "ours": ours[first],
                                          "theirs": theirs[first]}
    return {"logit_max_abs_diff": worst, "worst_at": where, "greedy_identical": sum(same),
            "greedy_prompts": len(same), "first_greedy_difference": example}


def main(inp, out):
    with open(inp) as f:
        job = json.load(f)
    res = {}
    for kind in ("f32", "q8_0"):
        runner = LlamaCppRunner(job[kind]) if BACKEND == "llama_cpp" else HfRunner(job[kind])
        res[kind] = compare(runner, job)
        if kind == "f32" and BACKEND == "llama_cpp":
            res.update(llama_cpp_reading(runner.llm, job))
        del runner
    if BACKEND == "llama_cpp":
        res["llama_cpp_python"] = llama_cpp.__version__
    else:
        import transformers
        res["transformers"] = transformers.__version__
    with open(out, "w") as f:
        json.dump(res, f)


def llama_cpp_reading(llm, job):
    """What llama.cpp reads from the file besides weights: stop ids, tokenizer, template."""
    res = {}
    vocab = llm._model.vocab
    res["eog_ids"] = [i for i in range(llm.n_vocab()) if llama_cpp.llama_vocab_is_eog(vocab, i)]
    res["bos"], res["eos"] = llm.token_bos(), llm.token_eos()
    mismatches = []
    for text, ids in zip(job["texts"], job["text_ids"]):
        theirs = llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)
        if theirs != ids:
            mismatches.append({"text": text, "ours": ids, "llama_cpp": theirs})
    res["tokenizer_texts"] = len(job["texts"])
    res["tokenizer_mismatches"] = mismatches[:3]
    res["tokenizer_mismatch_count"] = len(mismatches)
    res["chat_template"] = render_check(llm.metadata.get("tokenizer.chat_template"), job["chat"])
    return res


def render_check(template, cases):
    """Renders our Jinja chat template with jinja2 (as HF and llama-cpp-python do)."""
    try:
        from jinja2.sandbox import ImmutableSandboxedEnvironment
    except ImportError:
        return "jinja2 missing"
    if template is None:
        return "no tokenizer.chat_template in the file"
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    t = env.from_string(template)
    bad = []
    for c in cases:
        kw = {} if c.get("enable_thinking") is None else {"enable_thinking": c["enable_thinking"]}
        got = t.render(messages=c["messages"], add_generation_prompt=c["add_generation_prompt"],
                       **kw)
        if got != c["text"]:
            bad.append({"ours": c["text"], "jinja": got})
    return "ok" if not bad else bad


if __name__ == "__main__":
    main(*sys.argv[2:])
