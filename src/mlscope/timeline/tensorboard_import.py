"""``mlscope runs import LOGDIR``: TensorBoard event files into a run store, read by
TensorBoard's own loader (``pip install mlscope[tensorboard]``).

Every folder under LOGDIR that holds event files is one run (TensorBoard's rule), named by
its path below LOGDIR (LOGDIR's own name for files directly in it). Scalars (``add_scalar``
and TF2's scalar tensors) and histograms (``add_histogram``, TF2's histogram tensors) are
imported with their steps and wall times; images, audio and graphs are skipped (counted in
the report).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from mlscope.timeline.store import Histogram, Store, StoreError

BATCH = 5_000


@dataclass
class Imported:
    run: str
    scalars: int = 0
    histograms: int = 0
    skipped: dict[str, int] = field(default_factory=dict)


def run_folders(logdir: Path) -> list[Path]:
    """Folders under ``logdir`` (itself included) that hold TensorBoard event files."""
    found = []
    for folder, _, files in os.walk(logdir):
        if any("tfevents" in f for f in files):
            found.append(Path(folder))
    return sorted(found)


def import_logdir(logdir: str | Path, store: Store, *, prefix: str = "",
                  overwrite: bool = False) -> list[Imported]:
    try:
        from tensorboard.backend.event_processing import event_accumulator as ea
    except ImportError as e:
        raise StoreError("runs import: reading TensorBoard logs needs the tensorboard "
                         "package: pip install 'mlscope[tensorboard]'") from e
    root = Path(logdir).expanduser()
    if not root.is_dir():
        raise StoreError(f"runs import: {root} is not a folder")
    folders = run_folders(root)
    if not folders:
        raise StoreError(f"runs import: no TensorBoard event files (*tfevents*) under {root}")
    reports = []
    for folder in folders:
        rel = folder.relative_to(root).as_posix()
        name = prefix + (root.resolve().name if rel == "." else rel)
        acc = ea.EventAccumulator(str(folder), size_guidance={
            ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.TENSORS: 0, ea.IMAGES: 1, ea.AUDIO: 1})
        acc.Reload()
        tags = acc.Tags()
        info = {"source": "tensorboard", "model": "TensorBoard log",
                "logdir": str(folder), "hparams": {}}
        run_id = store.create_run(name, info, overwrite=overwrite)
        report = Imported(name)
        scalars: list[tuple[str, int, float, float]] = []
        for tag in tags.get("scalars", []):
            scalars += [(tag, int(e.step), float(e.wall_time), float(e.value))
                        for e in acc.Scalars(tag)]
        hists = [_histogram(tag, e.step, e.wall_time, e.histogram_value)
                 for tag in tags.get("histograms", []) for e in acc.Histograms(tag)]
        for tag in tags.get("tensors", []):
            for event in acc.Tensors(tag):
                value = _tensor(event.tensor_proto)
                if value is None:
                    report.skipped[tag] = report.skipped.get(tag, 0) + 1
                elif value.ndim == 0:
                    scalars.append((tag, int(event.step), float(event.wall_time),
                                    float(value)))
                elif value.ndim == 2 and value.shape[1] == 3:
                    hists.append(_tf2_histogram(tag, event.step, event.wall_time, value))
                else:
                    report.skipped[tag] = report.skipped.get(tag, 0) + 1
        for kind in ("images", "audio"):
            for tag in tags.get(kind, []):
                report.skipped[f"{kind}: {tag}"] = 1
        for k in range(0, len(scalars), BATCH):
            store.write(run_id, scalars=scalars[k:k + BATCH])
        for k in range(0, len(hists), BATCH // 10):
            store.write(run_id, histograms=hists[k:k + BATCH // 10])
        report.scalars, report.histograms = len(scalars), len(hists)
        reports.append(report)
    return reports


def _histogram(tag: str, step: int, wall: float, h: Any) -> Histogram:
    """TensorBoard's HistogramProto (right edges ``bucket_limit``) as a Histogram."""
    limits = np.asarray(h.bucket_limit, float)
    counts = np.asarray(h.bucket, float)
    lo, hi = float(h.min), float(h.max)
    edges = np.concatenate([[min(lo, limits[0]) if len(limits) else lo], limits])
    edges = np.clip(edges, min(lo, edges[0]), max(hi, edges[-2] if len(edges) > 1 else hi))
    return Histogram(tag, int(step), float(wall), lo, hi, int(h.num), 0, float(h.sum),
                     float(h.sum_squares), edges, counts)


def _tf2_histogram(tag: str, step: int, wall: float, buckets: np.ndarray) -> Histogram:
    """TF2's histogram tensor: rows (left, right, count)."""
    left, right, counts = buckets[:, 0], buckets[:, 1], buckets[:, 2].astype(float)
    centers = (left + right) / 2
    n = float(counts.sum())
    return Histogram(tag, int(step), float(wall), float(left.min()), float(right.max()),
                     int(n), 0, float((centers * counts).sum()),
                     float((centers ** 2 * counts).sum()),
                     np.concatenate([[left[0]], right]).astype(float), counts)


def _tensor(proto: Any) -> np.ndarray | None:
    from tensorboard.util import tensor_util

    try:
        value = np.asarray(tensor_util.make_ndarray(proto))
    except (TypeError, ValueError):
        return None
    return value.astype(float) if value.dtype.kind in "biuf" else None
