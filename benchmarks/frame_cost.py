"""Server CPU per playground frame, and the training engine's epochs per second, in process.

For each configuration a session plays at one epoch per frame, as the server does it: one
``step()``, then the frame built and encoded (``Session.frame_bytes``). Reports the median
milliseconds of each part and of the whole over --frames frames, and the frame's size.

- `default`: the page as it opens (story step 1, which shows the output and the loss);
- `default_free`: the same network in free play, every view shown (network diagram,
  output, loss, metrics, confusion, activation and gradient histograms);
- `big`: 6 hidden layers of 8 neurons and all 7 features, free play;
- `huge`: 10 hidden layers of 32 neurons, all 7 features, 5,000 points, free play.

Then the training engine alone: epochs per second on the numpy path and on the compiled
kernel (``mlscope.nn.fused``), alternating, in this process, and their ratio.

Figures are medians over --runs runs. Prints one JSON object on its last line and writes it
to benchmarks/results/frame_cost.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

from common import machine, medians, write_result

from mlscope import catalog
from mlscope.core.session import Session
from mlscope.nn.train import Trainer

try:
    from mlscope.nn import fused
except ImportError:  # code from before the compiled engine (--frames-only)
    fused = None  # type: ignore[assignment]

ALL = ("x1", "x2", "x1sq", "x2sq", "x1x2", "sin_x1", "sin_x2")
CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "default_free": {"step": "free"},
    "big": {"step": "free", "hidden": (8,) * 6, "features": ALL},
    "huge": {"step": "free", "hidden": (32,) * 10, "features": ALL, "points": 5000},
}


def _playground(params: dict[str, Any]) -> Any:
    ex = catalog.get("playground")()
    if params:
        ex.set(**params)
    return ex


def frame_cost(params: dict[str, Any], frames: int) -> dict[str, float]:
    """Median ms of a step, of building and encoding its frame, of both; the frame's kB."""
    ex = _playground(params)
    session = Session(ex)
    for _ in range(10):  # warm up: caches, the first frame's static arrays
        ex.step()
        session.frame_bytes()
    steps, frames_ms, sizes = [], [], []
    for _ in range(frames):
        t0 = time.perf_counter()
        ex.step()
        t1 = time.perf_counter()
        data = session.frame_bytes()
        t2 = time.perf_counter()
        steps.append(t1 - t0)
        frames_ms.append(t2 - t1)
        sizes.append(len(data))
    step, frame = statistics.median(steps) * 1e3, statistics.median(frames_ms) * 1e3
    return {"step_ms": step, "frame_and_encode_ms": frame, "total_ms": step + frame,
            "frame_kb": statistics.median(sizes) / 1e3}


def epochs_per_s(params: dict[str, Any], engine: str, seconds: float) -> float:
    """Epochs per second of the playground's network on its training data, one engine."""
    ex = _playground(params)
    tr = ex.trainer
    alone = Trainer(ex.net, ex.loss, tr.optimiser, tr.batch_size, engine=engine)
    alone.train_epoch(ex.x_train, ex.y_train)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        alone.train_epoch(ex.x_train, ex.y_train)
        n += 1
    assert alone.last_path == engine or engine == "fused", alone.last_path
    return n / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--frames", type=int, default=300, help="frames per configuration and run")
    ap.add_argument("--seconds", type=float, default=1.0, help="training time per engine")
    ap.add_argument("--frames-only", action="store_true",
                    help="no engine figures (e.g. for code from before the compiled engine, "
                         "run with PYTHONPATH=<its src>); prints only")
    args = ap.parse_args()
    if not args.frames_only:
        fused.kernel(wait=True)

    costs: dict[str, list[dict[str, float]]] = {name: [] for name in CONFIGS}
    engines: dict[str, list[dict[str, float]]] = \
        {} if args.frames_only else {name: [] for name in ("default", "big", "huge")}
    for _ in range(args.runs):
        for name, params in CONFIGS.items():
            frames = args.frames if name != "huge" else max(10, args.frames // 20)
            costs[name].append(frame_cost(params, frames))
        for name in engines:
            numpy_eps = epochs_per_s(CONFIGS[name], "numpy", args.seconds)
            fused_eps = epochs_per_s(CONFIGS[name], "fused", args.seconds)
            engines[name].append({"numpy": numpy_eps, "fused": fused_eps,
                                  "ratio": fused_eps / numpy_eps})

    result: dict[str, Any] = {"benchmark": "frame_cost", "frames": {}, "engine_epochs_per_s": {}}
    print(f"{'configuration':14s} {'step ms':>8s} {'frame ms':>9s} {'total ms':>9s} {'kB':>6s}")
    for name, rs in costs.items():
        med = medians(rs)
        result["frames"][name] = med
        print(f"{name:14s} {med['step_ms']:8.2f} {med['frame_and_encode_ms']:9.2f} "
              f"{med['total_ms']:9.2f} {med['frame_kb']:6.1f}")
    print(f"\n{'engine':14s} {'numpy ep/s':>11s} {'kernel ep/s':>12s} {'ratio':>6s}")
    for name, rs in engines.items():
        med = medians(rs)
        result["engine_epochs_per_s"][name] = med
        print(f"{name:14s} {med['numpy']:11.0f} {med['fused']:12.0f} {med['ratio']:6.1f}")
    result["targets"] = {"frames.default.total_ms": "<= 1.5",
                         "engine_epochs_per_s.default.fused": ">= 2000",
                         "engine_epochs_per_s.big.fused": ">= 600"}
    result["machine"] = machine()
    if args.frames_only:
        print(json.dumps(result))
    else:
        write_result("frame_cost", result)


if __name__ == "__main__":
    main()
