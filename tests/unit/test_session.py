"""The session state machine: one frame in flight, acks, play loop, errors that keep it alive."""

import json

import pytest

from mlscope.core.encoding import decode
from mlscope.core.explorable import Explorable
from mlscope.core.params import FloatParam
from mlscope.core.session import Session
from mlscope.core.views import Text


class Counter(Explorable):
    """A minimal explorable: counts steps; `rate` is a parameter."""

    slug = "counter"
    title = "Counter"
    topic = "other"
    summary = "Counts."
    params = (FloatParam("rate", 1.0, 0.0, 10.0),)
    playable = True
    layout = (("count",),)

    def reset(self) -> None:
        self.count = 0

    def changed(self, names: set[str]) -> None:
        pass  # keep counting across rate changes

    def step(self) -> None:
        self.count += 1

    def frame(self):
        return {"count": Text(str(self.count))}


class Frames:
    """Feed a session and decode what it sends."""

    def __init__(self, session: Session) -> None:
        self.s, self.known = session, {}

    def send(self, msg):
        out = []
        for o in self.s.receive(json.dumps(msg)):
            out.append(decode(o, self.known) if isinstance(o, bytes) else o)
        return out


def test_hello_gives_a_frame_then_nothing_until_ack():
    f = Frames(Session(Counter()))
    (frame,) = f.send({"type": "hello", "params": {}})
    assert frame["type"] == "frame" and frame["seq"] == 1
    assert f.send({"type": "set", "id": 1, "params": {"rate": 2}}) == []  # one in flight
    assert f.send({"type": "set", "id": 2, "params": {"rate": 3}}) == []
    (frame,) = f.send({"type": "ack", "seq": 1})
    assert frame["params"]["rate"] == 3 and frame["applied"] == 2  # both changes, one frame
    assert f.send({"type": "ack", "seq": 2}) == []  # nothing changed: idle


def test_a_stale_ack_does_not_release_the_frame_in_flight():
    f = Frames(Session(Counter()))
    f.send({"type": "hello", "params": {}})
    f.send({"type": "set", "id": 1, "params": {"rate": 2}})
    assert f.send({"type": "ack", "seq": 0}) == []


def test_play_runs_speed_steps_per_frame():
    f = Frames(Session(Counter()))
    f.send({"type": "hello", "params": {}})
    f.send({"type": "speed", "id": 1, "value": 5})
    f.send({"type": "action", "id": 2, "name": "play"})
    (frame,) = f.send({"type": "ack", "seq": 1})
    assert frame["playing"] and frame["views"]["count"]["text"] == "5"
    (frame,) = f.send({"type": "ack", "seq": 2})
    assert frame["views"]["count"]["text"] == "10"
    f.send({"type": "action", "id": 3, "name": "pause"})
    (frame,) = f.send({"type": "ack", "seq": 3})
    assert not frame["playing"] and frame["views"]["count"]["text"] == "10"
    assert f.send({"type": "ack", "seq": 4}) == []


def test_bad_values_give_errors_and_the_session_goes_on():
    f = Frames(Session(Counter()))
    f.send({"type": "hello", "params": {}})
    (err,) = f.send({"type": "set", "id": 1, "params": {"rate": 50}})
    assert err == {"type": "error", "field": "rate", "id": 1,
                   "message": "rate must be a number in [0, 10]; got 50."}
    (err,) = f.send({"type": "set", "id": 2, "params": {"speed": 5}})
    assert err["field"] == "speed" and "parameters are rate, seed" in err["message"]
    (err,) = f.send({"type": "speed", "id": 3, "value": 0})
    assert err["message"] == "speed must be a whole number in [1, 1000]; got 0."
    (err,) = f.send({"type": "action", "id": 4, "name": "explode"})
    assert err["field"] == "action" and "explode" in err["message"]
    (err,) = f.send({"type": "dance"})
    assert err["field"] == "type"
    assert f.s.receive("{not json")[0]["field"] == "message"
    assert f.s.receive("x" * (2 << 20))[0]["field"] == "message"
    f.send({"type": "set", "id": 9, "params": {"rate": 4}})
    (frame,) = f.send({"type": "ack", "seq": 1})
    assert frame["params"]["rate"] == 4


def test_hello_with_a_bad_url_value_opens_on_the_default_and_says_why():
    f = Frames(Session(Counter()))
    err, frame = f.send({"type": "hello", "params": {"rate": "lots", "seed": "7"}})
    assert err["field"] == "rate" and "got 'lots'" in err["message"]
    assert frame["params"] == {"rate": 1.0, "seed": 7}
    assert frame["url"] == {"rate": "1", "seed": "7"}


def test_python_side_set_validates_and_sends_when_free():
    s = Session(Counter())
    s.receive({"type": "hello", "params": {}})
    assert s.set(rate=2.0) == []  # frame 1 still in flight
    with pytest.raises(Exception, match="rate must be"):
        s.set(rate=-1)
    (blob,) = s.receive({"type": "ack", "seq": 1})
    assert decode(blob)["params"]["rate"] == 2.0


def test_prepare_computes_the_next_frame_while_one_is_in_flight():
    from mlscope import catalog
    from mlscope.core.encoding import decode

    s = Session(catalog.get("playground")())
    known: dict = {}
    first = [decode(b, known) for b in s.receive({"type": "hello", "params": {}})]
    s.prepare()  # not playing: nothing to prepare
    assert s._ready is None
    s.receive({"type": "action", "id": 1, "name": "play"})
    s.receive({"type": "ack", "seq": first[0]["seq"]})  # frame 2 (playing) goes out
    s.prepare()
    assert s._ready is not None and s.explorable.epoch == 2
    s.receive({"type": "ack", "seq": 1})  # a stale ack releases nothing
    out = s.receive({"type": "ack", "seq": 2})
    frame = decode(out[0], known)
    assert frame["seq"] == 3 and frame["playing"]
    s.receive({"type": "action", "id": 2, "name": "pause"})
    s.prepare()  # a frame is in flight but play has stopped: nothing more is computed
    assert s._ready is None


def test_a_link_without_points_gets_the_points_its_count_and_seed_make():
    """Parameters a link leaves out take their defaults, not the values of the session's
    first explorable: points generated for 12 must not stand in for a count of 30."""
    from mlscope import catalog
    from mlscope.core.encoding import decode

    s = Session(catalog.get("linear-regression")())
    out = s.receive({"type": "hello", "params": {"count": "30", "step": "free"}})
    frame = decode(next(m for m in out if isinstance(m, bytes)))
    assert len(s.explorable.p.points) == 30
    assert len(frame["views"]["fit"]["layers"][-1]["x"]) == 30


class Clock:
    """A stand-in for time.perf_counter that moves only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def playing_on_a_fake_clock(monkeypatch, step_s: float = 0.005
                            ) -> tuple[Clock, Session, Frames]:
    """A session playing an explorable whose steps each cost ``step_s`` of a fake clock (the
    session's perf_counter), as fast as its budget allows."""
    import mlscope.core.session as session_module

    clock = Clock()
    monkeypatch.setattr(session_module.time, "perf_counter", clock)

    class Slow(Counter):
        default_speed = 1000

        def step(self) -> None:
            super().step()
            clock.now += step_s

    session = Session(Slow())
    f = Frames(session)
    f.send({"type": "hello", "params": {}})
    f.send({"type": "action", "id": 1, "name": "play"})
    return clock, session, f


def steps_per_frame(f: Frames, render_ms: list) -> list[int]:
    """Ack each frame with the next of ``render_ms``; the steps each new frame took."""
    seq, steps, last = 1, [], 0
    for ms in render_ms:
        (frame,) = f.send({"type": "ack", "seq": seq, "render_ms": ms})
        seq = frame["seq"]
        count = int(frame["views"]["count"]["text"])
        steps.append(count - last)
        last = count
    return steps


def test_play_fills_the_time_the_page_takes_to_draw(monkeypatch):
    """Each step costs 5 ms of the fake clock. A page that draws in 5 ms leaves the 18 ms
    budget (4 steps: 20 ms is nearer 18 than 15 is); one that takes 24 ms (software raster,
    5,000 points) lets the session use 0.9 of that, as it computes while the page draws (4
    steps, 20 of 21.6 ms); a 100 ms one, the cap of 30 ms (6). A bad render_ms is
    ignored."""
    _, session, f = playing_on_a_fake_clock(monkeypatch)
    steps = steps_per_frame(f, [5] * 8 + [24] * 12 + [100] * 12 + ["x", -3])
    assert steps[7] == 4 and steps[19] == 4 and steps[31] == 6 and steps[-1] == 6
    assert session.step_budget() == 0.030
    f.send({"type": "action", "id": 2, "name": "pause"})
    assert session.paint_period == 0.0 and session.step_budget() == 0.018


def test_a_frame_ends_as_near_its_budget_as_whole_steps_allow(monkeypatch):
    """Steps of 14 ms (t-SNE at 5,000 points) under the 30 ms cap: two a frame (28 ms), not
    a third that would end at 42 ms and hold the page below 30 frames per second. A step
    longer than the whole budget still runs, one a frame."""
    _, session, f = playing_on_a_fake_clock(monkeypatch, 0.014)
    steps = steps_per_frame(f, [100] * 12)
    assert session.step_budget() == 0.030 and steps[-4:] == [2, 2, 2, 2]
    _, session, f = playing_on_a_fake_clock(monkeypatch, 0.050)
    steps = steps_per_frame(f, [100] * 4)
    assert steps[1:] == [1, 1, 1]


def test_play_fills_the_time_prepared_frames_wait_for_the_page(monkeypatch):
    """Steps cost 5 ms of the fake clock and the page draws fast (render_ms 2), but each
    prepared frame waits 12 ms for its ack (the page's animation frame): the budget grows
    by most of that wait, to 18 + 0.8·12/(1 - 0.8) ms at most, capped at 30 ms. When frames
    stop waiting (the page acks at once), it shrinks back to the 18 ms floor."""
    clock, session, f = playing_on_a_fake_clock(monkeypatch)
    seq, budgets = 1, []
    for wait in [0.012] * 15 + [0.0] * 25:
        (frame,) = f.send({"type": "ack", "seq": seq, "render_ms": 2})
        seq = frame["seq"]
        session.prepare()  # the next frame, computed as the page draws this one
        clock.now += wait  # ... then it waits for the page's ack
        budgets.append(session.step_budget())
    assert budgets[0] == 0.018
    assert budgets[14] == 0.030  # grown to the cap
    assert budgets[-1] < 0.0185  # back to the floor


def test_frames_say_which_parameters_have_no_effect_now_when_that_changes():
    from mlscope import catalog
    from mlscope.core.encoding import decode

    s = Session(catalog.get("chance")())
    known: dict = {}
    (first,) = [decode(b, known) for b in s.receive({"type": "hello", "params": {}})]
    assert first["unused"] == ["weights"]  # a coin has no die weights
    (same,) = [decode(b, known) for b in s.receive({"type": "ack", "seq": 1}) +
               s.receive({"type": "action", "id": 1, "name": "flip10"})]
    assert "unused" not in same  # unchanged: not resent
    s.receive({"type": "ack", "seq": same["seq"]})
    (die,) = [decode(b, known) for b in
              s.receive({"type": "set", "id": 2, "params": {"source": "die"}})]
    assert die["unused"] == ["p_heads"]
