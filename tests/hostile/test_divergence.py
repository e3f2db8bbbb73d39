"""Training that diverges (a learning rate far too high): the loss becomes inf or NaN. The
session used to die on the next frame (a histogram of NaN); now the page says the network
diverged, playing stops, every view still draws, and Reset at a lower rate trains again."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.encoding import decode
from mlscope.core.params import ParamError
from mlscope.core.session import Session
from mlscope.explorables.deep.playground import Playground
from mlscope.render.figure import FrameFigure
from tests.hostile.fragile import Fragile
from tests.protocol.peer import Peer

DIVERGING = [
    {"dataset": "plane", "learning_rate": 3},
    {"dataset": "plane", "learning_rate": 10, "activation": "relu"},
    {"dataset": "plane", "learning_rate": 10, "optimiser": "momentum"},
]


def play_until_stopped(ex: Playground, limit: int = 300) -> int:
    for k in range(limit):
        ex.step()
        if ex.finished:
            return k + 1
    raise AssertionError(f"still training after {limit} epochs: {ex.losses()}")


@pytest.mark.parametrize("values", DIVERGING, ids=lambda v: f"{v['dataset']}-{v['learning_rate']}")
def test_a_diverging_network_stops_and_every_view_still_draws(values):
    ex = Playground(step="free", **values)
    session = Session(ex)
    epochs = play_until_stopped(ex)
    assert ex.diverged and not np.isfinite(ex.losses()[0])
    frame = decode(session.frame_bytes())  # encodes: no NaN in the JSON, none in a range
    views = frame["views"]
    assert "diverged" in views["output"]["title"]
    assert views["output"]["layers"][0]["kind"] != "heatmap"  # no picture made of NaN
    assert "diverged" in views["loss"]["title"]
    assert views["metrics"]["rows"][0][1:] == ["–", "–"]
    assert "not numbers" in views["activations"]["title"]
    rgb = FrameFigure(Playground.layout, (640, 640)).draw(ex.frame())  # and in matplotlib
    assert rgb.std() > 0
    ex.step()  # a step after divergence trains nothing and stops again
    assert ex.finished and ex.epoch == epochs
    ex.set(learning_rate=0.01)
    ex.act("reset")
    assert not ex.diverged and np.isfinite(ex.losses()[0])


def test_values_at_the_limit_train_to_huge_losses_that_still_draw():
    data = tuple((x, y, 1e6 * (x + y) / 10) for x in range(-5, 6) for y in (-3, 3))
    ex = Playground(step="free", dataset="custom_reg", data=data, learning_rate=1)
    session, known = Session(ex), {}
    for _ in range(50):
        ex.step()
        decode(session.frame_bytes(), known)
    with pytest.raises(ParamError, match=r"data\[0\] value must be a number in "
                                         r"\[-1000000, 1000000\]; got -1e\+200"):
        ex.set(data=((0, 0, -1e200), (1, 1, 1)))


def test_the_story_says_what_happened_and_what_to_do():
    ex = Playground(step="rate", dataset="plane", learning_rate=3)
    play_until_stopped(ex)
    live = ex.story()["live"]
    assert "diverged" in live and "Lower the rate" in live


def test_over_the_socket_play_stops_and_the_session_lives_on(client):
    with client.websocket_connect("/ws/playground") as ws:
        p = Peer(ws)
        frame = p.frame_after(type="hello", params={"dataset": "plane", "learning_rate": "3",
                                                    "step": "free"})
        p.send(type="action", id=1, name="play")
        for _ in range(300):
            frame = p.next_frame(frame)
            if not frame["playing"]:
                break
        assert not frame["playing"] and "diverged" in frame["views"]["output"]["title"]
        p.send(type="set", id=2, params={"learning_rate": 0.03})
        p.send(type="action", id=3, name="reset")
        frame = p.next_frame(frame)
        frame = frame if frame["applied"] == 3 else p.next_frame(frame)
        assert frame["views"]["output"]["title"] == "Output"
        assert frame["views"]["metrics"]["rows"][0][1] != "–"


def test_a_bug_in_an_explorable_is_reported_and_the_session_keeps_going():
    s = Session(Fragile())
    out = s.receive({"type": "hello", "params": {}})
    assert isinstance(out[-1], bytes)
    s.receive({"type": "ack", "seq": decode(out[-1])["seq"]})
    playing = decode(s.receive({"type": "action", "id": 1, "name": "play"})[-1])
    assert s.receive({"type": "set", "id": 2, "params": {"x": 0.9}}) == []  # a frame in flight
    out = s.receive({"type": "ack", "seq": playing["seq"]})
    assert out[-1]["field"] == "explorable" and "failed (ZeroDivisionError)" in out[-1]["message"]
    assert not s.playing
    out = s.receive({"type": "set", "id": 3, "params": {"x": 0.2}})
    frame = decode(out[-1])
    assert frame["views"]["text"]["text"].startswith("x = 0.2") and not frame["playing"]
