"""The run store on SQLite and on a real PostgreSQL server: what is written reads back
exactly, names and schema versions are checked, a crash loses at most one flush, and two
processes writing different runs do not disturb each other."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from mlscope.timeline.histograms import histogram
from mlscope.timeline.store import SCHEMA_VERSION, StoreError, open_store, pack, unpack
from mlscope.timeline.writer import BackgroundWriter


@pytest.fixture(params=["sqlite", "postgres"])
def where(request, tmp_path):
    """Where a fresh store lives: a SQLite file, or the test server's database with the
    mlscope schema dropped first."""
    if request.param == "sqlite":
        return str(tmp_path / "runs.sqlite")
    url = request.getfixturevalue("postgres_url")
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS mlscope CASCADE")
    return url


def test_what_is_written_reads_back_exactly(where):
    with open_store(where) as store:
        rid = store.create_run("adam", {"hparams": {"lr": 0.001}, "source": "test"})
        weights = np.random.default_rng(0).normal(size=(4, 3)).astype(np.float32)
        h = histogram("param/w", 10, 5.0, weights)
        store.write(rid, scalars=[("loss", 0, 1.0, 0.9), ("loss", 10, 2.0, 0.4),
                                  ("loss", 20, 3.0, float("inf"))],
                    histograms=[h], snapshots=[("param/w", 10, 5.0, weights)])
        steps, walls, values = store.scalars(rid, "loss")
        assert steps.tolist() == [0, 10, 20] and walls.tolist() == [1.0, 2.0, 3.0]
        assert values[:2].tolist() == [0.9, 0.4] and np.isnan(values[2])  # not finite: NaN
        (back,) = store.histograms(rid, "param/w")
        assert back.counts.tolist() == h.counts.tolist() and back.count == 12
        assert np.allclose(back.edges, h.edges) and back.vmin == float(weights.min())
        assert np.isclose(back.total, float(weights.astype(float).sum()))
        snap = store.snapshot(rid, "param/w", 10)
        assert snap.dtype == np.float32 and np.array_equal(snap, weights)
        assert store.snapshot_steps(rid, "param/w").tolist() == [10]
        assert store.tags(rid) == {"scalars": ["loss"], "histograms": ["param/w"],
                                   "snapshots": ["param/w"]}
        (info,) = store.runs()
        assert (info.name, info.steps, info.last_step) == ("adam", 3, 20)
        assert info.info["hparams"] == {"lr": 0.001}


def test_a_second_run_of_the_same_name_is_refused_unless_overwritten(where):
    with open_store(where) as store:
        rid = store.create_run("r", {})
        store.write(rid, scalars=[("loss", 0, 1.0, 1.0)])
        with pytest.raises(StoreError, match=r"already in .*overwrite=True"):
            store.create_run("r", {})
        new = store.create_run("r", {"v": 2}, overwrite=True)
        assert store.scalars(new, "loss")[0].size == 0  # the old run's rows went with it
        assert [r.info for r in store.runs()] == [{"v": 2}]
        store.delete("r")
        assert store.runs() == []
        with pytest.raises(StoreError, match="no run called 'r'"):
            store.delete("r")


def test_a_store_written_by_a_newer_mlscope_is_refused_and_left_alone(where):
    with open_store(where) as store:
        store.create_run("keep", {})
        store._q("UPDATE meta SET value = ? WHERE key = ?", (str(SCHEMA_VERSION + 1),
                                                                 "schema_version"))
    with pytest.raises(StoreError, match=f"newer mlscope \\(schema version "
                                         f"{SCHEMA_VERSION + 1}.*upgrade"):
        open_store(where)
    if where.endswith(".sqlite"):
        with sqlite3.connect(where) as conn:
            assert conn.execute("SELECT name FROM runs").fetchall() == [("keep",)]


def test_a_sqlite_file_of_something_else_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "mine.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an mlscope run store"):
        open_store(path)
    assert path.read_bytes() == before
    (tmp_path / "junk.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not an mlscope run store"):
        open_store(tmp_path / "junk.sqlite")


def test_reading_a_store_that_is_not_there_does_not_make_one(tmp_path):
    with pytest.raises(StoreError, match="no run store at"):
        open_store(tmp_path / "nowhere", create=False)
    assert not (tmp_path / "nowhere").exists()
    with pytest.raises(StoreError, match="cannot use the PostgreSQL store"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_snapshots_hold_numbers_only():
    with pytest.raises(StoreError, match="numbers only"):
        pack(np.array(["a", "b"]))
    with pytest.raises(StoreError, match="unknown type"):
        unpack("|O", "[2]", b"")
    big_endian = np.arange(6, dtype=">f8").reshape(2, 3)
    assert np.array_equal(unpack(*pack(big_endian)), big_endian)


def test_the_histogram_of_a_tensor_is_numpys():
    rng = np.random.default_rng(1)
    values = np.concatenate([rng.normal(size=1000), [np.nan, np.inf]])
    h = histogram("t", 0, 0.0, values)
    counts, edges = np.histogram(values[:1000], bins=30)
    assert h.counts.tolist() == counts.tolist() and np.allclose(h.edges, edges)
    assert (h.count, h.nonfinite) == (1000, 2)
    assert np.isclose(h.total_sq, float((values[:1000] ** 2).sum()))
    flat = histogram("t", 0, 0.0, np.zeros(5))
    assert flat.counts.tolist() == [5.0] and flat.edges.tolist() == [-0.5, 0.5]


def test_a_failing_store_raises_in_the_training_loop_and_loses_nothing(tmp_path):
    store = open_store(tmp_path)
    rid = store.create_run("r", {})
    real_write, calls = store.write, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")
        return real_write(*args, **kwargs)

    store.write = flaky
    writer = BackgroundWriter(store, rid, flush_secs=0.05)
    writer.scalar("loss", 0, 1.0)
    deadline = time.monotonic() + 5
    while writer._error is None and time.monotonic() < deadline:
        time.sleep(0.01)
    with pytest.raises(StoreError, match="stopped taking this run's data: disk full"):
        writer.scalar("loss", 1, 0.5)
    with pytest.raises(StoreError, match="disk full"):
        writer.close()  # it tried once more, and this time the row was written
    assert store.scalars(rid, "loss")[0].tolist() == [0]
    store.close()


CHILD = textwrap.dedent("""
    import sys, time
    import numpy as np
    from mlscope.timeline.store import open_store
    from mlscope.timeline.writer import BackgroundWriter
    where, name, n, pause = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    store = open_store(where)
    rid = store.create_run(name, {})
    w = BackgroundWriter(store, rid, flush_secs=0.2 if pause else 0.02)
    for step in range(n):
        w.scalar("loss", step, float(step))
        if step % 50 == 0:
            w.array("param/w", step, np.full((8, 8), step, np.float32), keep=True)
        print(step, time.time(), flush=True)
        time.sleep(pause)
    w.close()
""")


def test_a_run_killed_mid_run_loses_at_most_its_last_flush(where):
    open_store(where).close()  # the tables exist before the child starts
    child = subprocess.Popen([sys.executable, "-c", CHILD, where, "crash", "100000", "0.002"],
                             stdout=subprocess.PIPE, text=True)
    logged: list[tuple[int, float]] = []
    assert child.stdout is not None
    for line in child.stdout:
        step, wall = line.split()
        logged.append((int(step), float(wall)))
        if logged[-1][0] >= 400:
            break
    killed_at = time.time()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    with open_store(where) as store:
        rid = store.find("crash")
        steps = store.scalars(rid, "loss")[0].tolist()
        # whatever reached the store came whole and in order: steps 0..k, no gaps
        assert steps == list(range(len(steps)))
        # everything logged more than a flush interval (0.2 s, plus slack) before the kill
        must_have = max(s for s, wall in logged if wall <= killed_at - 0.6)
        assert len(steps) > must_have
        snaps = store.snapshot_steps(rid, "param/w").tolist()
        assert snaps == list(range(0, len(snaps) * 50, 50))
        assert np.all(store.snapshot(rid, "param/w", snaps[-1]) == snaps[-1])
        store.create_run("after", {})  # and the store goes on working
        assert [r.name for r in store.runs()] == ["crash", "after"]


def test_two_processes_writing_different_runs_to_one_store(where):
    open_store(where).close()
    children = [subprocess.Popen([sys.executable, "-c", CHILD, where, name, "1500", "0"],
                                 stdout=subprocess.DEVNULL) for name in ("a", "b")]
    for child in children:
        assert child.wait(timeout=120) == 0
    with open_store(where) as store:
        for name in ("a", "b"):
            rid = store.find(name)
            steps, _, values = store.scalars(rid, "loss")
            assert steps.tolist() == list(range(1500)) and values.tolist() == list(range(1500))
            assert store.snapshot_steps(rid, "param/w").tolist() == list(range(0, 1500, 50))
    if where.endswith(".sqlite"):
        with sqlite3.connect(where) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_run_info_is_json_without_nan(tmp_path):
    with open_store(tmp_path) as store:
        store.create_run("r", {"hparams": {"lr": np.float32(0.5), "sizes": np.arange(3)}})
        assert store.runs()[0].info == {"hparams": {"lr": 0.5, "sizes": [0, 1, 2]}}
        with pytest.raises(ValueError):
            store.create_run("s", {"hparams": {"lr": float("nan")}})
        assert json.loads(json.dumps(store.runs()[0].info))


def test_progress_is_kept_as_the_run_is_written(where):
    """runs() reads how far each run got from the runs table, kept by every write (no scan
    of its rows), and the tags from their own table; steps past 2**53 read back exactly."""
    with open_store(where) as store:
        rid = store.create_run("r", {})
        store.write(rid, scalars=[("loss", s, 10.0 + s, 1.0) for s in (0, 1, 2)])
        store.write(rid, scalars=[("loss", 2, 13.0, 0.5), ("acc", 5, 15.0, 0.9)],
                    histograms=[histogram("w", 4, 14.0, np.ones(3))])
        (info,) = store.runs()
        assert (info.steps, info.last_step, info.last_wall) == (5, 5, 15.0)  # 0 1 2 4 5
        assert store.step_range(rid) == (0, 5)
        assert store.tags(rid) == {"scalars": ["acc", "loss"], "histograms": ["w"],
                                   "snapshots": []}
        big = 2 ** 60 + 1
        store.write(rid, scalars=[("loss", big, 20.0, 0.25)])
        steps, walls, values = store.scalars(rid, "loss")
        assert walls.tolist() == [10.0, 11.0, 12.0, 13.0, 20.0]
        assert steps.tolist() == [0, 1, 2, 2, big] and values.tolist() == [1, 1, 1, 0.5, 0.25]
        store.delete("r")
        assert store.runs() == [] and store.tags(rid)["scalars"] == []
