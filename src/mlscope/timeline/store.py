"""The run store: training runs, their scalars, histograms and array snapshots, kept in
SQLite (one file, nothing to start; the default) or PostgreSQL (by URL, for a team).

One schema and one set of SQL statements serve both; they differ only in the placeholder
(``?`` or ``%s``), the id column and the bytes type. Arrays are stored as their raw
little-endian bytes beside their dtype and shape (compressing weights gained 7 % of the
bytes for half the writer's time); nothing is ever unpickled.

    store = open_store("mlscope-runs")                  # ./mlscope-runs/runs.sqlite
    store = open_store("postgresql://me@host/db")       # psycopg 3
    run_id = store.create_run("adam", {"hparams": {"lr": 1e-3}})
    store.write(run_id, scalars=[("loss", 0, time.time(), 0.7)])
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

SCHEMA_VERSION = 1
"""Bumped whenever a table changes; a store written by a newer version is refused."""

DEFAULT_DIR = "mlscope-runs"
SQLITE_NAME = "runs.sqlite"

_DTYPES = {"<f4", "<f8", "<f2", "<i8", "<i4", "<i2", "|i1", "|u1", "|b1", "<u2", "<u4", "<u8"}
"""Array types a snapshot may hold: numbers only, little-endian."""

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id {id}, name TEXT NOT NULL UNIQUE, started DOUBLE PRECISION NOT NULL,
  info TEXT NOT NULL, first_step BIGINT, last_step BIGINT, steps BIGINT NOT NULL DEFAULT 0,
  last_wall DOUBLE PRECISION);
CREATE TABLE IF NOT EXISTS tags (
  run_id BIGINT NOT NULL, kind TEXT NOT NULL, tag TEXT NOT NULL,
  PRIMARY KEY (run_id, kind, tag));
CREATE TABLE IF NOT EXISTS scalars (
  run_id BIGINT NOT NULL, tag TEXT NOT NULL, step BIGINT NOT NULL,
  wall DOUBLE PRECISION NOT NULL, value DOUBLE PRECISION);
CREATE INDEX IF NOT EXISTS scalars_by_tag ON scalars (run_id, tag, step);
CREATE TABLE IF NOT EXISTS histograms (
  run_id BIGINT NOT NULL, tag TEXT NOT NULL, step BIGINT NOT NULL,
  wall DOUBLE PRECISION NOT NULL, vmin DOUBLE PRECISION, vmax DOUBLE PRECISION,
  count BIGINT NOT NULL, nonfinite BIGINT NOT NULL, total DOUBLE PRECISION,
  total_sq DOUBLE PRECISION, edges {blob} NOT NULL, counts {blob} NOT NULL);
CREATE INDEX IF NOT EXISTS histograms_by_tag ON histograms (run_id, tag, step);
CREATE TABLE IF NOT EXISTS snapshots (
  run_id BIGINT NOT NULL, tag TEXT NOT NULL, step BIGINT NOT NULL,
  wall DOUBLE PRECISION NOT NULL, dtype TEXT NOT NULL, shape TEXT NOT NULL,
  data {blob} NOT NULL);
CREATE INDEX IF NOT EXISTS snapshots_by_tag ON snapshots (run_id, tag, step);
"""


class StoreError(ValueError):
    """A store that cannot be opened or a request it cannot answer; the message says why."""


@dataclass(frozen=True)
class RunInfo:
    """One run as ``mlscope runs list`` shows it."""

    id: int
    name: str
    started: float
    """Wall time (seconds since the epoch) the run was created."""
    steps: int
    """How many distinct steps logged a scalar or a histogram (kept as the run is written:
    a step below the last one already written is not counted again)."""
    last_step: int | None
    last_wall: float | None
    info: dict[str, Any]
    """What the recorder said about the run: its source, hyperparameters, the model's
    layers, the probe set."""


@dataclass(frozen=True)
class Histogram:
    """One histogram row: counts of a tensor's finite values in equal-width bins."""

    tag: str
    step: int
    wall: float
    vmin: float
    vmax: float
    count: int
    nonfinite: int
    total: float
    total_sq: float
    edges: NDArray[np.float64]
    counts: NDArray[np.float64]


def pack(array: NDArray[Any]) -> tuple[str, str, bytes]:
    """(dtype, shape as JSON, raw little-endian bytes) of a numeric array."""
    a = np.ascontiguousarray(array)
    if a.dtype.byteorder == ">":
        a = a.astype(a.dtype.newbyteorder("<"))
    if a.dtype.str not in _DTYPES:
        raise StoreError(f"a snapshot holds numbers only; got dtype {a.dtype}")
    return a.dtype.str, json.dumps(list(a.shape)), a.tobytes()


def unpack(dtype: str, shape: str, data: bytes) -> NDArray[Any]:
    if dtype not in _DTYPES:
        raise StoreError(f"a snapshot of unknown type {dtype!r} (not a number type)")
    dims = json.loads(shape)
    if not (isinstance(dims, list) and all(isinstance(d, int) and d >= 0 for d in dims)):
        raise StoreError(f"a snapshot with a malformed shape {shape!r}")
    raw = bytes(data)
    if len(raw) != np.dtype(dtype).itemsize * int(np.prod(dims, dtype=np.int64)):
        raise StoreError(f"a snapshot's bytes do not fill its shape {shape}")
    return np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(dims)


def open_store(where: str | Path | None = None, *, create: bool = True) -> Store:
    """The store at ``where``: a PostgreSQL URL (``postgresql://...``), a SQLite file
    (``.sqlite``/``.db``), or a folder that holds ``runs.sqlite`` (None: ./mlscope-runs).
    With ``create=False`` a SQLite store that does not exist yet is an error, not made."""
    if isinstance(where, str) and where.startswith(("postgresql://", "postgres://")):
        return PostgresStore(where)
    if where is not None and not isinstance(where, str | Path):
        raise StoreError(f"store: a folder, a .sqlite file or a postgresql:// URL; got "
                         f"{type(where).__name__}")
    path = Path(DEFAULT_DIR if where is None else where).expanduser()
    if path.suffix.lower() not in (".sqlite", ".sqlite3", ".db"):
        path = path / SQLITE_NAME
    if not create and not path.exists():
        raise StoreError(f"store: no run store at {path} (runs are recorded there by "
                         f"mlscope.watch)")
    return SQLiteStore(path)


class Store:
    """What both databases share: the statements, the schema check, reading and writing."""

    placeholder = "?"
    id_column = "INTEGER PRIMARY KEY AUTOINCREMENT"
    blob_type = "BLOB"
    where: str

    def __init__(self) -> None:
        self._lock = threading.RLock()

    # -- the database's own calls, which the two kinds provide ------------------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _transaction(self) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<mlscope run store {self.where}>"

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._execute(self._sql(sql), params)

    # -- schema -----------------------------------------------------------------------
    def _create_schema(self) -> None:
        ddl = _TABLES.format(id=self.id_column, blob=self.blob_type)
        with self._lock, self._transaction():
            self._lock_schema()
            tables = self._tables()
            if tables and "meta" not in tables:
                raise StoreError(f"store: {self.where} holds other tables ("
                                 f"{', '.join(sorted(tables)[:5])}) and is not an mlscope run "
                                 f"store; it was left unchanged")
            for statement in filter(str.strip, ddl.split(";")):
                self._execute(statement)
            found = self._execute(self._sql("SELECT value FROM meta WHERE key = ?"),
                                  ("schema_version",))
            if not found:
                self._execute(self._sql("INSERT INTO meta (key, value) VALUES (?, ?)"),
                              ("schema_version", str(SCHEMA_VERSION)))
                return
        version = int(found[0][0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the run store {self.where} was written by a newer mlscope (schema version "
                f"{version}; this mlscope reads up to {SCHEMA_VERSION}): upgrade mlscope "
                f"(pip install -U mlscope) to read it; it was left unchanged")

    def _lock_schema(self) -> None:
        """Keeps two processes from creating the tables at once (PostgreSQL needs it)."""

    def _tables(self) -> set[str]:
        raise NotImplementedError

    # -- runs -------------------------------------------------------------------------
    def create_run(self, name: str, info: dict[str, Any], *, overwrite: bool = False) -> int:
        """A new run called ``name``; an existing one of that name is an error unless
        ``overwrite`` (then it is deleted first)."""
        text = json.dumps(info, allow_nan=False, default=_jsonable)
        with self._lock:
            if self.find(name) is not None:
                if not overwrite:
                    raise StoreError(
                        f"run: a run called {name!r} is already in {self.where}; choose "
                        f"another name, pass overwrite=True to replace it, or delete it "
                        f"(mlscope runs rm {name})")
                self.delete(name)
            with self._transaction():
                rows = self._q("INSERT INTO runs (name, started, info) VALUES (?, ?, ?) "
                               "RETURNING id", (name, time.time(), text))
        return int(rows[0][0])

    def find(self, name: str) -> int | None:
        with self._lock:
            rows = self._q("SELECT id FROM runs WHERE name = ?", (name,))
        return int(rows[0][0]) if rows else None

    def runs(self) -> list[RunInfo]:
        """Every run, oldest first, with how far it got (kept up to date by ``write``, so
        listing a store of millions of rows costs no scan)."""
        with self._lock:
            rows = self._q("SELECT id, name, started, info, steps, last_step, last_wall "
                           "FROM runs ORDER BY started, id")
        return [RunInfo(int(rid), str(name), float(started), int(steps),
                        None if last is None else int(last),
                        None if wall is None else float(wall), json.loads(info))
                for rid, name, started, info, steps, last, wall in rows]

    def delete(self, name: str) -> None:
        """Deletes run ``name`` and everything it logged."""
        with self._lock:
            rid = self.find(name)
            if rid is None:
                raise StoreError(f"no run called {name!r} in {self.where}")
            with self._transaction():
                for table in ("scalars", "histograms", "snapshots", "tags"):
                    self._q(f"DELETE FROM {table} WHERE run_id = ?", (rid,))
                self._q("DELETE FROM runs WHERE id = ?", (rid,))

    # -- writing ----------------------------------------------------------------------
    def write(self, run_id: int, *,
              scalars: Sequence[tuple[str, int, float, float]] = (),
              histograms: Sequence[Histogram] = (),
              snapshots: Sequence[tuple[str, int, float, NDArray[Any]]] = ()) -> None:
        """Adds rows in one transaction: all of them or, if it fails, none."""
        snaps = [(run_id, tag, step, wall, *pack(a)) for tag, step, wall, a in snapshots]
        hists = [(run_id, h.tag, h.step, h.wall, _finite_or_none(h.vmin),
                  _finite_or_none(h.vmax), h.count, h.nonfinite, _finite_or_none(h.total),
                  _finite_or_none(h.total_sq), pack(h.edges.astype("<f8"))[2],
                  pack(h.counts.astype("<f8"))[2]) for h in histograms]
        kinds = [("scalars", {t for t, _, _, _ in scalars}),
                 ("histograms", {h.tag for h in histograms}),
                 ("snapshots", {t for t, _, _, _ in snapshots})]
        logged = {s for _, s, _, _ in scalars} | {h.step for h in histograms}
        walls = [w for _, _, w, _ in scalars] + [h.wall for h in histograms]
        with self._lock, self._transaction():
            self._executemany(self._sql(
                "INSERT INTO tags (run_id, kind, tag) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING"), [(run_id, k, t) for k, tags in kinds for t in tags])
            if logged:
                (last,) = self._q("SELECT last_step FROM runs WHERE id = ?", (run_id,))[0]
                new = len([s for s in logged if last is None or s > last])
                self._q("UPDATE runs SET steps = steps + ?, "
                        "first_step = CASE WHEN first_step IS NULL OR first_step > ? THEN ? "
                        "ELSE first_step END, "
                        "last_step = CASE WHEN last_step IS NULL OR last_step < ? THEN ? "
                        "ELSE last_step END, "
                        "last_wall = CASE WHEN last_wall IS NULL OR last_wall < ? THEN ? "
                        "ELSE last_wall END WHERE id = ?",
                        (new, min(logged), min(logged), max(logged), max(logged), max(walls),
                         max(walls), run_id))
            if scalars:
                self._executemany(self._sql(
                    "INSERT INTO scalars (run_id, tag, step, wall, value) VALUES (?, ?, ?, ?, ?)"),
                    [(run_id, t, s, w, _finite_or_none(v)) for t, s, w, v in scalars])
            if hists:
                self._executemany(self._sql(
                    "INSERT INTO histograms (run_id, tag, step, wall, vmin, vmax, count, "
                    "nonfinite, total, total_sq, edges, counts) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), hists)
            if snaps:
                self._executemany(self._sql(
                    "INSERT INTO snapshots (run_id, tag, step, wall, dtype, shape, data) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)"), snaps)

    # -- reading ----------------------------------------------------------------------
    def tags(self, run_id: int) -> dict[str, list[str]]:
        """The tags of each kind a run logged: {"scalars": [...], "histograms": [...],
        "snapshots": [...]}."""
        out: dict[str, list[str]] = {"scalars": [], "histograms": [], "snapshots": []}
        with self._lock:
            for kind, tag in self._q("SELECT kind, tag FROM tags WHERE run_id = ? "
                                     "ORDER BY kind, tag", (run_id,)):
                out.setdefault(str(kind), []).append(str(tag))
        return out

    def step_range(self, run_id: int) -> tuple[int | None, int | None]:
        """(first, last) step the run logged a scalar or a histogram at."""
        with self._lock:
            rows = self._q("SELECT first_step, last_step FROM runs WHERE id = ?", (run_id,))
        if not rows:
            return None, None
        first, last = rows[0]
        return (None if first is None else int(first), None if last is None else int(last))

    def scalars(self, run_id: int, tag: str) -> tuple[NDArray[np.int64], NDArray[np.float64],
                                                        NDArray[np.float64]]:
        """(steps, wall times, values) of one scalar, in step order; a value that was not
        finite reads as NaN."""
        with self._lock:
            rows = self._q("SELECT step, wall, value FROM scalars WHERE run_id = ? AND tag = ? "
                           "ORDER BY step", (run_id, tag))
        if not rows:
            return np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
        steps = np.fromiter((r[0] for r in rows), np.int64, len(rows))  # exact past 2**53
        table = np.array(rows, dtype=np.float64)  # a value stored as NULL (not finite): NaN
        order = np.lexsort((table[:, 1], steps))  # by step, then wall time
        return steps[order], table[order, 1], table[order, 2]

    def histograms(self, run_id: int, tag: str) -> list[Histogram]:
        with self._lock:
            rows = self._q("SELECT tag, step, wall, vmin, vmax, count, nonfinite, total, "
                           "total_sq, edges, counts FROM histograms WHERE run_id = ? AND tag = ? "
                           "ORDER BY step, wall", (run_id, tag))
        return [Histogram(str(t), int(s), float(w), _nan(lo), _nan(hi), int(n), int(bad),
                          _nan(tot), _nan(sq), _floats(e), _floats(c))
                for t, s, w, lo, hi, n, bad, tot, sq, e, c in rows]

    def snapshot_steps(self, run_id: int, tag: str) -> NDArray[np.int64]:
        with self._lock:
            rows = self._q("SELECT step FROM snapshots WHERE run_id = ? AND tag = ? "
                           "ORDER BY step", (run_id, tag))
        return np.asarray([r[0] for r in rows], np.int64)

    def snapshot(self, run_id: int, tag: str, step: int) -> NDArray[Any]:
        """The array logged as ``tag`` at ``step`` (the last one at that step)."""
        with self._lock:
            rows = self._q("SELECT dtype, shape, data FROM snapshots WHERE run_id = ? AND "
                           "tag = ? AND step = ? ORDER BY wall DESC", (run_id, tag, step))
        if not rows:
            raise StoreError(f"no snapshot {tag!r} at step {step} in this run")
        return unpack(*rows[0])


def _floats(blob: bytes) -> NDArray[np.float64]:
    raw = bytes(blob)
    if len(raw) % 8:
        raise StoreError("a histogram's bins are damaged in this store (not whole numbers "
                         "of 8-byte floats)")
    return np.frombuffer(raw, dtype="<f8").astype(float)


def _finite_or_none(v: float) -> float | None:
    v = float(v)
    return v if np.isfinite(v) else None


def _nan(v: float | None) -> float:
    return float("nan") if v is None else float(v)


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return repr(value)


class SQLiteStore(Store):
    """One file; several processes may write different runs at once (write-ahead log,
    waits up to 30 s for another writer's transaction)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.where = str(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, timeout=30, isolation_level=None,
                                         check_same_thread=False)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"store: cannot open the SQLite run store {path}: {e}") from e
        self._depth = 0
        try:
            if self._tables() - {"meta", "runs", "scalars", "histograms", "snapshots"}:
                self._create_schema()  # refuses another program's file before changing it
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._create_schema()
        except (sqlite3.DatabaseError, StoreError) as e:
            self._conn.close()
            cause = e.__cause__ if isinstance(e, StoreError) else e
            if isinstance(cause, sqlite3.DatabaseError):
                raise StoreError(f"store: {path} is not an mlscope run store ({cause})") from e
            raise
        except BaseException:
            self._conn.close()
            raise

    def _tables(self) -> set[str]:
        return {str(r[0]) for r in self._execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")} - {"sqlite_sequence"}

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as e:  # a damaged file, a full disk, a locked store
            raise StoreError(f"the run store {self.where} failed: {e}") from e

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self._conn.executemany(sql, rows)
        except sqlite3.Error as e:
            raise StoreError(f"the run store {self.where} failed: {e}") from e

    def _transaction(self) -> Any:
        return _SQLiteTransaction(self)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class _SQLiteTransaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an error); nested ones join the outer."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store._lock.acquire()
        if self.store._depth == 0:
            self.store._conn.execute("BEGIN IMMEDIATE")
        self.store._depth += 1

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            self.store._depth -= 1
            if self.store._depth == 0:
                self.store._conn.execute("ROLLBACK" if kind else "COMMIT")
        finally:
            self.store._lock.release()


class PostgresStore(Store):
    """A PostgreSQL database by URL, through psycopg 3 (``pip install mlscope[postgres]``)."""

    placeholder = "%s"
    id_column = "BIGSERIAL PRIMARY KEY"
    blob_type = "BYTEA"

    def __init__(self, url: str) -> None:
        super().__init__()
        try:
            import psycopg
        except ImportError as e:
            raise StoreError("store: a PostgreSQL store needs psycopg 3: "
                             "pip install 'mlscope[postgres]'") from e
        self.where = _hide_password(url)
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
            # the tables live in a schema of their own, beside whatever else the database has
            self._conn.execute("SELECT pg_advisory_lock(7734190021)")
            try:
                self._conn.execute("CREATE SCHEMA IF NOT EXISTS mlscope")
            finally:
                self._conn.execute("SELECT pg_advisory_unlock(7734190021)")
            self._conn.execute("SET search_path TO mlscope")
            self._create_schema()
        except BaseException as e:
            if hasattr(self, "_conn"):
                self._conn.close()
            if isinstance(e, psycopg.Error):
                raise StoreError(f"store: cannot use the PostgreSQL store {self.where}: "
                                 f"{str(e).strip()}") from e
            raise

    def _lock_schema(self) -> None:
        self._conn.execute("SELECT pg_advisory_xact_lock(7734190021)")

    def _tables(self) -> set[str]:
        return {str(r[0]) for r in self._execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'mlscope'")}

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            cur = self._conn.execute(sql, tuple(params) or None)
            return [tuple(r) for r in cur.fetchall()] if cur.description else []
        except psycopg.Error as e:  # the server went away, a full disk
            raise StoreError(f"the run store {self.where} failed: {str(e).strip()}") from e

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        import psycopg

        try:
            with self._conn.cursor() as cur:
                cur.executemany(sql, list(rows))
        except psycopg.Error as e:
            raise StoreError(f"the run store {self.where} failed: {str(e).strip()}") from e

    def _transaction(self) -> Any:
        return self._conn.transaction()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _hide_password(url: str) -> str:
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, userpass = head.partition("//")
    return f"{scheme}//{userpass.split(':', 1)[0]}:***@{tail}"
