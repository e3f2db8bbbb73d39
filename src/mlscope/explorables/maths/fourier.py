"""Fourier series (after Jez Swanson's "An Interactive Introduction to Fourier Transforms"):
a closed drawing, picked or drawn by clicking, traced by a chain of circles, each turning at
a whole number of turns per loop: its discrete Fourier transform, largest circles first;
how many circles it takes; and a sound-like signal as a sum of sines, with its spectrum.

The drawing is resampled to N points evenly spaced along its outline and taken as complex
numbers z = x + iy; ``numpy.fft.fft`` gives the circles. tests/unit/test_fourier.py checks
that all N circles redraw the points exactly, that the error of K circles is the energy of
the ones left out (Parseval), and the square wave's partial sums against their series.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, MODEL
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, FloatParam, IntParam, ParamError, PointsParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import (
    LinesLayer,
    Plot,
    PointsLayer,
    ShapesLayer,
    View,
)
from mlscope.explorables.maths.numbers import fmt

Array = NDArray[np.float64]
Complex = NDArray[np.complex128]

N = 256
"""Points along the outline, and so the most circles."""
LIM = 2.2
MAX_TERMS = 200
CIRCLE_COLOR, ARM_COLOR, PEN_COLOR, SHAPE_COLOR = "#90a4ae", "#546e7a", MODEL, "#c3ccd3"
STEPS_PER_LOOP = 240
"""Frames for the pen to go once round the drawing at speed 1."""
MAX_DRAWN = 120


def _heart(t: Array) -> Complex:
    x = 16 * np.sin(t) ** 3
    y = 13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t)
    return np.asarray((x + 1j * y) / 10.0, dtype=complex)


def _star(t: Array) -> Complex:
    """A five-pointed star: straight edges between points 1.6 out and dents 0.65 in."""
    k = np.floor(t / (np.pi / 5))
    a0, a1 = k * np.pi / 5, (k + 1) * np.pi / 5
    r0 = np.where(k % 2 == 0, 1.6, 0.65)
    r1 = np.where(k % 2 == 0, 0.65, 1.6)
    u = (t - a0) / (a1 - a0)
    p0 = r0 * np.exp(1j * (a0 + np.pi / 2))
    p1 = r1 * np.exp(1j * (a1 + np.pi / 2))
    return np.asarray(p0 + u * (p1 - p0), dtype=complex)


def _square(t: Array) -> Complex:
    u = (t / (2 * np.pi)) * 4
    side = np.floor(u) % 4
    f = u - np.floor(u)
    corners = np.array([1.4 + 1.4j, -1.4 + 1.4j, -1.4 - 1.4j, 1.4 - 1.4j, 1.4 + 1.4j])
    s = side.astype(int)
    return np.asarray(corners[s] + f * (corners[s + 1] - corners[s]), dtype=complex)


SHAPES = {"heart": _heart, "star": _star, "square": _square}
SHAPE_LABELS = ("a heart", "a star", "a square", "your drawing")
WAVES = ("square", "sawtooth", "triangle")


def resample(points: Complex, n: int = N) -> Complex:
    """n points evenly spaced along the closed polygon through ``points``."""
    ring = np.concatenate([points, points[:1]])
    seg = np.abs(np.diff(ring))
    s = np.concatenate([[0.0], np.cumsum(seg)])
    if s[-1] <= 0:
        raise ValueError("the drawing has no length")
    at = np.linspace(0.0, s[-1], n, endpoint=False)
    re = np.interp(at, s, ring.real)
    im = np.interp(at, s, ring.imag)
    return np.asarray(re + 1j * im, dtype=complex)


def circles(z: Complex) -> tuple[NDArray[np.int_], Complex]:
    """The DFT of z as circles: (frequency k, coefficient c_k), largest |c_k| first, so that
    z_j = Σ c_k exp(2πi k j / N) over all N of them (k from -N/2 to N/2 - 1)."""
    n = len(z)
    c = np.fft.fft(z) / n
    k = np.fft.fftfreq(n, 1.0 / n).astype(int)
    order = np.lexsort((np.abs(k), -np.abs(c)))
    return k[order], c[order]


def rebuild(k: NDArray[np.int_], c: Complex, terms: int, n: int = N) -> Complex:
    """The outline redrawn by the first ``terms`` circles at n evenly spaced times."""
    tau = np.arange(n) / n
    return np.asarray(np.exp(2j * np.pi * np.outer(tau, k[:terms])) @ c[:terms], dtype=complex)


def wave(name: str, t: Array) -> Array:
    """One period (t in [0, 1)) of a square, sawtooth or triangle wave, from -1 to 1."""
    if name == "square":
        return np.where(t < 0.5, 1.0, -1.0)
    if name == "sawtooth":
        return 2.0 * t - 1.0
    return 1.0 - 4.0 * np.abs(t - 0.5)


def _pen_live(ex: Fourier) -> str:
    k, _ = ex.circles()
    return (f"{ex.p.terms} circles, turning {', '.join(str(int(v)) for v in k[:5])}… times "
            f"per loop; the pen has gone **{ex.p.time:.0%}** of the way round.")


def _terms_live(ex: Fourier) -> str:
    return (f"{ex.p.terms} {'circle' if ex.p.terms == 1 else 'circles'} redraw the outline "
            f"within **{ex.error():.2%}** of its size "
            f"(all {N} redraw it exactly).")


def _sound_live(ex: Fourier) -> str:
    t = np.arange(2048) / 2048
    target = wave(ex.p.wave, t)
    approx = ex.wave_sum(t)
    rms = float(np.sqrt(np.mean((target - approx) ** 2)))
    return (f"{ex.p.harmonics} sines: the sum is within **{rms:.3f}** (root mean square) of "
            f"the {ex.p.wave} wave.")


class Fourier(Explorable):
    slug = "fourier"
    title = "Fourier series: drawing with circles"
    topic = "maths"
    summary = ("A drawing traced by a chain of turning circles (its Fourier transform), how "
               "many circles it takes, your own drawing, and a sound as a sum of sines.")
    params = (
        ChoiceParam("shape", "heart", options=(*SHAPES, "drawn"), labels=SHAPE_LABELS,
                    effect="data", label="drawing",
                    doc="What the circles draw: a shape, or the points you click in the "
                        "picture."),
        IntParam("terms", 40, 1, MAX_TERMS, log=True, effect="view", label="circles",
                 doc="How many circles, largest first, from 1 to 200."),
        FloatParam("time", 0.0, 0.0, 1.0, step=0.001, effect="view", label="pen",
                   doc="How far round the loop the pen is, from 0 to 1. Play turns it."),
        PointsParam("drawn", (), x_range=(-LIM, LIM), y_range=(-LIM, LIM), min_points=0,
                    max_points=MAX_DRAWN, effect="data", label="your drawing",
                    doc="The corners of your drawing in order (the last joins the first); "
                        "click in the picture to add one."),
        ChoiceParam("wave", "square", options=WAVES, label="wave", effect="view",
                    doc="The sound to build from sines."),
        IntParam("harmonics", 3, 1, 60, log=True, effect="view", label="sines",
                 doc="How many sines add up to the wave, from 1 to 60."),
    )
    actions = (
        Action("click", "Add a point", "Add a corner to your drawing.", button=False),
        Action("clear", "Clear my drawing", "Start a new drawing."),
    )
    playable = True
    step_name = "frame"
    layout = (("epicycles", "spectrum"), ("sound", "sound_spectrum"))
    export_layout = (("epicycles", "spectrum"),)
    thumbnail_view = "epicycles"
    thumbnail_steps = 150
    captions: ClassVar[dict[str, str]] = {
        "epicycles": "Each circle turns at a whole number of turns per loop, riding on the one "
                     "before; the tip of the last draws (magenta). Grey: the outline.",
        "spectrum": "The size of each circle against how fast it turns (negative: "
                    "clockwise); the ones in use are dark.",
        "sound": "One period of the wave (grey) and the sum of the first sines (dark).",
        "sound_spectrum": "The size of each sine: the wave's spectrum.",
    }
    story_steps = (
        Step("circles", "A drawing from circles",
             "Put circles on circles: each turns steadily, a whole number of times per loop, "
             "and carries the next on its rim. With the right sizes and starting angles the "
             "tip of the last one draws any closed outline. Press Play.",
             views=("epicycles", "spectrum"), controls=(PLAY, "shape"),
             highlight=(PLAY,),
             goal="Let the pen go all the way round once.",
             done=lambda ex: ex.p.time >= 0.999, live=_pen_live),
        Step("terms", "How many circles?",
             "The circles come from the Fourier transform of the outline, and they are sorted "
             "largest first. A few give the rough shape; the small ones add the corners.",
             views=("epicycles", "spectrum"), controls=("terms", "shape"),
             highlight=("terms",),
             goal="Find the fewest circles that draw the heart within 1% of its size.",
             done=lambda ex: ex.p.shape == "heart" and ex.error() <= 0.01 <
             ex.error(ex.p.terms - 1), live=_terms_live),
        Step("draw", "Your own drawing",
             "Choose your drawing and click in the picture to add corners; the outline closes "
             "from the last back to the first. Then play.",
             views=("epicycles", "spectrum"), controls=("shape", "clear", PLAY, "terms"),
             highlight=("shape",),
             goal="Draw a shape with at least 6 corners and play it.",
             done=lambda ex: ex.p.shape == "drawn" and len(ex.p.drawn) >= 6
             and ex.p.time > 0.2),
        Step("sound", "A sound from sines",
             "A sound is a wave in time, and it too is a sum of sines: a square wave is "
             "(4/π)(sin t + sin 3t / 3 + sin 5t / 5 + …). More sines give sharper edges, "
             "though a "
             "ripple stays at each jump (the Gibbs phenomenon).",
             views=("sound", "sound_spectrum"), controls=("wave", "harmonics"),
             highlight=("harmonics",),
             goal="Build the square wave from at least 20 sines.",
             done=lambda ex: ex.p.wave == "square" and ex.p.harmonics >= 20,
             live=_sound_live),
    )

    def check(self, values: Any) -> None:
        if values.get("shape") == "drawn" and len(values.get("drawn", ())) >= 3:
            z = np.array([complex(p[0], p[1]) for p in values["drawn"]])
            if np.abs(np.diff(np.concatenate([z, z[:1]]))).sum() <= 1e-9:
                raise ParamError("drawn", "drawn: the points are all in one place; spread "
                                          "them out.")

    def reset(self) -> None:
        self._cache: tuple[Any, ...] | None = None

    def changed(self, names: set[str]) -> None:
        if names & {"shape", "drawn"}:
            self._cache = None

    def step(self) -> None:
        t = 0.0 if self.p.time >= 1.0 else self.p.time
        self._assign(time=round(min(1.0, t + 1 / STEPS_PER_LOOP), 6))

    @property
    def finished(self) -> bool:
        return bool(self.p.time >= 1.0)

    def act(self, name: str, value: Any = None) -> None:
        if name == "click":
            if not isinstance(value, dict) or not all(isinstance(value.get(k), int | float)
                                                      for k in ("x", "y")):
                raise ParamError("click", "click needs the position: {\"x\": ..., \"y\": ...}.")
            pts = list(self.p.drawn)
            if len(pts) >= MAX_DRAWN:
                raise ParamError("drawn", f"drawn holds at most {MAX_DRAWN} corners.")
            x = float(np.clip(value["x"], -LIM, LIM))
            y = float(np.clip(value["y"], -LIM, LIM))
            self.set(drawn=[*pts, (x, y, 0)], shape="drawn")
            return
        if name == "clear":
            self.set(drawn=[], time=0.0)
            return
        super().act(name, value)

    # --- the numbers -------------------------------------------------------------------

    def outline(self) -> Complex:
        """The N points of the outline being drawn."""
        if self.p.shape == "drawn":
            pts = self.p.drawn
            if len(pts) < 3:
                return np.zeros(N, dtype=complex)
            return resample(np.array([complex(p[0], p[1]) for p in pts]))
        t = 2 * np.pi * np.arange(N) / N
        return resample(SHAPES[self.p.shape](t))

    def circles(self) -> tuple[NDArray[np.int_], Complex]:
        key = (self.p.shape, tuple(self.p.drawn))
        if self._cache is None or self._cache[0] != key:
            z = self.outline()
            self._cache = (key, z, *circles(z))
        return self._cache[2], self._cache[3]

    def error(self, terms: int | None = None) -> float:
        """‖outline − K circles‖ / ‖outline − its centre‖ (Parseval: the left-out energy)."""
        k, c = self.circles()
        terms = self.p.terms if terms is None else max(terms, 0)
        size = float(np.sqrt((np.abs(c[k != 0]) ** 2).sum()))
        if size == 0:
            return 0.0
        return float(np.sqrt((np.abs(c[terms:]) ** 2).sum()) / size)

    def wave_sum(self, t: Array) -> Array:
        """The wave's Fourier series with the first ``harmonics`` sines (closed forms):
        square (4/π) Σ sin(2πnt)/n over odd n; sawtooth −(2/π) Σ sin(2πmt)/m; triangle
        (8/π²) Σ cos(2πn(t − ½))/n² over odd n."""
        m = np.arange(1, self.p.harmonics + 1)
        odd = 2 * m - 1
        if self.p.wave == "square":
            return np.asarray(4 / np.pi * np.sin(2 * np.pi * np.outer(t, odd)) @ (1 / odd))
        if self.p.wave == "sawtooth":
            return np.asarray(-2 / np.pi * np.sin(2 * np.pi * np.outer(t, m)) @ (1 / m))
        return np.asarray(8 / np.pi ** 2 * np.cos(2 * np.pi * np.outer(t - 0.5, odd))
                          @ (1 / odd ** 2))

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"epicycles": self.epicycles_view(), "spectrum": self.spectrum_view(),
                "sound": self.sound_view(), "sound_spectrum": self.sound_spectrum_view()}

    def epicycles_view(self) -> Plot:
        k, c = self.circles()
        terms = int(self.p.terms)
        tau = float(self.p.time)
        z = self.outline()
        layers: list[Any] = []
        ring = np.concatenate([z, z[:1]])
        layers.append(LinesLayer(ring.real, ring.imag, SHAPE_COLOR, 3.0, name="the outline"))
        # the pen's trace so far, with these circles
        upto = max(round(tau * N), 0)
        if upto > 1:
            path = rebuild(k, c, terms)[:upto + 1] if upto < N else \
                np.concatenate([rebuild(k, c, terms), rebuild(k, c, terms)[:1]])
            layers.append(LinesLayer(path.real, path.imag, PEN_COLOR, 2.0, name="the pen"))
        # the chain: centres are partial sums of c_k exp(2πi k τ)
        turns = c[:terms] * np.exp(2j * np.pi * k[:terms] * tau)
        centres = np.concatenate([[0j], np.cumsum(turns)])
        radii = np.abs(c[:terms])
        big = radii > 1e-3
        if big.any():
            layers.append(ShapesLayer("ellipse", centres[:-1][big].real, centres[:-1][big].imag,
                                      2 * radii[big], 2 * radii[big], fill="", opacity=0.0,
                                      stroke=CIRCLE_COLOR, stroke_width=0.8,
                                      name="circles"))
        layers.append(LinesLayer(centres.real, centres.imag, ARM_COLOR, 1.2))
        layers.append(PointsLayer(centres[-1:].real, centres[-1:].imag, color=PEN_COLOR,
                                  size=5, stroke=""))
        if self.p.shape == "drawn":  # the key from the first click on: no legend jump
            d = np.array(self.p.drawn, dtype=float).reshape(-1, 3)
            layers.append(PointsLayer(d[:, 0], d[:, 1], color=DATA, size=4,
                                      draggable="drawn", name="your corners"))
        title = f"{terms} circles" + (" · click to add corners" if self.p.shape == "drawn"
                                      else "")
        return Plot(title, "", "", (-LIM, LIM), (-LIM, LIM), layers, aspect=1.0,
                    click_action="click" if self.p.shape == "drawn" else None,
                    x_ticks=[], y_ticks=[])

    def spectrum_view(self) -> Plot:
        k, c = self.circles()
        terms = int(self.p.terms)
        mag = np.abs(c)
        ok = mag > 1e-9
        ly = np.log10(np.where(ok, mag, 1e-9))
        used = np.zeros(len(k), dtype=bool)
        used[:terms] = True
        layers: list[Any] = []
        for mask, color, name in ((~used & ok, "#c3ccd3", "not used"),
                                  (used & ok, DATA, "in use")):
            if mask.any():
                layers.append(PointsLayer(k[mask].astype(float), ly[mask], color=color, size=3,
                                          stroke="", name=name))
        lo = float(np.floor(ly[ok].min())) if ok.any() else -4.0
        lo = max(lo, -5.0)
        hi = float(np.ceil(ly[ok].max())) if ok.any() else 0.0
        ticks = [(float(e), f"{10.0 ** e:g}") for e in np.arange(lo, hi + 1)]
        return Plot(f"Circle sizes: the first {terms} in use", "turns per loop", "radius",
                    (-N / 2, N / 2), (lo, hi + 0.2), layers, aspect=1.4, y_ticks=ticks)

    def sound_view(self) -> Plot:
        t = np.linspace(0.0, 1.0, 801)
        return Plot(f"The {self.p.wave} wave from {self.p.harmonics} "
                    f"{'sine' if self.p.harmonics == 1 else 'sines'}", "time (one period)", "",
                    (0.0, 1.0), (-1.5, 1.5), [
                        LinesLayer(t, wave(self.p.wave, t), SHAPE_COLOR, 3.0, name="the wave"),
                        LinesLayer(t, self.wave_sum(t), DATA, 1.6, name="the sum of sines")],
                    aspect=1.8)

    def sound_spectrum_view(self) -> Plot:
        m = np.arange(1, self.p.harmonics + 1)
        if self.p.wave == "square":
            freq, amp = 2 * m - 1, 4 / np.pi / (2 * m - 1)
        elif self.p.wave == "sawtooth":
            freq, amp = m, 2 / np.pi / m
        else:
            freq, amp = 2 * m - 1, 8 / np.pi ** 2 / (2 * m - 1) ** 2
        nan = np.full(len(freq), np.nan)
        xs = np.column_stack([freq, freq, nan]).ravel().astype(float)
        ys = np.column_stack([np.zeros(len(freq)), amp, nan]).ravel()
        top = freq.max() + 1
        return Plot(f"Its spectrum: {fmt(float(amp[0]), 3)} at the fundamental", "frequency "
                    "(× the fundamental)", "amplitude", (0.0, float(max(top, 10))),
                    (0.0, 1.4), [LinesLayer(xs, ys, DATA, 3.0, name="sines"),
                                 PointsLayer(freq.astype(float), amp, color=DATA, size=4,
                                             stroke="")], aspect=1.8)
