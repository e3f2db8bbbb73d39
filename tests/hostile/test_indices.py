"""Out-of-range indices: Python reads -1 as "the last", so set_weight with layer -1 used to
edit the last layer's weight without a word. Every index is now counted from 0 and checked,
through the API and the websocket."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.explorables.deep.playground import Playground
from tests.protocol.peer import Peer


@pytest.mark.parametrize("wid", ["-1:0:0", "0:-1:0", "0:0:-1", "3:0:0", "0:2:0", "0:0:4",
                                 "-0:0:0x", "1:1", "a:b:c", "0:0:0:0", ""])
def test_set_weight_refuses_indices_outside_the_network(wid):
    ex = Playground(hidden=(4, 2), features=("x1", "x2"))
    before = [w.copy() for w in ex.net.weights]
    with pytest.raises(ParamError, match=r"no weight .* in this network"):
        ex.act("set_weight", {"id": wid, "value": 1.0})
    assert all(np.array_equal(a, b) for a, b in zip(before, ex.net.weights, strict=True))


def test_the_last_weight_is_still_reachable_by_its_own_number():
    ex = Playground(hidden=(4, 2), features=("x1", "x2"))
    ex.act("set_weight", {"id": "2:1:0", "value": 3.5})
    assert ex.net.weights[2][1, 0] == 3.5


def test_over_the_socket_the_session_keeps_the_weights_and_goes_on(client):
    with client.websocket_connect("/ws/playground") as ws:
        p = Peer(ws)
        frame = p.frame_after(type="hello", params={"step": "free"})
        p.send(type="ack", seq=frame["seq"])
        last = frame["views"]["network"]["dense"][-1]["weights"].copy()
        got = p.exchange(10, type="action", id=1, name="set_weight",
                         value={"id": "-1:0:0", "value": 9})
        assert [m["field"] for m in got] == ["weight"]
        frame = p.frame_after(type="action", id=11, name="set_weight",
                              value={"id": "2:0:0", "value": 2})
        assert frame["views"]["network"]["dense"][-1]["weights"][0, 0] == 2
        assert frame["views"]["network"]["dense"][-1]["weights"][1, 0] == last[1, 0]
