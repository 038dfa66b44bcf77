"""llama.cpp (through llama-cpp-python) as the oracle for tinyreason's GGUF export (run by
GgufPeerTest).

  python gguf_peer.py IN.json OUT.json

IN.json, written by the Java side:
  f32, q8_0        paths of the same checkpoint exported as F32 and as Q8_0
  logit_prompts    token-id lists; logits[i][t][v] are our logits for them (every position)
  greedy_prompts   token-id lists; greedy[i] is our fp32 greedy continuation of each
  max_new, stops   the continuation's length limit and its stop ids (included when hit)
  texts, text_ids  course text and our ids for it (special tokens parsed)
  chat             [{messages, add_generation_prompt, enable_thinking, text}]: our renderings

OUT.json: the measurements; the Java side holds the thresholds. Exit code 3 means
llama-cpp-python is not installed (the Java side skips, naming the install command).
"""
import json
import sys

try:
    import numpy as np
    import llama_cpp
except ImportError as e:
    print(f"missing Python package: {e.name}", file=sys.stderr)
    sys.exit(3)


def load(path):
    # the KV cache in F32 (type 0): llama.cpp's default F16 cache rounds keys and values to
    # 11 bits, which alone moves the logits by ~1e-2, ten times the F32 tolerance
    return llama_cpp.Llama(model_path=path, n_ctx=512, n_batch=512, logits_all=True,
                           n_threads=2, type_k=0, type_v=0, verbose=False)


def logits(llm, ids):
    llm.reset()
    llm.eval(ids)
    return np.array(llm.scores[: len(ids)], dtype=np.float64)


def greedy(llm, ids, max_new, stops):
    llm.reset()
    llm.eval(ids)
    out = []
    while len(out) < max_new:
        tok = int(np.argmax(llm.scores[llm.n_tokens - 1]))  # ties: lowest id, as ours
        out.append(tok)
        if tok in stops:
            break
        llm.eval([tok])
    return out


def compare_logits(llm, prompts, ours):
    worst, where = 0.0, None
    for i, ids in enumerate(prompts):
        d = np.abs(logits(llm, ids) - np.array(ours[i], dtype=np.float64))
        if d.max() > worst:
            worst, where = float(d.max()), [i, int(d.argmax() // d.shape[1])]
    return worst, where


def compare_greedy(llm, prompts, ours, max_new, stops):
    theirs = [greedy(llm, ids, max_new, stops) for ids in prompts]
    same = [a == b for a, b in zip(theirs, ours)]
    first = next((i for i, s in enumerate(same) if not s), None)
    example = None if first is None else {"prompt": first, "ours": ours[first],
                                          "llama_cpp": theirs[first]}
    return sum(same), example


def main(inp, out):
    with open(inp) as f:
        job = json.load(f)
    res = {"llama_cpp_python": llama_cpp.__version__}
    stops = set(job["stops"])
    for kind in ("f32", "q8_0"):
        llm = load(job[kind])
        worst, where = compare_logits(llm, job["logit_prompts"], job["logits"])
        same, example = compare_greedy(llm, job["greedy_prompts"], job["greedy"],
                                       job["max_new"], stops)
        res[kind] = {"logit_max_abs_diff": worst, "worst_at": where,
                     "greedy_identical": same, "greedy_prompts": len(job["greedy_prompts"]),
                     "first_greedy_difference": example}
        if kind == "f32":
            vocab = llm._model.vocab
            res["eog_ids"] = [i for i in range(llm.n_vocab())
                              if llama_cpp.llama_vocab_is_eog(vocab, i)]
            res["bos"], res["eos"] = llm.token_bos(), llm.token_eos()
            mismatches = []
            for text, ids in zip(job["texts"], job["text_ids"]):
                theirs = llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)
                if theirs != ids:
                    mismatches.append({"text": text, "ours": ids, "llama_cpp": theirs})
            res["tokenizer_texts"] = len(job["texts"])
            res["tokenizer_mismatches"] = mismatches[:3]
            res["tokenizer_mismatch_count"] = len(mismatches)
            res["chat_template"] = render_check(llm.metadata.get("tokenizer.chat_template"),
                                                job["chat"])
        del llm
    with open(out, "w") as f:
        json.dump(res, f)


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
    main(*sys.argv[1:])
