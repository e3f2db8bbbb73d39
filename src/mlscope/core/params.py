"""Typed parameters.

One frozen spec per parameter is the single source for validation (API, URL and websocket
alike), for the control the front end generates, and for the URL form of the value.

>>> weight = FloatParam("weight", 0.18, 0.0, 0.4, step=0.001)
>>> weight.validate(0.25)
0.25
>>> weight.validate(5)
Traceback (most recent call last):
...
mlscope.core.params.ParamError: weight must be a number in [0, 0.4]; got 5.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeGuard

Point = tuple[float, float, int | float]
"""A point of a PointsParam: (x, y, label); the label is a float with ``float_labels``."""


MAX_MESSAGE_CHARS = 400
"""An error message is cut to this many characters: it goes to the page and into logs, and
must not echo a 100 kB value back whole."""


class ParamError(ValueError):
    """A parameter value that is not allowed; ``field`` names the parameter."""

    def __init__(self, field: str, message: str) -> None:
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[:MAX_MESSAGE_CHARS - 1] + "…"
        field = field if len(field) <= 60 else field[:59] + "…"
        super().__init__(message)
        self.field = field
        self.message = message


def brief(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message, at most about ``limit`` characters: a long value shows
    its start and its length, a huge whole number its count of digits."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        return f"a whole number of {len(str(abs(value)))} digits"
    if isinstance(value, str) and len(value) > limit and value.strip().lstrip("+-").isdigit():
        return f"a whole number of {len(value.strip().lstrip('+-'))} digits"
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit - 20]}… ({len(text):,} characters)"


def did_you_mean(value: object, known: Sequence[str]) -> str | None:
    """The known name ``value`` was most likely meant as: the same but for case, "-" or
    "_", or the closest by spelling (difflib); None if none is close."""
    if not isinstance(value, str) or not known:
        return None
    plain = {k.lower().replace("-", "_"): k for k in known}
    hit = plain.get(value.lower().replace("-", "_"))
    if hit is not None:
        return hit
    close = difflib.get_close_matches(value.lower(), [k.lower() for k in known], n=1,
                                      cutoff=0.88)
    return next((k for k in known if k.lower() == close[0]), None) if close else None


def finite(x: object) -> TypeGuard[int | float]:
    """True for a real number (not a bool) that a float can hold: not NaN, not infinite, not
    a whole number of 400 digits (``math.isfinite`` raises OverflowError on those)."""
    if isinstance(x, bool) or not isinstance(x, int | float):
        return False
    try:
        return math.isfinite(x)
    except OverflowError:
        return False


def _num(x: float) -> str:
    """Shortest text that reads back to the same number (used in URLs and messages)."""
    if isinstance(x, int) and not isinstance(x, bool):
        return str(x) if abs(x) < 10**15 else brief(x)
    if math.isfinite(x) and float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


EFFECTS = ("restart", "data", "live", "view")
"""What a parameter's new value does to the model; see ``Param.effect``."""


@dataclass(frozen=True)
class Param:
    """Base of every parameter spec. Subclasses define kind, validate, parse and to_url."""

    name: str
    default: Any
    label: str = field(default="", kw_only=True)
    doc: str = field(default="", kw_only=True)
    group: str = field(default="", kw_only=True)
    """Controls with the same group are shown together under that heading."""
    transient: bool = field(default=False, kw_only=True)
    """View state (e.g. the neuron under the mouse): no control and not in the URL."""
    advanced: bool = field(default=False, kw_only=True)
    """A rarely used setting: its control sits under the page's Advanced fold (unless a
    story's step asks for it)."""
    effect: str = field(default="restart", kw_only=True)
    """What a new value does to the model (one of ``EFFECTS``), so no explorable keeps a
    hand-written list of names: "restart" starts it again (the default: a new network, a
    new data set), "data" changes its data but it may keep what it learned (a point
    dragged), "live" goes into the running model (a learning rate, a weight typed by hand),
    "view" changes only what is shown (t, a layer to look at, a toggle)."""

    kind: ClassVar[str] = "param"

    def validate(self, value: object) -> Any:
        raise NotImplementedError

    def parse(self, text: str) -> Any:
        """Read the value from its URL text; raises ParamError if it is not allowed."""
        return self.validate(text)

    def to_url(self, value: Any) -> str:
        return str(value)

    def spec(self) -> dict[str, Any]:
        """The JSON description the front end builds a control from."""
        return {
            "kind": self.kind,
            "name": self.name,
            "label": self.label or self.name,
            "doc": self.doc,
            "default": self.default,
            "group": self.group,
            "transient": self.transient,
            "advanced": self.advanced,
        }

    def _error(self, allowed: str, value: object) -> ParamError:
        shown = _num(value) if isinstance(value, int | float) and not isinstance(value, bool) \
            else brief(value)
        return ParamError(self.name, f"{self.name} must be {allowed}; got {shown}.")


@dataclass(frozen=True)
class FloatParam(Param):
    """A real number in [lo, hi]; ``step`` is the slider's resolution, ``log`` its scale."""

    lo: float = 0.0
    hi: float = 1.0
    step: float | None = None
    log: bool = False

    kind: ClassVar[str] = "float"

    def __post_init__(self) -> None:
        if not self.lo < self.hi:
            raise ValueError(f"{self.name}: lo must be below hi")
        if self.log and self.lo <= 0:
            raise ValueError(f"{self.name}: a log-scale parameter needs lo > 0")
        self.validate(self.default)

    @property
    def allowed(self) -> str:
        return f"a number in [{_num(self.lo)}, {_num(self.hi)}]"

    def validate(self, value: object) -> float:
        if isinstance(value, str):
            return self.parse(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._error(self.allowed, value)
        try:
            v = float(value)
        except OverflowError:  # a whole number beyond any float
            raise self._error(self.allowed, value) from None
        if not math.isfinite(v) or v < self.lo or v > self.hi:
            raise self._error(self.allowed, value)
        return v

    def parse(self, text: str) -> float:
        try:
            v = float(text)
        except (ValueError, OverflowError):
            raise self._error(self.allowed, text) from None
        if math.isinf(v) and "inf" not in text.lower():  # "1e999", 400 digits: say what came
            raise self._error(self.allowed, text)
        return self.validate(v)

    def to_url(self, value: Any) -> str:
        return _num(value)

    @property
    def decimals(self) -> int | None:
        """Decimals of ``step`` (0.0005: 4): how many a control shows; None without a step."""
        if not self.step:
            return None
        mant, exp = f"{self.step:e}".split("e")
        return max(0, len(mant.rstrip("0").split(".")[1]) - int(exp))

    def text(self, value: float) -> str:
        """``value`` as the control shows it (to the step's decimals), for formulas and
        prose, so a number reads the same beside its slider: 0.1000 for a step of 0.0005."""
        if self.decimals is None:  # six significant digits, at most six decimals (format.ts)
            return f"{float(f'{value:.6g}'):.6f}".rstrip("0").rstrip(".")
        return f"{value:.{self.decimals}f}"

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "lo": self.lo, "hi": self.hi, "step": self.step, "log": self.log}


@dataclass(frozen=True)
class IntParam(Param):
    """A whole number in [lo, hi]; ``log`` puts the slider on a log scale (a group size
    from 2 to 400, where 2 to 20 matters as much as 40 to 400)."""

    lo: int = 0
    hi: int = 100
    step: int = 1
    log: bool = False

    kind: ClassVar[str] = "int"

    def __post_init__(self) -> None:
        if self.log and self.lo <= 0:
            raise ValueError(f"{self.name}: a log-scale parameter needs lo > 0")
        self.validate(self.default)

    @property
    def allowed(self) -> str:
        return f"a whole number in [{self.lo}, {self.hi}]"

    def validate(self, value: object) -> int:
        if isinstance(value, str):
            return self.parse(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not self.lo <= value <= self.hi:
            raise self._error(self.allowed, value)
        return value

    def parse(self, text: str) -> int:
        try:
            v = int(text.strip())
        except ValueError:
            raise self._error(self.allowed, text) from None
        return self.validate(v)

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "lo": self.lo, "hi": self.hi, "step": self.step,
                "log": self.log}


@dataclass(frozen=True)
class ChoiceParam(Param):
    """One of a fixed list of names; ``labels`` are what the control shows."""

    options: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    kind: ClassVar[str] = "choice"

    def __post_init__(self) -> None:
        if self.labels and len(self.labels) != len(self.options):
            raise ValueError(f"{self.name}: one label per option")
        self.validate(self.default)

    @property
    def allowed(self) -> str:
        return "one of " + ", ".join(self.options)

    def validate(self, value: object) -> str:
        if not isinstance(value, str) or value not in self.options:
            err = self._error(self.allowed, value)
            guess = did_you_mean(value, self.options)
            if guess:
                err = ParamError(self.name, f"{err.message[:-1]}; did you mean {guess!r}?")
            raise err
        return value

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "options": list(self.options),
                "labels": list(self.labels or self.options)}


@dataclass(frozen=True)
class BoolParam(Param):
    """On or off. In a URL: 1/0 (true/false, yes/no and on/off are read too)."""

    kind: ClassVar[str] = "bool"

    def validate(self, value: object) -> bool:
        if isinstance(value, str):
            return self.parse(value)
        if not isinstance(value, bool):
            raise self._error("true or false", value)
        return value

    def parse(self, text: str) -> bool:
        t = text.strip().lower()
        if t in ("1", "true", "yes", "on"):
            return True
        if t in ("0", "false", "no", "off"):
            return False
        raise self._error("true or false (1 or 0)", text)

    def to_url(self, value: Any) -> str:
        return "1" if value else "0"


@dataclass(frozen=True)
class PointsParam(Param):
    """A list of labelled points (x, y, label) inside a box, e.g. data the user can drag.

    In a URL: ``x,y,label;x,y,label``. ``n_labels`` classes are allowed (labels 0..n-1).
    """

    x_range: tuple[float, float] = (0.0, 1.0)
    y_range: tuple[float, float] = (0.0, 1.0)
    n_labels: int = 1
    min_points: int = 0
    max_points: int = 1000
    float_labels: bool = False
    """Labels are numbers in ``label_range`` (regression targets) instead of classes 0..n-1."""
    label_range: tuple[float, float] = (-1e6, 1e6)
    """The values allowed with ``float_labels``: beyond ±1e6 a squared error overflows
    long before training can mean anything."""
    snap: float = 0.0
    """A point dragged in a plot lands on a multiple of this (0: anywhere), as a slider
    moves in steps; typed values are kept as typed."""

    kind: ClassVar[str] = "points"

    def __post_init__(self) -> None:
        self.validate(self.default)

    def validate(self, value: object) -> tuple[Point, ...]:
        if isinstance(value, str):
            return self.parse(value)
        if not isinstance(value, Iterable) or isinstance(value, Mapping | bytes):
            raise self._error("a list of [x, y] or [x, y, label] points", value)
        points = list(value)
        if not self.min_points <= len(points) <= self.max_points:
            raise ParamError(
                self.name,
                f"{self.name} must have between {self.min_points} and {self.max_points} "
                f"points; got {len(points)}.")
        return tuple(self._point(i, p) for i, p in enumerate(points))

    def _point(self, i: int, p: object) -> Point:
        where = f"{self.name}[{i}]"
        if not isinstance(p, list | tuple) or len(p) not in (2, 3):
            raise ParamError(self.name, f"{where} must be [x, y] or [x, y, label]; got {brief(p)}.")
        x = self._coord(where, "x", p[0], self.x_range)
        y = self._coord(where, "y", p[1], self.y_range)
        label = p[2] if len(p) == 3 else 0
        if self.float_labels:
            return (x, y, self._coord(where, "value", label, self.label_range))
        if isinstance(label, float) and label.is_integer():
            label = int(label)
        if isinstance(label, bool) or not isinstance(label, int) or \
                not 0 <= label < self.n_labels:
            raise ParamError(self.name, f"{where} label must be a whole number in "
                                        f"[0, {self.n_labels - 1}]; got {brief(label)}.")
        return (x, y, label)

    def _coord(self, where: str, axis: str, c: object, rng: tuple[float, float]) -> float:
        if not finite(c) \
                or not rng[0] <= c <= rng[1]:
            raise ParamError(self.name, f"{where} {axis} must be a number in "
                                        f"[{_num(rng[0])}, {_num(rng[1])}]; got {brief(c)}.")
        return float(c)

    def parse(self, text: str) -> tuple[Point, ...]:
        points: list[list[float]] = []
        for i, chunk in enumerate(t for t in text.split(";") if t.strip()):
            try:
                points.append([float(v) for v in chunk.split(",")])
            except ValueError:
                raise ParamError(self.name, f"{self.name}[{i}] must be 'x,y' or 'x,y,label' "
                                            f"numbers; got {brief(chunk)}.") from None
        return self.validate(points)

    def to_url(self, value: Any) -> str:
        return ";".join(f"{_num(x)},{_num(y)},{_num(lab)}" for x, y, lab in value)

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "default": [list(p) for p in self.default],
                "x_range": list(self.x_range), "y_range": list(self.y_range),
                "n_labels": self.n_labels, "max_points": self.max_points,
                "float_labels": self.float_labels, "snap": self.snap}


@dataclass(frozen=True)
class VectorParam(Param):
    """A list of ``min_len``..``max_len`` numbers in [lo, hi], e.g. logits.

    In a URL and in its text box: ``1,2,4``.
    """

    lo: float = -1.0
    hi: float = 1.0
    min_len: int = 1
    max_len: int = 8

    kind: ClassVar[str] = "vector"

    def __post_init__(self) -> None:
        self.validate(self.default)

    @property
    def allowed(self) -> str:
        return (f"a list of {self.min_len} to {self.max_len} numbers in "
                f"[{_num(self.lo)}, {_num(self.hi)}]")

    def validate(self, value: object) -> tuple[float, ...]:
        if isinstance(value, str):
            return self.parse(value)
        if not isinstance(value, list | tuple) or not self.min_len <= len(value) <= self.max_len:
            raise self._error(self.allowed, value)
        out = []
        for i, v in enumerate(value):
            if not finite(v) \
                    or not self.lo <= v <= self.hi:
                raise ParamError(self.name, f"{self.name}[{i}] must be a number in "
                                            f"[{_num(self.lo)}, {_num(self.hi)}]; got {brief(v)}.")
            out.append(float(v))
        return tuple(out)

    def parse(self, text: str) -> tuple[float, ...]:
        parts = [t for t in text.replace(";", ",").replace(" ", ",").split(",") if t.strip()]
        try:
            values = [float(t) for t in parts]
        except ValueError:
            raise self._error(self.allowed + " separated by commas", text) from None
        return self.validate(values)

    def to_url(self, value: Any) -> str:
        return ",".join(_num(v) for v in value)

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "default": list(self.default), "lo": self.lo, "hi": self.hi,
                "min_len": self.min_len, "max_len": self.max_len}


@dataclass(frozen=True)
class ListParam(Param):
    """A list of ``min_len``..``max_len`` values, each checked by ``item`` (e.g. the sizes
    of hidden layers, ``4,2``). In a URL and in its text box: comma-separated."""

    item: Param = field(default_factory=lambda: IntParam("item", 1))
    min_len: int = 0
    max_len: int = 8

    kind: ClassVar[str] = "list"

    def __post_init__(self) -> None:
        self.validate(self.default)

    @property
    def allowed(self) -> str:
        return f"a list of {self.min_len} to {self.max_len} values, each {self._item_allowed}"

    @property
    def _item_allowed(self) -> str:
        return str(getattr(self.item, "allowed", f"allowed for {self.item.name}"))

    def validate(self, value: object) -> tuple[Any, ...]:
        if isinstance(value, str):
            return self.parse(value)
        if not isinstance(value, list | tuple) or not self.min_len <= len(value) <= self.max_len:
            raise self._error(self.allowed, value)
        out = []
        for i, v in enumerate(value):
            try:
                out.append(self.item.validate(v))
            except ParamError as err:
                raise ParamError(self.name, f"{self.name}[{i}] must be {self._item_allowed}; "
                                            f"got {brief(v)}.") from err
        return tuple(out)

    def parse(self, text: str) -> tuple[Any, ...]:
        return self.validate([t.strip() for t in text.replace(";", ",").split(",")
                              if t.strip()])

    def to_url(self, value: Any) -> str:
        return ",".join(self.item.to_url(v) for v in value)

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "default": list(self.default), "item": self.item.spec(),
                "min_len": self.min_len, "max_len": self.max_len}


@dataclass(frozen=True)
class TextParam(Param):
    """A line of text up to ``max_len`` characters (a function typed as ``sin(x) + x^2``),
    printable only; what it means is the explorable's to check (``Explorable.check``), so
    the error can say where in the text the problem is."""

    max_len: int = 120

    kind: ClassVar[str] = "text"

    def __post_init__(self) -> None:
        self.validate(self.default)

    def validate(self, value: object) -> str:
        if not isinstance(value, str):
            raise self._error(f"text of at most {self.max_len} characters", value)
        text = value.strip()
        if not text:
            raise ParamError(self.name, f"{self.name} must not be empty.")
        if len(text) > self.max_len:
            raise ParamError(self.name, f"{self.name} must be at most {self.max_len} "
                                        f"characters; got {len(text)}.")
        bad = next((c for c in text if not c.isprintable()), None)
        if bad is not None:
            raise ParamError(self.name, f"{self.name} must be printable text; got the "
                                        f"character {bad!r} at position {text.index(bad) + 1}.")
        return text

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "max_len": self.max_len}


@dataclass(frozen=True)
class FlagsParam(Param):
    """Any subset of ``options`` (e.g. which input features are on), kept in option order.
    In a URL: ``x1,x2``."""

    options: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    kind: ClassVar[str] = "flags"

    def __post_init__(self) -> None:
        self.validate(self.default)

    def validate(self, value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [t.strip() for t in value.split(",") if t.strip()]
        if not isinstance(value, list | tuple):
            raise self._error("a list of names from " + ", ".join(self.options), value)
        for v in value:
            if v not in self.options:
                raise ParamError(self.name, f"{self.name} may only hold "
                                            f"{', '.join(self.options)}; got {brief(v)}.")
        return tuple(o for o in self.options if o in value)

    def to_url(self, value: Any) -> str:
        return ",".join(value)

    def spec(self) -> dict[str, Any]:
        return {**super().spec(), "default": list(self.default), "options": list(self.options),
                "labels": list(self.labels or self.options)}


SEED = IntParam("seed", 0, 0, 2**31 - 1, label="seed",
                doc="Random seed: the same seed and parameters give the same result.")
