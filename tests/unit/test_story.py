"""The guided story: steps are declared correctly, the step is URL state that never touches
the model, the session sends only the step's views and the goal's state."""

import json

import pytest

from mlscope import catalog
from mlscope.core.encoding import decode
from mlscope.core.explorable import Explorable
from mlscope.core.params import FloatParam, ParamError
from mlscope.core.session import Session
from mlscope.core.story import FREE, PLAY, Step, check
from mlscope.core.views import Text
from mlscope.explorables.deep.house_prices import GOAL_MSE, HousePrices


class Walk(Explorable):
    """Two views, a story of two steps; counts how often the model is rebuilt."""

    slug = "walk"
    title = "Walk"
    topic = "other"
    summary = "Walks."
    params = (FloatParam("x", 0.0, 0.0, 10.0),)
    playable = True
    layout = (("a", "b"),)
    story_steps = (
        Step("first", "First", "Move x.", views=("a",), controls=("x",)),
        Step("second", "Second", "Reach 5.", views=("a", "b"), controls=("x", PLAY),
             goal="x at least 5", done=lambda ex: ex.p.x >= 5,
             live=lambda ex: f"x is {ex.p.x:g}"),
    )
    resets = 0

    def reset(self) -> None:
        type(self).resets += 1

    def frame(self):
        return {"a": Text(f"a {self.p.x}"), "b": Text("b")}


def test_a_step_that_is_malformed_is_refused_when_declared():
    with pytest.raises(ValueError, match="URL form"):
        Step("Two words", "t", "", views=("a",))
    with pytest.raises(ValueError, match="free play"):
        Step(FREE, "t", "", views=("a",))
    with pytest.raises(ValueError, match="shows no view"):
        Step("s", "t", "", views=())
    with pytest.raises(ValueError, match="no done"):
        Step("s", "t", "", views=("a",), goal="something")
    with pytest.raises(ValueError, match="highlights c"):
        Step("s", "t", "", views=("a",), controls=("x",), highlight=("c",))


def test_every_story_names_views_and_controls_that_exist():
    for cls in catalog.all_explorables():
        if not cls.story_steps:
            continue
        ex = cls()
        views = set(ex.frame())
        controls = {p.name for p in cls.all_params()} | {a.name for a in cls.actions}
        if cls.playable:
            controls.add(PLAY)
        check(cls.story_steps, views, controls)  # raises, naming the first missing name
        laid_out = {v for row in cls.layout for v in row}
        for s in cls.story_steps:
            assert set(s.views) <= laid_out, f"{cls.slug}: step {s.name} shows a view the layout lacks"
        assert set(cls.captions) <= views, f"{cls.slug}: a caption for a view it does not have"


def test_check_names_the_missing_view_or_control():
    with pytest.raises(ValueError, match="view 'c'"):
        check((Step("s", "t", "", views=("c",)),), {"a"}, set())
    with pytest.raises(ValueError, match="control 'y'"):
        check((Step("s", "t", "", views=("a",), controls=("y",)),), {"a"}, {"x"})


def test_the_step_is_a_url_parameter_that_never_rebuilds_the_model():
    ex = Walk(x=2)
    assert ex.values["step"] == "first" and ex.url_query()["step"] == "first"
    before = Walk.resets
    assert ex.set(step="second") == {"step"}
    assert Walk.resets == before  # the model is untouched
    ex.set(step="second", x=3)
    assert Walk.resets == before + 1  # x still resets, as declared
    assert Walk(step="free").step_now is None
    with pytest.raises(ParamError, match="step must be one of first, second, free; got 'third'"):
        ex.set(step="third")


def test_the_session_sends_the_steps_views_and_its_goal():
    s = Session(Walk())
    known: dict = {}

    def send(msg):
        return [decode(o, known) for o in s.receive(json.dumps(msg)) if isinstance(o, bytes)]

    (f,) = send({"type": "hello", "params": {}})
    assert set(f["views"]) == {"a"} and f["story"] == {"step": "first", "met": None, "live": ""}
    send({"type": "ack", "seq": f["seq"]})
    (f,) = send({"type": "set", "id": 1, "params": {"step": "second"}})
    assert set(f["views"]) == {"a", "b"}
    assert f["story"] == {"step": "second", "met": False, "live": "x is 0"}
    send({"type": "ack", "seq": f["seq"]})
    (f,) = send({"type": "set", "id": 2, "params": {"x": 6}})
    assert f["story"]["met"] is True and f["story"]["live"] == "x is 6"
    send({"type": "ack", "seq": f["seq"]})
    (f,) = send({"type": "set", "id": 3, "params": {"step": "free"}})
    assert set(f["views"]) == {"a", "b"} and f["story"]["step"] == "free"


def test_an_explorable_without_a_story_has_no_step():
    class Plain(Walk):
        slug = "plain"
        story_steps = ()

    ex = Plain()
    assert "step" not in ex.values and ex.story() is None
    assert Plain.describe()["steps"] == []


def test_house_prices_goals_follow_the_numbers():
    ex = HousePrices(step="error")
    assert ex.story()["met"] is False
    assert "below every house" in ex.story()["live"]  # the default line is too low
    w, b = ex.best
    ex.set(weight=w, bias=b)
    assert ex.error < GOAL_MSE and ex.story()["met"] is True
    ex.set(step="automation")
    ex.act("reset")
    assert ex.story()["met"] is False
    for _ in range(1000):
        ex.step()
        if ex.finished:
            break
    # Play stops at convergence, at the best line of the closed form.
    assert ex.finished and ex.story()["met"] is True
    assert ex.error == pytest.approx(ex.best_error, rel=1e-6)


def test_a_step_opened_from_a_link_starts_where_its_words_do():
    class Prepared(Walk):
        slug = "prepared"
        story_steps = (
            Step("first", "First", "Move x.", views=("a",), controls=("x",)),
            Step("later", "Later", "x is 7 here.", views=("a",), controls=("x",),
                 enter=lambda ex: ex.set(x=7) if ex.p.x < 7 else None),
        )

    assert Prepared(step="later").p.x == 7  # made at the step
    ex = Prepared()
    assert ex.p.x == 0
    ex.set(step="later")
    assert ex.p.x == 7  # entered
    ex.set(x=9, step="first")
    ex.set(step="later")
    assert ex.p.x == 9  # already there: left alone


def test_the_real_stories_prepare_their_steps():
    import mlscope

    surface = mlscope.explorable("network-transform", step="surface")
    assert surface.accuracy() >= 0.95 and surface.epoch > 0
    cube = mlscope.explorable("network-transform", step="cube")
    assert cube.p.t == 1.0
    weights = mlscope.explorable("two-inputs", step="weights")
    assert weights.finished and weights.error == pytest.approx(weights.best_error, rel=1e-6)
    assert weights.p.w_bathrooms < 0  # what the step's words say
    reg = mlscope.explorable("playground", step="regularise")
    assert reg.p.noise == 50 and reg.p.train_share == 10 and reg.p.hidden == (8, 8)


def test_a_notebook_shows_the_dashboard_or_the_story():
    import mlscope

    assert mlscope.show("house-prices").show_guide is False  # free play (the app sets it)
    story = mlscope.show("house-prices", story=True)
    assert story.show_guide is True and story.explorable.values["step"] == "model"
