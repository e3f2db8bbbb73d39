"""Parameter specs: validation messages name the field and what is allowed; URL round trips."""

import math

import pytest

from mlscope.core.params import (
    BoolParam,
    ChoiceParam,
    FloatParam,
    IntParam,
    ParamError,
    PointsParam,
)

WEIGHT = FloatParam("weight", 0.18, 0.0, 0.4, step=0.001)
LR = FloatParam("learning_rate", 0.03, 1e-5, 10.0, log=True)
LAYERS = IntParam("layers", 2, 0, 6)
ACT = ChoiceParam("activation", "tanh", options=("relu", "tanh", "sigmoid", "linear"))
NOISY = BoolParam("noise", False)
PTS = PointsParam("points", ((1.0, 2.0, 0),), x_range=(0, 10), y_range=(-5, 5), n_labels=2,
                  max_points=3)


@pytest.mark.parametrize("value", [0, 0.0, 0.4, 0.25, "0.3", " 0.1"])
def test_float_accepts_values_in_range(value):
    assert WEIGHT.validate(value) == pytest.approx(float(value))


@pytest.mark.parametrize("value, shown", [
    (5, "5"), (-0.1, "-0.1"), (math.nan, "nan"), (math.inf, "inf"), ("abc", "'abc'"),
    (True, "True"), (None, "None"), ([0.1], r"\[0.1\]"),
])
def test_float_rejects_with_field_and_range(value, shown):
    with pytest.raises(ParamError, match=rf"^weight must be a number in \[0, 0.4\]; got {shown}\.$") as e:
        WEIGHT.validate(value)
    assert e.value.field == "weight"


def test_float_log_range_is_in_the_message():
    with pytest.raises(ParamError, match=r"learning_rate must be a number in \[1e-05, 10\]; got 50\."):
        LR.validate(50)


def test_float_spec_describes_the_control():
    spec = LR.spec()
    assert spec == {"kind": "float", "name": "learning_rate", "label": "learning_rate", "doc": "",
                    "default": 0.03, "lo": 1e-5, "hi": 10.0, "step": None, "log": True,
                    "group": "", "transient": False, "advanced": False}


def test_float_url_round_trip_is_exact():
    for v in (0.1, 0.123456789012, 0.0, 0.4):
        assert WEIGHT.parse(WEIGHT.to_url(v)) == v


def test_int_validation():
    assert LAYERS.validate(3) == 3
    assert LAYERS.validate(3.0) == 3
    assert LAYERS.parse("4") == 4
    for bad in (7, -1, 2.5, "two", True):
        with pytest.raises(ParamError, match=r"^layers must be a whole number in \[0, 6\]; got "):
            LAYERS.validate(bad)


def test_choice_lists_the_options():
    assert ACT.validate("relu") == "relu"
    with pytest.raises(ParamError, match=r"activation must be one of relu, tanh, sigmoid, linear; got 'elu'\."):
        ACT.validate("elu")


def test_bool_reads_url_forms():
    assert NOISY.parse("1") is True and NOISY.parse("off") is False
    assert NOISY.to_url(True) == "1"
    with pytest.raises(ParamError, match="noise must be true or false"):
        NOISY.validate("maybe")


def test_points_validate_and_round_trip():
    pts = PTS.validate([[1, 2], [3.5, -4, 1]])
    assert pts == ((1.0, 2.0, 0), (3.5, -4.0, 1))
    assert PTS.parse(PTS.to_url(pts)) == pts


@pytest.mark.parametrize("value, message", [
    ([[1, 2]] * 4, r"points must have between 0 and 3 points; got 4\."),
    ([[11, 0]], r"points\[0\] x must be a number in \[0, 10\]; got 11\."),
    ([[1, 9]], r"points\[0\] y must be a number in \[-5, 5\]; got 9\."),
    ([[1, 2, 5]], r"points\[0\] label must be a whole number in \[0, 1\]; got 5\."),
    ([[1]], r"points\[0\] must be \[x, y\] or \[x, y, label\]"),
    ("1,a", r"points\[0\] must be 'x,y' or 'x,y,label' numbers"),
    ({"x": 1}, r"points must be a list of \[x, y\] or \[x, y, label\] points"),
])
def test_points_errors_name_the_point(value, message):
    with pytest.raises(ParamError, match=message):
        PTS.validate(value)


def test_a_bad_default_is_refused_at_declaration():
    with pytest.raises(ParamError):
        FloatParam("x", 2.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="log-scale"):
        FloatParam("x", 1.0, 0.0, 2.0, log=True)
    with pytest.raises(ValueError, match="log-scale"):
        IntParam("n", 1, 0, 400, log=True)
    assert IntParam("n", 20, 2, 400, log=True).spec()["log"] is True


def test_a_float_shows_to_the_decimals_of_its_step():
    from mlscope.core.params import FloatParam

    w = FloatParam("weight", 0.1, 0.0, 0.4, step=0.0005)
    assert w.decimals == 4 and w.text(0.05848870966) == "0.0585" and w.text(0.1) == "0.1000"
    assert FloatParam("b", 1.0, 0.0, 10.0, step=0.5).text(2.0) == "2.0"
    c = FloatParam("c", 1.0, 0.0, 10.0)
    assert c.decimals is None and c.text(0.05848870966) == "0.058489"  # as the browser shows


def test_a_misspelt_name_or_value_gets_a_suggestion():
    import mlscope

    with pytest.raises(ParamError, match="optimizer is not a parameter of playground; did you "
                                         "mean 'optimiser'"):
        mlscope.explorable("playground", optimizer="adam")
    with pytest.raises(ParamError, match="got 'Adam'; did you mean 'adam'"):
        mlscope.explorable("playground", optimiser="Adam")
    with pytest.raises(ParamError, match="got 'spirals'; did you mean 'spiral'"):
        mlscope.explorable("playground", dataset="spirals")
    with pytest.raises(ParamError, match=r"got 'zzz'\.$"):  # nothing close: no guess
        mlscope.explorable("playground", dataset="zzz")
