"""Websocket messages of the wrong shape: a type that is a list or an object, params that
are a list, JSON nested 100,000 deep, garbage bytes, messages over the size limit, unknown
types and parameters, a burst of hundreds. Each is refused with the field named (a bad value
quoted by its start only) and the session answers the next good message."""

from __future__ import annotations

import json

from mlscope.core.params import MAX_MESSAGE_CHARS
from mlscope.core.protocol import MAX_MESSAGE_BYTES
from tests.protocol.peer import Peer

WRONG = [
    ({"type": ["set"], "id": 1, "params": {}}, "type"),
    ({"type": {"a": 1}}, "type"),
    ({"type": None}, "type"),
    ({"type": 7}, "type"),
    ({"type": "set", "id": 1, "params": [1, 2]}, "params"),
    ({"type": "set", "id": "1", "params": {}}, "id"),
    ({"type": "set", "id": True, "params": {}}, "id"),
    ({"type": "set", "id": -1, "params": {}}, "id"),
    ({"type": "set", "id": 1.5, "params": {}}, "id"),
    ({"type": "action", "id": 1, "name": ["play"]}, "name"),
    ({"type": "speed", "id": 1, "value": "fast"}, "value"),
    ({"type": "speed", "id": 1, "value": 0}, "speed"),
    ({"type": "export", "id": 1, "format": {"x": 1}}, "format"),
    ({"type": "export", "id": 1, "format": "exe"}, "format"),
    ({"type": "teleport", "id": 1}, "type"),
    ({"type": "set", "id": 1, "params": {"no_such": 1}}, "no_such"),
    ({"type": "set", "id": 1, "params": {"x" * 50_000: 1}}, "x" * 59 + "…"),
    ({"type": "set", "id": 1, "params": {"weight": "y" * 50_000}}, "weight"),
    ({"type": "hello", "params": "weight=0.2"}, "params"),
]


def test_every_wrong_shape_is_refused_and_the_session_lives_on(client):
    with client.websocket_connect("/ws/house-prices") as ws:
        p = Peer(ws)
        frame = p.frame_after(type="hello", params={"step": "free"})
        p.send(type="ack", seq=frame["seq"])
        for k, (msg, field) in enumerate(WRONG):
            got = p.exchange(100 + k, **msg)
            assert [m["field"] for m in got] == [field], (msg, got)
            assert len(got[0]["message"]) <= MAX_MESSAGE_CHARS
        frame = p.frame_after(type="set", id=500, params={"weight": 0.2})
        assert frame["applied"] == 500 and frame["params"]["weight"] == 0.2


def test_raw_garbage_deep_nesting_and_oversized_messages(client):
    raws = ["[" * 100_000 + "]" * 100_000,
            '{"type": "set", "id": 1, "params": ' + '{"a":' * 50_000 + "1" + "}" * 50_001,
            "not json", "", "\x00\xff" * 100, b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
            '{"type": "set", "id": 1, "params": {"weight": 0.2}, "pad": "' +
            "z" * MAX_MESSAGE_BYTES + '"}',
            # under the limit in characters, over it in bytes (é is two in UTF-8)
            '{"type": "set", "id": 1, "params": {}, "pad": "' + "é" * (MAX_MESSAGE_BYTES * 3 // 4)
            + '"}']
    with client.websocket_connect("/ws/house-prices") as ws:
        p = Peer(ws)
        frame = p.frame_after(type="hello", params={"step": "free"})
        p.send(type="ack", seq=frame["seq"])
        for raw in raws:
            if isinstance(raw, bytes):
                ws.send_bytes(raw)
            else:
                ws.send_text(raw)
            err = p.read()
            assert err["type"] == "error" and err["field"] in ("message", "params"), err
            assert len(err["message"]) <= MAX_MESSAGE_CHARS
        frame = p.frame_after(type="set", id=2, params={"bias": 120})
        assert frame["params"]["bias"] == 120


def test_a_burst_of_changes_is_applied_in_order_and_the_last_one_wins(client):
    with client.websocket_connect("/ws/house-prices") as ws:
        p = Peer(ws)
        frame = p.frame_after(type="hello", params={"step": "free"})
        for k in range(1, 401):
            ws.send_text(json.dumps({"type": "set", "id": k, "params": {"bias": k / 2}}))
        while frame["applied"] < 400:
            frame = p.next_frame(frame)
        assert frame["params"]["bias"] == 200


def test_a_link_of_twenty_thousand_unknown_names_gets_ten_messages_not_twenty_thousand(client):
    with client.websocket_connect("/ws/house-prices") as ws:
        p = Peer(ws)
        p.send(type="hello", params={**{f"p{k}": "1" for k in range(20_000)}, "bias": "150"})
        got = [p.read() for _ in range(11)]
        assert [m["type"] for m in got] == ["error"] * 10 + ["frame"]
        assert got[9]["message"] == "…and 19,991 more values of this link were not used."
        assert got[10]["params"]["bias"] == 150
