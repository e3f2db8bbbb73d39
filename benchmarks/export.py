"""Export speed: mlscope.export against plain matplotlib FuncAnimation + PillowWriter.

Each case records 100 frames at 480×480 of a run (house-prices: gradient descent, one step
per frame; playground: training, one epoch per frame) as GIF and MP4 with mlscope.export,
and as GIF with a FuncAnimation whose update function steps a copy of the explorable and
draws the same views with the same renderers into axes laid out the same way, as one would
by hand. Runs are interleaved; figures are medians. Prints one JSON object on its last line:
gif_s, mp4_s, baseline_gif_s and ratio (gif_s / baseline_gif_s) for house-prices, and the
same per case under "cases".
"""

from __future__ import annotations

import argparse
import copy
import statistics
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt
from matplotlib.animation import FuncAnimation, PillowWriter

import mlscope
from mlscope.render import draw_into

FRAMES, SIZE, FPS = 100, (480, 480), 15
CASES = ("house-prices", "playground")

try:
    from common import write_result  # type: ignore[import-not-found]
except ImportError:  # run from elsewhere
    from benchmarks.common import write_result


def baseline_gif(slug: str, path: Path) -> None:
    """The hand-made way: pyplot figure, a GridSpec of the same rows, FuncAnimation."""
    ex = copy.deepcopy(mlscope.explorable(slug))
    rows = type(ex).export_layout
    fig = plt.figure(figsize=(SIZE[0] / 100, SIZE[1] / 100), dpi=100)
    grid = fig.add_gridspec(len(rows), 1)
    axes = {}
    for r, row in enumerate(rows):
        sub = grid[r].subgridspec(1, len(row))
        for k, name in enumerate(row):
            kind = ex.frame()[name].kind
            axes[name] = fig.add_subplot(sub[k], projection="3d" if kind == "scene3d" else None)

    def update(k: int) -> None:
        if k:
            ex.step()
        views = ex.frame()
        fig.suptitle(f"{type(ex).title} · step {k}", x=0.01, ha="left", fontsize=11)
        for name, ax in axes.items():
            ax.cla()
            draw_into(ax, views[name])

    anim = FuncAnimation(fig, update, frames=FRAMES, repeat=False)
    anim.save(path, writer=PillowWriter(fps=FPS), dpi=100)
    plt.close(fig)


def ours(slug: str, path: Path) -> None:
    mlscope.export(slug, path, frames=FRAMES, fps=FPS, size=SIZE, progress=False)


def timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp())
    cases = {}
    for slug in CASES:
        # Warm-up: imports, font caches, the first figure.
        mlscope.export(slug, out / "warm.gif", frames=3, progress=False)
        gif, mp4, base = [], [], []
        for _ in range(args.runs):
            gif.append(timed(ours, slug, out / "a.gif"))
            mp4.append(timed(ours, slug, out / "a.mp4"))
            base.append(timed(baseline_gif, slug, out / "b.gif"))
        g, m, b = (statistics.median(x) for x in (gif, mp4, base))
        cases[slug] = {"gif_s": round(g, 3), "mp4_s": round(m, 3), "baseline_gif_s": round(b, 3),
                       "ratio": round(g / b, 3),
                       "gif_kb": round((out / "a.gif").stat().st_size / 1024),
                       "baseline_gif_kb": round((out / "b.gif").stat().st_size / 1024),
                       "mp4_kb": round((out / "a.mp4").stat().st_size / 1024)}
        print(slug, cases[slug], flush=True)
    first = cases[CASES[0]]
    write_result("export", {**{k: first[k] for k in ("gif_s", "mp4_s", "baseline_gif_s", "ratio")},
                            "frames": FRAMES, "size": list(SIZE), "runs": args.runs,
                            "cases": cases})


if __name__ == "__main__":
    main()
