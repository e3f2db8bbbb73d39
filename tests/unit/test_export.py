"""mlscope.export: every format written and decoded back (frames, size, duration); the
recording leaves its target unchanged; bad paths, suffixes and parameters are named."""

from __future__ import annotations

import threading

import imageio_ffmpeg
import numpy as np
import pytest
from PIL import Image

import mlscope
from mlscope.core.params import ParamError
from mlscope.render.export import ExportCancelled
from mlscope.render.figure import FrameFigure
from mlscope.render.record import Sweep, record, sweep_values
from mlscope.render.text import mathtext_lines


def test_gif_has_the_frames_size_and_timing_asked_for(tmp_path):
    out = mlscope.export("house-prices", tmp_path / "gd.gif", frames=12, fps=10,
                         size=(320, 240), progress=False)
    with Image.open(out) as im:
        assert im.format == "GIF" and im.size == (320, 240)
        assert im.n_frames == 12
        durations = []
        for k in range(im.n_frames):
            im.seek(k)
            durations.append(im.info["duration"])
    assert durations == [100] * 12
    # One global palette: no frame brings its own colour table.
    assert out.stat().st_size < 12 * 320 * 240


def test_gif_frames_differ_as_training_goes_on(tmp_path):
    out = mlscope.export("house-prices", tmp_path / "gd.gif", frames=3, every=20,
                         progress=False)
    with Image.open(out) as im:
        first = np.asarray(im.convert("RGB"))
        im.seek(2)
        last = np.asarray(im.convert("RGB"))
    assert (first != last).any(axis=2).mean() > 0.005


def _mp4(path):
    """(meta, frames) decoded by imageio-ffmpeg's reader."""
    reader = imageio_ffmpeg.read_frames(str(path))
    try:
        meta = next(reader)
        return meta, list(reader)
    finally:
        reader.close()


# imageio-ffmpeg's reader leaves a pipe for the garbage collector (the test's decoder only).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_mp4_decodes_to_the_frames_asked_for(tmp_path):
    out = mlscope.export("playground", tmp_path / "pg.mp4", frames=9, every=3, fps=12,
                         size=(320, 240), progress=False)
    meta, frames = _mp4(out)
    assert meta["size"] == (320, 240)
    assert meta["fps"] == pytest.approx(12)
    assert len(frames) == 9
    assert meta["duration"] == pytest.approx(9 / 12, abs=0.1)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_mp4_pads_odd_sizes_to_even(tmp_path):
    out = mlscope.export("house-prices", tmp_path / "odd.mp4", frames=2, size=(321, 241),
                         progress=False)
    meta, frames = _mp4(out)
    assert meta["size"] == (322, 242) and len(frames) == 2


def test_png_is_the_current_state_not_a_fresh_one(tmp_path):
    ex = mlscope.explorable("house-prices", weight=0.3)
    a = mlscope.export(ex, tmp_path / "a.png", size=(300, 300), progress=False)
    ex.set(weight=0.05)
    b = mlscope.export(ex, tmp_path / "b.png", size=(300, 300), progress=False)
    with Image.open(a) as ia, Image.open(b) as ib:
        assert ia.size == (300, 300)
        assert (np.asarray(ia) != np.asarray(ib)).any()


def test_export_records_a_copy_and_leaves_the_target_as_it_was(tmp_path):
    ex = mlscope.explorable("playground")
    for _ in range(5):
        ex.step()
    before = [w.copy() for w in ex.net.weights]
    labels = [f.label for f in record(ex, frames=3, every=10)]
    assert labels == ["epoch 5", "epoch 15", "epoch 25"]
    assert ex.epoch == 5
    assert all(np.array_equal(a, b) for a, b in zip(before, ex.net.weights, strict=True))


def test_sweep_moves_one_parameter_and_validates_it():
    ex = mlscope.explorable("house-prices")
    assert sweep_values(ex, Sweep("weight", 0, 0.4), 5) == pytest.approx([0, .1, .2, .3, .4])
    frames = list(record(ex, 3, sweep=Sweep("weight", 0.0, 0.2)))
    assert [f.label for f in frames] == ["weight = 0", "weight = 0.1", "weight = 0.2"]
    with pytest.raises(ParamError, match="weight"):
        sweep_values(ex, Sweep("weight", 0, 99), 5)
    with pytest.raises(ParamError, match=r"sweep names no parameter .*nope"):
        sweep_values(ex, Sweep("nope", 0, 1), 5)


def test_sweep_through_given_values_of_any_parameter():
    ex = mlscope.explorable("softmax")
    frames = list(record(ex, 3, sweep=Sweep("logits", values=([1, 0], [2, 0], [3, 0]))))
    assert [list(f.params["logits"]) for f in frames] == [[1, 0], [2, 0], [3, 0]]
    with pytest.raises(ParamError, match="one value per frame"):
        list(record(ex, 2, sweep=Sweep("logits", values=([1, 0],))))


def test_sweep_of_a_choice_walks_the_options():
    ex = mlscope.explorable("playground")
    assert sweep_values(ex, Sweep("activation", "relu", "sigmoid"), 3) == \
        ["relu", "tanh", "sigmoid"]


def test_something_that_does_not_play_needs_a_sweep_for_many_frames(tmp_path):
    with pytest.raises(ParamError, match=r"does not play.*sweep"):
        mlscope.export("network-shape", tmp_path / "s.gif", frames=10, progress=False)
    out = mlscope.export("network-shape", tmp_path / "s.gif", frames=4, progress=False,
                         sweep=("inputs", 1, 4))
    with Image.open(out) as im:
        assert im.n_frames == 4


@pytest.mark.parametrize(("path", "options", "field", "message"), [
    ("out.jpg", {}, "path", "must end in .gif, .mp4, .png, .html"),
    ("no/such/folder/out.gif", {}, "path", "does not exist"),
    ("out.png", {"frames": 5}, "frames", "a PNG holds one frame"),
    ("out.gif", {"frames": 0}, "frames", "from 1 to"),
    ("out.gif", {"size": (10, 480)}, "size", "from 64 to 4096"),
    ("out.gif", {"fps": 0}, "fps", "from 0.1 to 60"),
    ("out.gif", {"fps": 0.001}, "fps", "from 0.1 to 60"),
    ("out.gif", {"fps": float("nan")}, "fps", "got nan"),
    ("out.gif", {"frames": "10"}, "frames", "got '10'"),
    ("out.gif", {"frames": True}, "frames", "whole number"),
    ("out.gif", {"size": (float("inf"), 480)}, "size", r"got \(inf, 480\)"),
    ("out.gif", {"size": ("480", 480)}, "size", "whole pixels"),
    ("out.gif", {"views": ["fit", "nope"]}, "views", "no view 'nope'"),
    ("out.gif", {"sweep": ("weight",)}, "sweep", "must be \\(name, from, to\\)"),
    ("out.gif", {"sweep": ("weight", 0, 1, 2)}, "sweep", "must be \\(name, from, to\\)"),
])
def test_bad_requests_name_the_field(tmp_path, monkeypatch, path, options, field, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParamError, match=message) as err:
        mlscope.export("house-prices", path, progress=False, **options)
    assert err.value.field == field
    assert not list(tmp_path.glob("out.*"))


def test_unknown_target_and_bad_parameter_are_named(tmp_path):
    with pytest.raises(ParamError, match="no explorable"):
        mlscope.export("no-such-thing", tmp_path / "x.gif", progress=False)
    with pytest.raises(ParamError, match="export takes an explorable"):
        mlscope.export(42, tmp_path / "x.gif", progress=False)
    with pytest.raises(ParamError, match="weight"):
        mlscope.explorable("house-prices", weight=7)


def test_cancel_stops_and_leaves_no_file(tmp_path):
    stop = threading.Event()
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 3:
            stop.set()

    with pytest.raises(ExportCancelled):
        mlscope.export("house-prices", tmp_path / "c.gif", frames=50, progress=False,
                       on_progress=progress, cancel=stop)
    assert seen == [1, 2, 3]
    assert not (tmp_path / "c.gif").exists()


@pytest.mark.parametrize("slug", [c.slug for c in mlscope.all_explorables()])
def test_every_view_of_every_explorable_draws(slug):
    ex = mlscope.explorable(slug)
    if ex.playable:
        for _ in range(3):
            ex.step()
    views = ex.frame()
    fig = FrameFigure(type(ex).layout, (640, 640), title=type(ex).title)
    rgb = fig.draw(views)
    assert rgb.shape == (640, 640, 3)
    assert (rgb < 200).any(axis=2).mean() > 0.01  # something was drawn


def test_formulas_become_mathtext_rows():
    rows = mathtext_lines(r"\begin{aligned}\hat y &= w\,x\\\text{MSE} &= \tfrac1n"
                          r"\textstyle\sum_i e_i = 4{,}579.1\end{aligned}")
    assert rows == [r"\hat y = w\,x", r"\mathrm{MSE} = \frac{1}{n}\sum_i e_i = 4,579.1"]


def test_html_replay_is_one_self_contained_file(tmp_path):
    import base64
    import gzip
    import json
    import re
    import struct

    out = mlscope.export("house-prices", tmp_path / "gd.html", frames=7, fps=5, progress=False)
    page = out.read_text(encoding="utf-8")
    markup = re.sub(r"(<(script|style)[^>]*>).*?(</\2>)", r"\1\3", page, flags=re.S)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", markup)  # nothing fetched
    assert "<script>" in markup and "<style>" in markup  # the bundle is inline
    info = json.loads(re.search(r'id="mlscope-replay">(.*?)</script>', page, re.S).group(1))
    assert info["fps"] == 5 and info["labels"] == [f"step {k}" for k in range(7)]
    packed = re.search(r'id="mlscope-frames">(.*?)</script>', page, re.S).group(1)
    blob = gzip.decompress(base64.b64decode(packed))
    count, at = 0, 0
    while at < len(blob):
        (n,) = struct.unpack_from("<I", blob, at)
        at += 4 + n
        count += 1
    assert count == 7 and at == len(blob)


def test_a_notebook_widget_saves_its_current_state(tmp_path):
    from mlscope.notebook.widget import ExplorableWidget

    w = ExplorableWidget(mlscope.explorable("house-prices"))
    w.set(weight=0.25)
    out = w.save(tmp_path / "w.png", progress=False)
    ex = mlscope.explorable("house-prices")
    ex.set(weight=0.25)  # the same history: a change by hand is an update too
    same = mlscope.export(ex, tmp_path / "e.png", progress=False)
    with Image.open(out) as a, Image.open(same) as b:
        assert np.array_equal(np.asarray(a), np.asarray(b))
    via_export = mlscope.export(w, tmp_path / "x.png", progress=False)
    assert via_export.exists()


def test_a_chart_says_each_series_last_value_in_its_legend():
    from matplotlib.figure import Figure

    from mlscope.core.views import Chart, Series
    from mlscope.render.chart import draw_chart

    ax = Figure().add_subplot()
    draw_chart(ax, Chart("Loss", "epoch", "loss", np.arange(4.0), [
        Series("training", np.array([0.5, 0.3, 0.2162, np.nan])),
        Series("test", np.array([0.6, 0.4, 0.3, 0.28613]))]))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == \
        ["training 0.2162", "test 0.2861"]
