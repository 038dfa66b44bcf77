"""Hugging Face transformers as the oracle for tinyreason's Llama (run by HfPeerTest).

  python hf_llama_peer.py logits DIR IDS.json OUT.json
      load the checkpoint folder DIR with AutoModelForCausalLM (float32, eager attention)
      and write the logits of every sequence in IDS.json (a list of id lists) to OUT.json
  python hf_llama_peer.py make DIR SEED TIED QKNORM IDS.json OUT.json
      save a random LlamaForCausalLM (Qwen3ForCausalLM when QKNORM is 1) to DIR with
      save_pretrained, then write its logits for IDS.json as above
"""
import json
import sys

try:
    import torch
    import transformers
    from transformers import AutoModelForCausalLM
except ImportError as e:  # the Java side turns this into "run ./tinyreason test"
    print(f"missing Python package: {e.name}", file=sys.stderr)
    sys.exit(3)


def logits_of(model, ids_file, out_file):
    with open(ids_file) as f:
        sequences = json.load(f)
    out = []
    with torch.no_grad():
        for ids in sequences:
            x = torch.tensor([ids], dtype=torch.long)
            out.append(model(input_ids=x).logits[0].tolist())
    with open(out_file, "w") as f:
        json.dump(out, f)


def main(argv):
    torch.manual_seed(0)
    if argv[0] == "logits":
        _, folder, ids_file, out_file = argv
        model = AutoModelForCausalLM.from_pretrained(
            folder, dtype=torch.float32, attn_implementation="eager").eval()
        logits_of(model, ids_file, out_file)
    elif argv[0] == "make":
        _, folder, seed, tied, qk_norm, ids_file, out_file = argv
        torch.manual_seed(int(seed))
        common = dict(vocab_size=96, hidden_size=64, intermediate_size=160,
                      num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                      head_dim=16, max_position_embeddings=128, rms_norm_eps=1e-5,
                      tie_word_embeddings=tied == "1", bos_token_id=1, eos_token_id=2,
                      pad_token_id=0, attn_implementation="eager")
        if qk_norm == "1":
            config = transformers.Qwen3Config(**common)
            model = transformers.Qwen3ForCausalLM(config)
        else:
            config = transformers.LlamaConfig(**common)
            model = transformers.LlamaForCausalLM(config)
        with torch.no_grad():  # HF initialises norms to 1; random scales test them too
            for name, p in model.named_parameters():
                if name.endswith("norm.weight"):
                    p.uniform_(0.5, 1.5)
        model.eval()
        model.save_pretrained(folder)
        logits_of(model, ids_file, out_file)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
