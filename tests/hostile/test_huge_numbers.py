"""Whole numbers too large for int64 or a float (400 digits) anywhere a number goes: the URL,
the websocket's set, action, speed and export, message ids, the CLI. They used to kill the
session (an OverflowError formatting the error) or break the link for good; now each is
refused with the field and its range, and everything else keeps working."""

from __future__ import annotations

import pytest

from mlscope.cli import main
from mlscope.explorables.deep.playground import Playground
from tests.protocol.peer import Peer

HUGE = int("9" * 400)


def test_a_link_with_a_huge_seed_opens_on_the_default_and_says_why(client):
    assert client.get(f"/x/house-prices?seed={HUGE}").status_code == 200
    with client.websocket_connect("/ws/house-prices") as ws:
        p = Peer(ws)
        p.send(type="hello", params={"seed": str(HUGE), "bias": "150", "step": "free"})
        err, frame = p.read(), p.read()
        assert err["field"] == "seed"
        assert err["message"] == ("seed must be a whole number in [0, 2147483647]; got a whole "
                                  "number of 400 digits.")
        assert frame["params"]["seed"] == 0 and frame["params"]["bias"] == 150


@pytest.mark.parametrize("name", [p.name for p in Playground.all_params()
                                  if p.kind in ("int", "float")])
def test_every_number_of_the_playground_refuses_a_huge_one(client, name):
    with client.websocket_connect("/ws/playground") as ws:
        p = Peer(ws)
        frame = p.frame_after(type="hello", params={name: str(HUGE)})
        assert frame["type"] == "error" and frame["field"] == name
        assert "400 digits" in frame["message"] or "characters" in frame["message"]
        frame = p.read()
        p.send(type="ack", seq=frame["seq"])
        err = p.frame_after(type="set", id=1, params={name: HUGE})
        assert err["field"] == name and "401 digits" not in err["message"]  # 400 of them
        assert len(err["message"]) < 120


def test_huge_numbers_in_every_message_are_refused_and_the_session_lives_on(client):
    with client.websocket_connect("/ws/playground") as ws:
        p = Peer(ws)
        frame = p.frame_after(type="hello", params={"step": "free"})
        p.send(type="ack", seq=frame["seq"])
        for k, (msg, field) in enumerate([
                ({"type": "set", "id": HUGE, "params": {}}, "id"),
                ({"type": "speed", "id": 1, "value": HUGE}, "speed"),
                ({"type": "speed", "id": 2, "value": 1e308 * 10}, "speed"),
                ({"type": "export", "id": 3, "format": "gif", "frames": HUGE}, "frames"),
                ({"type": "export", "id": 4, "format": "gif", "size": -HUGE}, "size"),
                ({"type": "ack", "seq": HUGE}, "seq"),
                ({"type": "action", "id": 5, "name": "x" * 100_000}, "action"),
                ({"type": "action", "id": 6, "name": "set_weight",
                  "value": {"id": f"{HUGE}:0:0", "value": 1}}, "weight")]):
            got = p.exchange(100 + k, **msg)
            assert [m["field"] for m in got] == [field], (msg["type"], got)
            assert len(got[0]["message"]) <= 200
        frame = p.frame_after(type="set", id=200, params={"learning_rate": 0.1})
        assert frame["type"] == "frame" and frame["applied"] == 200
        assert frame["params"]["learning_rate"] == 0.1


def test_the_cli_refuses_a_huge_value_with_the_field_and_no_traceback(tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["export", "house-prices", "--set", f"seed={HUGE}", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mlscope export: seed must be a whole number in [0, 2147483647]")
    assert "Traceback" not in err and len(err) < 200
    assert main(["export", "playground", "--epochs", str(HUGE), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "frames" in err and len(err) < 200
    assert not out.exists()
