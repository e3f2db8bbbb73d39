"""Record a PyTorch model's training with mlscope.watch, then look at it.

    python examples/watch_torch.py            # writes the run "spiral-adam" to ./mlscope-runs
    mlscope serve                             # then open http://127.0.0.1:8765/runs

Two lines in an ordinary training loop: mlscope.watch(...) before it, w.log(...) in it.
"""

from __future__ import annotations

import argparse

import numpy as np
import torch
from torch import nn

import mlscope


def spiral(n: int, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Two interleaved spirals (TensorFlow Playground's), n points."""
    rng = np.random.default_rng(seed)
    t = np.sqrt(rng.uniform(0, 1, n)) * 3 * np.pi
    label = rng.integers(0, 2, n)
    angle = t + np.pi * label
    x = np.column_stack([t * np.cos(angle), t * np.sin(angle)]) / 2
    x += rng.normal(scale=0.2, size=x.shape)
    return torch.tensor(x, dtype=torch.float32), torch.tensor(label)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", default=None, help="run store (default ./mlscope-runs)")
    parser.add_argument("--run", default="spiral-adam")
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--lr", type=float, default=1e-2)
    args = parser.parse_args()

    torch.manual_seed(0)
    x, y = spiral(1000)
    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(),
                          nn.Linear(16, 2))
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=500, gamma=0.5)

    with mlscope.watch(model, probe=(x[:400], y[:400]), run=args.run, store=args.store,
                       optimizer=opt, every=25, hparams={"lr": args.lr, "hidden": "16-16"},
                       overwrite=True) as w:
        for step in range(args.steps):
            batch = torch.randint(0, len(x), (64,))
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x[batch]), y[batch])
            loss.backward()
            opt.step()
            sched.step()
            accuracy = (model(x).argmax(1) == y).float().mean().item() if step % 25 == 0 \
                else None
            w.log(step, loss=loss.item(), **({"accuracy": accuracy} if accuracy else {}))
    print(f"recorded {w.name!r} in {w.store.where}: mlscope serve, then open /runs")


if __name__ == "__main__":
    main()
