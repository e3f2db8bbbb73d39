"""Binary encoding of a frame: a JSON header plus the raw bytes of every array.

Layout of one encoded frame (all little-endian)::

    uint32 n | n bytes of UTF-8 JSON header | zero padding to a multiple of 8 | array bytes

In the header every array is replaced by ``{"$a": k}``, k indexing ``header["arrays"]``,
whose entries are ``{"key", "dtype", "shape", "offset", "nbytes"}`` (offset from the start of
the array bytes, 8-byte aligned so the browser can view them in place as typed arrays), or
``{"key", "same": true}`` when the array is byte-for-byte what the last frame sent under
that key, in which case no bytes travel and the client reuses what it has.

dtypes: float64 arrays travel as float32 (plenty for the screen); heatmaps travel as uint8
colour codes (see ``HeatmapLayer.codes``); integer arrays as int32; uint8 stays uint8.
"""

from __future__ import annotations

import dataclasses
import json
import math
import struct
from typing import Any

import numpy as np

from mlscope.core.views import HeatmapLayer

_WIRE_DTYPES = {"f": np.float32, "i": np.int32, "u": np.uint8, "b": np.uint8}
_WIRE_NAMES = {np.dtype(np.float32): "float32", np.dtype(np.int32): "int32",
               np.dtype(np.uint8): "uint8"}
"""The wire dtypes' names (numpy's ``dtype.name`` is slow enough to show in a frame's cost)."""
_PLAIN = frozenset({str, int, float, bool, type(None)})
"""Types sent as they are: ``type(x) in _PLAIN`` is the encoder's fast test (subclasses such
as numpy's float64 take the slow path, which gives the same)."""


class ArrayCache:
    """The bytes last sent under each array key, so unchanged arrays are not sent again."""

    def __init__(self) -> None:
        self._last: dict[str, bytes] = {}

    def same(self, key: str, data: bytes) -> bool:
        if self._last.get(key) == data:
            return True
        self._last[key] = data
        return False


_F32_MAX = float(np.finfo(np.float32).max)


def _wire(a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    kind = a.dtype.kind
    if kind not in _WIRE_DTYPES:
        raise TypeError(f"cannot send an array of dtype {a.dtype}")
    if kind == "u" and a.dtype != np.uint8:
        return np.ascontiguousarray(a, dtype=np.int32)
    if kind == "f" and a.dtype.itemsize > 4:
        # float64 travels as float32: a finite value beyond float32's range (exp(100x))
        # would arrive as infinity; it arrives as NaN, a gap, as undefined values do
        big = np.abs(a) > _F32_MAX
        if big.any():
            a = np.where(big, np.nan, a)
    return np.ascontiguousarray(a, dtype=_WIRE_DTYPES[kind])


class _Writer:
    def __init__(self, cache: ArrayCache | None) -> None:
        self.cache = cache
        self.arrays: list[dict[str, Any]] = []
        self.chunks: list[bytes] = []
        self.offset = 0

    def array(self, key: str, a: np.ndarray[Any, Any]) -> dict[str, int]:
        w = _wire(np.asarray(a))
        data = w.tobytes()
        entry: dict[str, Any] = {"key": key}
        if self.cache is not None and self.cache.same(key, data):
            entry["same"] = True
        else:
            pad = (-len(data)) % 8
            entry.update(dtype=_WIRE_NAMES[w.dtype], shape=list(w.shape), offset=self.offset,
                         nbytes=len(data))
            self.chunks.append(data + b"\0" * pad)
            self.offset += len(data) + pad
        self.arrays.append(entry)
        return {"$a": len(self.arrays) - 1}

    def value(self, key: str, v: Any) -> Any:
        t = type(v)
        if t in _PLAIN or isinstance(v, str | int | float):  # most values
            return v
        if t in _FIELD_NAMES and t is not HeatmapLayer:  # a view's part seen before
            return self._fields(key, v)
        if isinstance(v, HeatmapLayer):
            d = self._fields(key, v, skip="values")
            d["codes"] = self.array(f"{key}/codes", v.codes())
            return d
        if isinstance(v, np.ndarray):
            return self.array(key, v)
        if isinstance(v, list | tuple):  # plain values inline: no key string per element
            return [x if type(x) in _PLAIN else self.value(f"{key}/{i}", x)
                    for i, x in enumerate(v)]
        if isinstance(v, dict):
            return {str(k): self.value(f"{key}/{k}", x) for k, x in v.items()}
        if isinstance(v, np.generic):
            return v.item()
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return self._fields(key, v)
        return v

    def _fields(self, key: str, obj: Any, skip: str = "") -> dict[str, Any]:
        d: dict[str, Any] = {"kind": getattr(obj, "kind", type(obj).__name__.lower())}
        for name in _field_names(type(obj)):
            if name != skip:
                x = getattr(obj, name)
                d[name] = x if type(x) in _PLAIN else self.value(f"{key}/{name}", x)
        return d


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def encode(header: dict[str, Any], cache: ArrayCache | None = None) -> bytes:
    """Encode ``header`` (which may hold view dataclasses and arrays anywhere) as one frame."""
    w = _Writer(cache)
    body = {k: w.value(k, v) for k, v in header.items()}
    body["arrays"] = w.arrays
    try:
        head = json.dumps(body, separators=(",", ":"), allow_nan=False).encode()
    except ValueError:  # NaN or ±inf in a field (a diverged network's bias): sent as null
        head = json.dumps(_finite(body), separators=(",", ":"), allow_nan=False).encode()
    pad = (-(4 + len(head))) % 8
    return b"".join([struct.pack("<I", len(head)), head, b" " * pad, *w.chunks])


def _finite(v: Any) -> Any:
    """``v`` with every NaN or infinite float replaced by None (JSON has no such numbers)."""
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, list):
        return [_finite(x) for x in v]
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    return v


def decode(blob: bytes, previous: dict[str, np.ndarray[Any, Any]] | None = None) -> dict[str, Any]:
    """Inverse of ``encode`` (the browser has its own in ``frontend/src/decode.ts``).

    ``previous`` maps keys to arrays already received; it is updated in place.
    """
    (n,) = struct.unpack_from("<I", blob, 0)
    header = json.loads(blob[4 : 4 + n])
    base = 4 + n + (-(4 + n)) % 8
    known = previous if previous is not None else {}
    arrays = []
    for e in header.pop("arrays"):
        if e.get("same"):
            arrays.append(known[e["key"]])
            continue
        a = np.frombuffer(blob, dtype=e["dtype"], count=int(np.prod(e["shape"])),
                          offset=base + e["offset"]).reshape(e["shape"])
        known[e["key"]] = a
        arrays.append(a)

    def resolve(v: Any) -> Any:
        if isinstance(v, dict):
            if set(v) == {"$a"}:
                return arrays[v["$a"]]
            return {k: resolve(x) for k, x in v.items()}
        if isinstance(v, list):
            return [resolve(x) for x in v]
        return v

    return dict(resolve(header))
