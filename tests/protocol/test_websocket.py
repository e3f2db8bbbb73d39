"""The web app through the ASGI test client: pages, and sessions over the websocket."""

import json

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from mlscope.explorables.deep.house_prices import mse
from mlscope.web.app import create_app
from mlscope.web.ws import CLOSE_TOO_MANY_SESSIONS, CLOSE_UNKNOWN_EXPLORABLE
from tests.protocol.peer import Peer

X, Y = [2104.0, 1600.0, 2400.0], [399.9, 329.9, 369.0]


@pytest.fixture
def client():
    with TestClient(create_app(max_sessions=3)) as c:
        yield c


def test_gallery_lists_the_explorable(client):
    html = client.get("/").text
    assert "Deep learning" in html and 'href="/x/house-prices"' in html
    assert 'src="/thumb/house-prices.png"' in html
    png = client.get("/thumb/house-prices.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")


def test_explorable_page_embeds_its_spec_and_the_bundle(client):
    html = client.get("/x/house-prices?weight=0.2").text
    spec = json.loads(html.split('id="mlscope-spec">')[1].split("</script>")[0])
    assert spec["slug"] == "house-prices"
    assert [p["name"] for p in spec["params"]] == ["weight", "bias", "learning_rate", "houses", "seed",
                                                      "step"]
    assert [s["name"] for s in spec["steps"]] == ["model", "error", "automation", "valley"]
    assert '<script src="/static/page.js">' in html and "cdn" not in html.lower()
    assert client.get("/static/page.js").status_code == 200
    assert client.get("/static/mlscope.css").status_code == 200
    embed = client.get("/x/house-prices?embed=1").text
    assert 'class="embed"' in embed and 'class="top"' not in embed


def test_unknown_explorable_page_is_a_clear_404(client):
    r = client.get("/x/<script>")
    assert r.status_code == 404
    assert "no explorable is called &#x27;&lt;script&gt;&#x27;" in r.text and "<script>'" not in r.text


def test_api_lists_explorables(client):
    (entry,) = [e for e in client.get("/api/explorables").json() if e["slug"] == "house-prices"]
    assert entry["topic_title"] == "Deep learning"


def test_a_parameter_change_gives_a_frame(client):
    with client.websocket_connect("/ws/house-prices") as ws:
        p = Peer(ws)
        first = p.frame_after(type="hello", params={"weight": "0.2", "step": "free"})
        assert first["params"]["weight"] == 0.2 and first["url"]["weight"] == "0.2"
        p.send(type="set", id=1, params={"weight": 0.06, "bias": 240})
        frame = p.frame_after(type="ack", seq=first["seq"])
        assert frame["applied"] == 1 and frame["params"]["bias"] == 240
        expected = mse(0.06, 240, __import__("numpy").array(X), __import__("numpy").array(Y))
        assert frame["views"]["table"]["footer"][0][-1] == f"{expected:,.1f}"
        assert frame["views"]["goal"]["tone"] == "success"
        heat = frame["views"]["landscape"]["layers"][0]
        assert heat["codes"].shape == (121, 121)  # reused from the first frame, not resent


def test_gradient_descent_over_the_socket(client):
    with client.websocket_connect("/ws/house-prices") as ws:
        p = Peer(ws)
        p.frame_after(type="hello", params={"step": "automation"})
        p.send(type="action", id=1, name="gd100")
        frame = p.frame_after(type="ack", seq=1)
        assert frame["params"]["weight"] == pytest.approx(0.0584879, rel=1e-4)
        assert len(frame["views"]["history"]["x"]) == 101


def test_a_bad_parameter_gives_an_error_and_the_session_lives_on(client):
    with client.websocket_connect("/ws/house-prices") as ws:
        p = Peer(ws)
        p.frame_after(type="hello", params={})
        err = p.frame_after(type="set", id=1, params={"weight": 7})
        assert err == {"type": "error", "field": "weight", "id": 1,
                       "message": "weight must be a number in [0, 0.4]; got 7."}
        err = p.frame_after(type="set", id=2, params={"houses": [[1, 2]]})
        assert err["field"] == "houses" and "between 2 and 10 points" in err["message"]
        ws.send_text("not json")
        assert p.read()["field"] == "message"
        p.send(type="set", id=3, params={"weight": 0.3})
        frame = p.frame_after(type="ack", seq=1)
        assert frame["params"]["weight"] == 0.3


def test_bad_url_values_are_reported_and_replaced_by_defaults(client):
    with client.websocket_connect("/ws/house-prices") as ws:
        p = Peer(ws)
        p.send(type="hello", params={"weight": "heavy", "bias": "200"})
        err, frame = p.read(), p.read()
        assert err["field"] == "weight" and "got 'heavy'" in err["message"]
        assert frame["params"]["weight"] == 0.1 and frame["params"]["bias"] == 200


def test_a_link_whose_value_fails_the_explorables_own_check_keeps_the_rest(client):
    # "log(-1 - x^2)" is text (it passes alone) but undefined everywhere: the derivative
    # page refuses it in its check; the link's other values still count
    with client.websocket_connect("/ws/derivative") as ws:
        p = Peer(ws)
        p.send(type="hello", params={"f": "log(-1 - x^2)", "x": "2", "h": "0.01",
                                     "step": "free"})
        err, frame = p.read(), p.read()
        assert err["field"] == "f" and "undefined everywhere" in err["message"]
        assert frame["params"]["f"] == "x^2"
        assert frame["params"]["x"] == 2 and frame["params"]["h"] == 0.01
        assert frame["params"]["step"] == "free"


def test_a_formula_sympy_cannot_handle_does_not_break_the_session(client):
    with client.websocket_connect("/ws/derivative") as ws:
        p = Peer(ws)
        frame = p.frame_after(type="hello", params={"f": "x+step(log(-1))", "step": "free"})
        assert frame["params"]["f"] == "x+step(log(-1))"
        p.send(type="set", id=1, params={"f": "x+atan(x/0)"})
        assert p.frame_after(type="ack", seq=1)["params"]["f"] == "x+atan(x/0)"


def test_unknown_explorable_socket_is_closed_with_a_reason(client):
    with pytest.raises(WebSocketDisconnect) as e, client.websocket_connect("/ws/nope") as ws:
        ws.receive_text()
    assert e.value.code == CLOSE_UNKNOWN_EXPLORABLE


def test_sessions_are_bounded_and_others_keep_working(client):
    sockets = [client.websocket_connect("/ws/house-prices") for _ in range(3)]
    peers = [Peer(s.__enter__()) for s in sockets]
    for p in peers:
        assert p.frame_after(type="hello", params={})["type"] == "frame"
    with pytest.raises(WebSocketDisconnect) as e, client.websocket_connect("/ws/house-prices") as ws:
        ws.receive_text()
    assert e.value.code == CLOSE_TOO_MANY_SESSIONS
    assert e.value.reason == "This server is full (3 sessions): try again later."
    p = peers[0]
    p.send(type="set", id=1, params={"bias": 10})
    assert p.frame_after(type="ack", seq=1)["params"]["bias"] == 10
    for s in sockets:
        s.__exit__(None, None, None)
    with client.websocket_connect("/ws/house-prices") as ws:  # slots are freed on close
        assert Peer(ws).frame_after(type="hello", params={})["type"] == "frame"


@pytest.mark.parametrize("slug", [c.slug for c in __import__("mlscope").all_explorables()])
def test_every_explorable_opens_and_answers_a_change(client, slug):
    assert client.get(f"/x/{slug}").status_code == 200
    assert client.get(f"/thumb/{slug}.png").status_code == 200
    with client.websocket_connect(f"/ws/{slug}") as ws:
        p = Peer(ws)
        first = p.frame_after(type="hello", params={"seed": "3"})
        assert first["type"] == "frame" and first["params"]["seed"] == 3
        p.send(type="set", id=1, params={"seed": 4})
        frame = p.frame_after(type="ack", seq=first["seq"])
        assert frame["applied"] == 1 and set(frame["views"]) == set(first["views"])
