"""Binary frames: arrays travel as typed bytes, aligned, decoded back exactly; unchanged
arrays are not sent twice."""

import json
import struct

import numpy as np
import pytest

from mlscope.core.encoding import ArrayCache, decode, encode
from mlscope.core.views import HeatmapLayer, LinesLayer, Plot, Text


def _header(blob: bytes) -> dict:
    (n,) = struct.unpack_from("<I", blob)
    return json.loads(blob[4 : 4 + n])


def test_round_trip_of_arrays_and_dataclasses():
    x = np.linspace(0, 1, 7)
    plot = Plot("t", "x", "y", (0, 1), (0, 1), [LinesLayer(x, x**2, color="#ff0000")])
    out = decode(encode({"views": {"p": plot, "msg": Text("hi")}, "n": 3}))
    layer = out["views"]["p"]["layers"][0]
    assert out["n"] == 3 and out["views"]["msg"] == {"kind": "text", "text": "hi", "tone": "info",
                                                     "title": ""}
    assert layer["kind"] == "lines" and layer["color"] == "#ff0000"
    assert layer["x"].dtype == np.float32
    np.testing.assert_allclose(layer["y"], (x**2).astype(np.float32))


def test_no_array_travels_as_a_json_list():
    blob = encode({"a": np.arange(1000.0)})
    head = _header(blob)
    assert head["a"] == {"$a": 0}
    assert head["arrays"][0]["nbytes"] == 4000 and head["arrays"][0]["dtype"] == "float32"
    assert len(blob) < 4000 + 200


def test_arrays_are_8_byte_aligned():
    blob = encode({"a": np.arange(3, dtype=np.uint8), "b": np.arange(5.0)})
    (n,) = struct.unpack_from("<I", blob)
    base = 4 + n + (-(4 + n)) % 8
    assert base % 8 == 0
    for e in _header(blob)["arrays"]:
        assert e["offset"] % 8 == 0


def test_heatmap_travels_as_uint8_codes():
    values = np.array([[0.0, 0.5], [1.0, 2.0]])
    layer = HeatmapLayer(values, (0, 1), (0, 1), vmin=0.0, vmax=1.0)
    out = decode(encode({"h": layer}))["h"]
    assert "values" not in out and out["codes"].dtype == np.uint8
    np.testing.assert_array_equal(out["codes"], [[0, 128], [255, 255]])


def test_unchanged_arrays_are_not_resent():
    cache, known = ArrayCache(), {}
    big = np.random.default_rng(0).random((100, 100))
    first = encode({"h": big, "t": np.array([1.0])}, cache)
    second = encode({"h": big, "t": np.array([2.0])}, cache)
    assert len(second) < len(first) / 10
    assert [e.get("same", False) for e in _header(second)["arrays"]] == [True, False]
    decode(first, known)
    out = decode(second, known)
    np.testing.assert_allclose(out["h"], big.astype(np.float32))
    assert out["t"][0] == 2.0


def test_nan_outside_arrays_travels_as_null():
    # JSON has no NaN: a diverged network's bias (or any non-number field) arrives as null
    out = decode(encode({"x": float("nan"), "v": [1.5, float("inf"), {"b": -float("inf")}]}))
    assert out["x"] is None and out["v"] == [1.5, None, {"b": None}]
    out = decode(encode({"x": np.array([np.nan])}))  # inside arrays NaN is data (gaps)
    assert np.isnan(out["x"][0])


def test_values_beyond_float32_arrive_as_gaps_not_infinities():
    # float64 travels as float32; exp(100x) at x = 3 is 1.9e130, which float32 would make inf
    a = np.array([1.0, 1.9e130, -1e300, np.inf, np.nan, 3.0e38])
    out = decode(encode({"a": a}))["a"]
    assert not np.isinf(out).any()
    np.testing.assert_array_equal(np.isnan(out), [False, True, True, True, True, False])
    assert out[5] == pytest.approx(3.0e38, rel=1e-6)
