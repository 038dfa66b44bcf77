"""Hugging Face `tokenizers` as the oracle for tinyreason's tokenizer.

Run by dev.tinyreason.tokenizer.HfTokenizers (the parity test and `./tinyreason bench tokenizer`),
with the project's .venv/bin/python. Two commands, JSON in and out:

  encode TOKENIZER_JSON TEXTS_JSON OUT_JSON [--special]
      TEXTS_JSON is a JSON list of strings; writes the list of id lists to OUT_JSON.
      Without --special, special-token text is encoded as plain bytes (encode_special_tokens),
      matching Tokenizer.encode(text, false); with it, as control tokens.

  bench TOKENIZER_JSON DOCS_JSON
      Encodes every document once to warm up, then once timed, one call per document on one
      thread (like the Java side). Prints {"seconds", "bytes", "tokens", "checksum"}.
"""
import json
import sys
import time

try:
    from tokenizers import Tokenizer
except ImportError:
    sys.exit("Python package 'tokenizers' is missing: run ./tinyreason test (it creates .venv)")


def checksum(id_lists):
    """A rolling hash over all ids, so Java can check the ids are the same without shipping them."""
    h, mask = 0, (1 << 61) - 1
    for ids in id_lists:
        for i in ids:
            h = (h * 1_000_003 + i + 1) & mask
    return h


def load(path, special):
    tok = Tokenizer.from_file(path)
    tok.encode_special_tokens = not special
    return tok


def encode(tokenizer_json, texts_json, out_json, special):
    tok = load(tokenizer_json, special)
    with open(texts_json, encoding="utf-8") as f:
        texts = json.load(f)
    ids = [tok.encode(t, add_special_tokens=False).ids for t in texts]
    with open(out_json, "w", encoding="utf-8") as f:
        json.dump(ids, f)


def bench(tokenizer_json, docs_json):
    tok = load(tokenizer_json, special=False)
    with open(docs_json, encoding="utf-8") as f:
        docs = json.load(f)
    for d in docs:
        tok.encode(d, add_special_tokens=False)
    start = time.perf_counter()
    encoded = [tok.encode(d, add_special_tokens=False).ids for d in docs]
    seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds,
        "bytes": sum(len(d.encode("utf-8")) for d in docs),
        "tokens": sum(len(ids) for ids in encoded),
        "checksum": checksum(encoded),
    }))


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) >= 4 and args[0] == "encode":
        encode(args[1], args[2], args[3], special="--special" in args[4:])
    elif len(args) == 3 and args[0] == "bench":
        bench(args[1], args[2])
    else:
        sys.exit(__doc__)
