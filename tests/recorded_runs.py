"""Real runs for the timeline's tests: a small PyTorch network trained on two blobs with
mlscope.watch, as a user would; what the test needs to check against is returned beside."""

from __future__ import annotations

from typing import Any


def record_blobs(store: Any, name: str = "adam", steps: int = 200, lr: float = 0.05,
                 every: int = 20, seed: int = 0) -> dict[str, Any]:
    """Trains and records; returns the parameters at each snapshot step, the probe and the
    losses logged."""
    import torch
    from torch import nn

    import mlscope

    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, 2, (240,), generator=g)
    x = torch.randn(240, 2, generator=g) + (y[:, None] * 2.0 - 1.0) * torch.tensor([1.5, 0.5])
    model = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 2))
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    params: dict[int, dict[str, Any]] = {}
    losses = []
    with mlscope.watch(model, probe=(x[:120], y[:120]), run=name, store=store, optimizer=opt,
                       every=every, hparams={"lr": lr}) as w:
        for step in range(steps):
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            w.log(step, loss=loss.item())
            losses.append(loss.item())
            if step % every == 0:
                params[step] = {k: v.detach().clone() for k, v in model.state_dict().items()}
    return {"params": params, "x": x[:120], "y": y[:120], "losses": losses, "model": model}
