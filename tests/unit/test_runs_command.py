"""``mlscope runs list | rm | import``, and TensorBoard logs read into a store: every
scalar and histogram with its step and wall time."""

from __future__ import annotations

import numpy as np
import pytest

import mlscope
from mlscope.cli import main
from mlscope.timeline.store import open_store


def test_list_and_rm(tmp_path, capsys):
    with open_store(tmp_path) as store:
        rid = store.create_run("adam lr=1e-3", {"source": "torch"})
        store.write(rid, scalars=[("loss", s, 1000.0 + s, 1.0) for s in range(0, 50, 5)])
        store.create_run("empty", {"source": "sklearn"})
    assert main(["runs", "list", "--store", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "SOURCE", "STEPS", "LAST", "STEP", "STARTED", "LAST",
                                "LOGGED"]
    assert lines[1].startswith("adam lr=1e-3  torch") and " 10 " in lines[1] and " 45 " in lines[1]
    assert lines[2].split()[:4] == ["empty", "sklearn", "0", "-"]
    assert main(["runs", "rm", "empty", "--store", str(tmp_path)]) == 0
    assert main(["runs", "rm", "empty", "--store", str(tmp_path)]) == 2
    assert "no run called 'empty'" in capsys.readouterr().err
    assert list(mlscope.runs(tmp_path)) == ["adam lr=1e-3"]


def test_listing_where_there_is_no_store_says_so_and_makes_none(tmp_path, capsys):
    assert main(["runs", "list", "--store", str(tmp_path / "none")]) == 2
    assert "no run store at" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


def test_a_tensorboard_logdir_is_imported_run_by_run(tmp_path, capsys):
    pytest.importorskip("tensorboard")
    pytest.importorskip("torch")
    from torch.utils.tensorboard import SummaryWriter

    rng = np.random.default_rng(0)
    written = {}
    for name in ("adam", "sgd"):
        w = SummaryWriter(str(tmp_path / "logs" / name))
        for step in range(0, 30, 3):
            w.add_scalar("train/loss", 1.0 / (step + 1), step)
            values = rng.normal(size=500)
            written[name, step] = values
            w.add_histogram("fc.weight", values, step)
        w.close()
    store = tmp_path / "store"
    assert main(["runs", "import", str(tmp_path / "logs"), "--store", str(store),
                 "--prefix", "tb/"]) == 0
    assert "imported 'tb/adam': 10 scalar points, 10 histograms" in capsys.readouterr().out
    runs = mlscope.runs(store)
    assert list(runs) == ["tb/adam", "tb/sgd"]
    steps, walls, loss = runs["tb/sgd"].scalars("train/loss")
    assert steps.tolist() == list(range(0, 30, 3)) and (walls > 1e9).all()
    assert np.allclose(loss, [1.0 / (s + 1) for s in range(0, 30, 3)])
    hists = runs["tb/adam"].histograms("fc.weight")
    for h in hists:
        values = written["adam", h.step]
        assert h.count == 500 and h.counts.sum() == 500
        assert np.isclose(h.vmin, values.min()) and np.isclose(h.vmax, values.max())
        assert np.isclose(h.total, values.sum())
        assert (np.diff(h.edges) >= 0).all() and len(h.edges) == len(h.counts) + 1
        # the counts are where the values are: a bin's count is the values between its edges
        inner = slice(1, -1)
        expect = np.histogram(values, bins=h.edges)[0]
        assert np.array_equal(h.counts[inner], expect[inner])
    # importing again: the names are taken
    assert main(["runs", "import", str(tmp_path / "logs"), "--store", str(store),
                 "--prefix", "tb/"]) == 2
    assert "already in" in capsys.readouterr().err
    assert main(["runs", "import", str(tmp_path / "nothing"), "--store", str(store)]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_tf2_summaries_are_imported_too(tmp_path):
    """TensorFlow 2 writes scalars and histograms as tensors with plugin metadata (no
    simple_value, no HistogramProto): written here with TensorBoard's own protos."""
    pytest.importorskip("tensorboard")
    import time

    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.plugins.histogram import metadata as hist_meta
    from tensorboard.plugins.scalar import metadata as scalar_meta
    from tensorboard.summary.writer.event_file_writer import EventFileWriter
    from tensorboard.util import tensor_util

    writer = EventFileWriter(str(tmp_path / "logs" / "keras"))
    for step in range(4):
        s = summary_pb2.Summary()
        v = s.value.add(tag="epoch_loss", metadata=scalar_meta.create_summary_metadata("", ""))
        v.tensor.CopyFrom(tensor_util.make_tensor_proto(np.float32(1.0 / (step + 1))))
        h = s.value.add(tag="dense/kernel", metadata=hist_meta.create_summary_metadata("", ""))
        buckets = np.array([[-1.0, 0.0, 3 + step], [0.0, 2.0, 5]])  # (left, right, count)
        h.tensor.CopyFrom(tensor_util.make_tensor_proto(buckets))
        writer.add_event(event_pb2.Event(step=step, wall_time=time.time(), summary=s))
    writer.close()
    with open_store(tmp_path / "store") as store:
        from mlscope.timeline.tensorboard_import import import_logdir

        (report,) = import_logdir(tmp_path / "logs", store)
    assert (report.run, report.scalars, report.histograms) == ("keras", 4, 4)
    run = mlscope.runs(tmp_path / "store")["keras"]
    assert np.allclose(run.scalars("epoch_loss")[2], [1, 1 / 2, 1 / 3, 1 / 4])
    h = run.histograms("dense/kernel")[2]
    assert h.counts.tolist() == [5.0, 5.0] and h.edges.tolist() == [-1.0, 0.0, 2.0]
    assert (h.vmin, h.vmax, h.count) == (-1.0, 2.0, 10)
