"""``mlscope.export``: any explorable (or widget, or lens object) to GIF, MP4, PNG or HTML.

    mlscope.export("playground", "spiral.mp4", frames=61, every=5)
    mlscope.export(ex, "fit.png")

The path's suffix picks the format. A recording (``record.py``) takes frames from a copy of
the target, so the target itself never changes. GIF, MP4 and PNG frames are drawn by the
matplotlib renderers (``figure.py``) in the same colours and layout as the app; the HTML
replay embeds the frames themselves and the app's own JS renderers (``replay.py``).

Long exports report progress (tqdm, or a callback) and stop early when ``cancel`` is set.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from mlscope.core.explorable import Explorable
from mlscope.core.params import ParamError, brief
from mlscope.render.figure import MAX_SIZE, MIN_SIZE, FrameFigure, Layout
from mlscope.render.record import Frame, Sweep, check_counts, record

FORMATS = (".gif", ".mp4", ".png", ".html")
MIN_FPS, MAX_FPS = 0.1, 60
MAX_PIXELS = 600_000_000
"""Bound on frames × width × height of one GIF (its frames are held until written)."""

Progress = Callable[[int, int], None]


class ExportCancelled(Exception):
    """The export was cancelled; no file was left behind."""


def resolve_target(target: Any) -> Explorable:
    """The explorable behind ``target``: an explorable, its class, a notebook widget or
    anything with an ``explorable`` attribute (the lens's objects). A slug is resolved
    above, by ``mlscope.export``, which knows the catalogue."""
    if isinstance(target, Explorable):
        return target
    if isinstance(target, type) and issubclass(target, Explorable):
        return target()
    inner = getattr(target, "explorable", None)
    if isinstance(inner, Explorable):
        return inner
    raise ParamError("target", "export takes an explorable, its slug (see `mlscope list`), "
                               f"a notebook widget or a lens object; got {type(target).__name__}.")


def check_path(path: str | Path) -> Path:
    p = Path(path).expanduser()
    if p.suffix.lower() not in FORMATS:
        raise ParamError("path", f"the file name must end in {', '.join(FORMATS)} (the suffix "
                                 f"picks the format); got {str(path)!r}.")
    if p.is_dir():
        raise ParamError("path", f"{brief(str(path))} is a folder; give a file name.")
    if not p.parent.exists():
        raise ParamError("path", f"the folder {brief(str(p.parent))} does not exist.")
    if p.is_symlink() and not p.exists():
        raise ParamError("path", f"{brief(str(path))} is a link to a file that does not "
                                 "exist; give a file name.")
    if p.exists() and not p.is_file():
        raise ParamError("path", f"{brief(str(path))} is not a regular file (a pipe, a "
                                 "device?); give a file name.")
    existed = p.exists()
    try:  # can it be written? (before any frame is drawn, not after)
        os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK, 0o644))
    except OSError as err:
        raise ParamError("path", f"cannot write {brief(str(path))}: "
                                 f"{err.strerror or err}.") from None
    if not existed:
        p.unlink()
    return p


def check_layout(ex: Explorable, views: Sequence[str] | Sequence[Sequence[str]] | None,
                 html: bool) -> list[list[str]]:
    """Rows of view names: ``views`` as given (names one per row, or rows of names), else
    the explorable's export layout (its page layout for an HTML replay)."""
    if views is None:
        chosen = type(ex).layout if html else (type(ex).export_layout or type(ex).layout)
        return [list(r) for r in chosen]
    if isinstance(views, str):
        views = [views]
    rows = [[v] if isinstance(v, str) else list(v) for v in views]
    known = [n for r in type(ex).layout for n in r]
    for name in (n for r in rows for n in r):
        if name not in known:
            raise ParamError("views", f"{ex.slug} has no view {brief(name)}; its views are "
                                      f"{', '.join(known)}.")
    if not rows or not all(rows):
        raise ParamError("views", "views must name at least one view in each row.")
    return rows


def check_size(size: Any) -> tuple[int, int]:
    try:
        w, h = (int(s) for s in size)
        ok = all(not isinstance(s, bool | str) and float(s) == int(s) for s in size)
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok or not (MIN_SIZE <= w <= MAX_SIZE and MIN_SIZE <= h <= MAX_SIZE):
        raise ParamError("size", f"size must be (width, height) in whole pixels, each from "
                                 f"{MIN_SIZE} to {MAX_SIZE}; got {brief(size)}.")
    return w, h


def _sweep(sweep: Sweep | tuple[Any, ...] | None) -> Sweep | None:
    if sweep is None or isinstance(sweep, Sweep):
        return sweep
    if isinstance(sweep, tuple | list) and len(sweep) == 2 and isinstance(sweep[1], list | tuple):
        return Sweep(str(sweep[0]), values=tuple(sweep[1]))
    try:
        name, start, stop = sweep
    except (TypeError, ValueError):
        raise ParamError("sweep", "sweep must be (name, from, to), e.g. ('weight', 0, 0.4), or "
                                  f"(name, [one value per frame]); got {brief(sweep)}.") from None
    return Sweep(str(name), start, stop)


def _progress_bar(total: int, desc: str) -> tuple[Progress, Callable[[], None]]:
    from tqdm.auto import tqdm

    bar = tqdm(total=total, desc=desc, unit="frame", leave=False)

    def update(done: int, _total: int) -> None:
        bar.update(done - bar.n)

    return update, bar.close


def export(target: Any, path: str | Path, *, frames: int | None = None, every: int = 1,
           fps: float = 15, size: tuple[int, int] = (480, 480),
           views: Sequence[str] | Sequence[Sequence[str]] | None = None,
           sweep: Sweep | tuple[Any, ...] | None = None, progress: bool = True,
           on_progress: Progress | None = None, cancel: threading.Event | None = None) -> Path:
    """Write ``target`` to ``path``; the suffix (.gif, .mp4, .png, .html) picks the format.

    frames: how many (default 100 for something that plays or sweeps, else 1; a PNG is 1).
    every: steps between frames while playing. sweep: (parameter, from, to), or
    (parameter, [a value per frame]), instead of playing. fps: frames per second of the
    file. size: (width, height) in pixels of the drawn frames (GIF, MP4, PNG).
    views: which views, one per row or as rows of names.
    progress: a tqdm bar; on_progress(done, total) is called after each frame too.
    cancel: set this event (from another thread) to stop; ExportCancelled is raised and no
    file is left. Returns the path written.
    """
    ex = resolve_target(target)
    sw = _sweep(sweep)
    fmt = Path(path).suffix.lower()
    if frames is None:
        frames = 1 if fmt == ".png" or not (ex.playable or sw) else 100
    check_counts(frames, every)
    if fmt == ".png" and frames != 1:
        raise ParamError("frames", f"a PNG holds one frame; got frames={frames}. "
                                   "Use .gif, .mp4 or .html for more.")
    if isinstance(fps, bool) or not isinstance(fps, int | float) or not math.isfinite(fps) \
            or not MIN_FPS <= fps <= MAX_FPS:
        raise ParamError("fps", f"fps must be a number from {MIN_FPS} to {MAX_FPS}; "
                                f"got {brief(fps)}.")
    w, h = check_size(size)
    p = check_path(path)
    layout = check_layout(ex, views, html=fmt == ".html")
    if fmt == ".gif" and frames * w * h > MAX_PIXELS:
        raise ParamError("frames", f"{frames} frames of {w}×{h} is too much for one GIF "
                                   f"(at most {MAX_PIXELS:,} pixels in all); use .mp4, fewer "
                                   "frames or a smaller size.")
    recording = record(ex, frames, every, sw)
    callbacks = [c for c in (on_progress,) if c is not None]
    close_bar: Callable[[], None] | None = None
    if progress:
        bar, close_bar = _progress_bar(frames, p.name)
        callbacks.append(bar)
    try:
        _write(fmt, p, ex, recording, layout, (w, h), fps, frames, callbacks, cancel)
    finally:
        if close_bar is not None:
            close_bar()
    return p


def _tick(k: int, total: int, callbacks: list[Progress], cancel: threading.Event | None) -> None:
    for c in callbacks:
        c(k, total)
    if cancel is not None and cancel.is_set():
        raise ExportCancelled("the export was cancelled")


def _write(fmt: str, p: Path, ex: Explorable, recording: Iterator[Frame], layout: Layout,
           size: tuple[int, int], fps: float, total: int, callbacks: list[Progress],
           cancel: threading.Event | None) -> None:
    if fmt == ".html":
        from mlscope.render.replay import ReplayWriter

        _drain(ReplayWriter(p, ex, layout, fps), recording, total, callbacks, cancel)
        return
    from mlscope.render.writers import GifWriter, Mp4Writer, PixelWriter, PngWriter

    writer: PixelWriter = (GifWriter(p, fps) if fmt == ".gif" else
                           Mp4Writer(p, fps, size) if fmt == ".mp4" else PngWriter(p))
    _drain(writer, draw_frames(recording, layout, size, type(ex).title), total, callbacks,
           cancel)


def _drain(writer: Any, items: Iterable[Any], total: int, callbacks: list[Progress],
           cancel: threading.Event | None) -> None:
    """Feed ``items`` to ``writer`` (add, close; abort removes the partial file on any
    failure or cancel), reporting progress after each."""
    try:
        for k, item in enumerate(items, 1):
            writer.add(item)
            _tick(k, total, callbacks, cancel)
        writer.close()
    except BaseException:
        writer.abort()
        raise


def draw_frames(frames: Iterable[Frame], layout: Layout, size: tuple[int, int],
                title: str) -> Iterator[Any]:
    """Each frame's pixels, drawn by one reused figure."""
    fig = FrameFigure(layout, size, title=title)
    room = max(int(size[0] / 9.5) - 2, 8)  # the label stays whole; the title gives way
    for frame in frames:
        head = title if len(title) + len(frame.label) + 3 <= room else \
            title[:max(room - len(frame.label) - 4, 0)] + "…"
        fig.set_title(f"{head} · {frame.label}" if frame.label else title)
        yield fig.draw(frame.views)
