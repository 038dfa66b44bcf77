"""Independent DPO losses in PyTorch, TRL's formulas, for DpoLossTest.

usage: dpo_peer.py IN.json OUT.json
IN: {"beta": b, "policy_chosen": [...], "policy_rejected": [...], "ref_chosen": [...],
     "ref_rejected": [...], "rpo_alpha": a, "chosen_token_logps": [[...], ...]};
OUT: {loss_type: {"losses": [...], "chosen_rewards": [...], "rejected_rewards": [...],
     "rpo_total": x}} for sigmoid, ipo, hinge and apo_zero, where rpo_total is TRL's batch
     loss with rpo_alpha: mean pair loss + alpha * cross-entropy over every chosen token.
     Exit 3 without torch.
"""
import json
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError as exc:  # the Java test turns this into "run ./tinyreason test"
    print(f"missing Python package: {exc.name}")
    sys.exit(3)


def losses(d):
    beta = d["beta"]
    pc, pr, rc, rr = (torch.tensor(d[k], dtype=torch.float64)
                      for k in ("policy_chosen", "policy_rejected", "ref_chosen", "ref_rejected"))
    chosen_logratios = pc - rc
    rejected_logratios = pr - rr
    logits = chosen_logratios - rejected_logratios
    out = {
        "sigmoid": -F.logsigmoid(beta * logits),
        "ipo": (logits - 1 / (2 * beta)) ** 2,
        "hinge": torch.relu(1 - beta * logits),
        "apo_zero": (1 - torch.sigmoid(beta * chosen_logratios))
        + torch.sigmoid(beta * rejected_logratios),
    }
    rewards = {"chosen_rewards": (beta * chosen_logratios).tolist(),
               "rejected_rewards": (beta * rejected_logratios).tolist()}
    tokens = torch.cat([torch.tensor(t, dtype=torch.float64) for t in d["chosen_token_logps"]])
    nll = -tokens.mean()  # TRL: cross_entropy over the chosen labels, mean over tokens
    alpha = d["rpo_alpha"]
    return {k: {"losses": v.tolist(), **rewards, "rpo_total": (v.mean() + alpha * nll).item()}
            for k, v in out.items()}


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        data = json.load(f)
    with open(sys.argv[2], "w") as f:
        json.dump(losses(data), f)
