"""Fourier series: all N circles redraw the outline exactly (against numpy's inverse FFT),
K circles miss by the energy left out (Parseval), the chain's tip is the partial sum, the
waves' partial sums against their series and the Gibbs overshoot, drawing by clicks, goals."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.core.views import PointsLayer, ShapesLayer
from mlscope.explorables.maths.fourier import Fourier, N, circles, rebuild, resample, wave


@pytest.mark.parametrize("shape", ["heart", "star", "square"])
def test_all_circles_redraw_the_outline_exactly(shape):
    ex = Fourier(shape=shape)
    z = ex.outline()
    k, c = circles(z)
    np.testing.assert_allclose(rebuild(k, c, N), z, atol=1e-12)
    np.testing.assert_allclose(np.sort(np.abs(c))[::-1], np.abs(c))  # largest first
    np.testing.assert_allclose(rebuild(k, c, N), np.fft.ifft(np.fft.fft(z)), atol=1e-12)


def test_the_error_of_k_circles_is_the_energy_left_out():
    ex = Fourier(shape="heart")
    z = ex.outline()
    k, c = ex.circles()
    centre = z.mean()
    for terms in (1, 5, 22, 100):
        miss = np.sqrt(np.mean(np.abs(z - rebuild(k, c, terms)) ** 2))
        size = np.sqrt(np.mean(np.abs(z - centre) ** 2))
        assert ex.error(terms) == pytest.approx(miss / size, rel=1e-9)
    errs = [ex.error(t) for t in range(1, 200)]
    assert all(a >= b - 1e-15 for a, b in pairwise(errs))


def test_the_chains_tip_is_on_the_pens_path():
    ex = Fourier(shape="star", terms=30, time=0.37)
    layers = ex.frame()["epicycles"].layers
    tip = next(la for la in layers if isinstance(la, PointsLayer))
    k, c = ex.circles()
    expect = (c[:30] * np.exp(2j * np.pi * k[:30] * 0.37)).sum()
    assert complex(tip.x[0], tip.y[0]) == pytest.approx(expect, abs=1e-9)
    rings = next(la for la in layers if isinstance(la, ShapesLayer))
    assert len(rings.x) <= 30


def test_resampling_spaces_points_evenly_along_the_outline():
    square = np.array([0, 1, 1 + 1j, 1j])
    z = resample(square, 8)
    np.testing.assert_allclose(np.abs(np.diff(np.concatenate([z, z[:1]]))), 0.5)


@pytest.mark.parametrize("name", ["square", "sawtooth", "triangle"])
def test_wave_partial_sums_converge(name):
    t = (np.arange(4096) + 0.5) / 4096
    ex = Fourier(wave=name, harmonics=2)
    e2 = np.sqrt(np.mean((ex.wave_sum(t) - wave(name, t)) ** 2))
    ex.set(harmonics=60)
    e60 = np.sqrt(np.mean((ex.wave_sum(t) - wave(name, t)) ** 2))
    assert e60 < e2 / 3


def test_the_square_waves_gibbs_overshoot_stays():
    from scipy.special import sici

    gibbs = 2 / np.pi * sici(np.pi)[0]  # 1.179: about 9 % of the jump of 2, for good
    t = np.linspace(0, 0.5, 20001)
    for h in (20, 60):
        peak = Fourier(wave="square", harmonics=h).wave_sum(t).max()
        assert peak == pytest.approx(gibbs, abs=0.005)


def test_drawing_by_clicks_and_the_goals():
    ex = Fourier(step="circles")
    assert not ex.step_now.done(ex)
    for _ in range(300):
        ex.step()
        if ex.finished:
            break
    assert ex.p.time == 1.0 and ex.step_now.done(ex)
    ex.set(step="terms", terms=21)
    assert not ex.step_now.done(ex)
    ex.set(terms=22)
    assert ex.step_now.done(ex)
    ex.set(step="draw")
    for x, y in ((0, 1.5), (1.2, 0.5), (0.8, -1.2), (-0.8, -1.2), (-1.2, 0.5), (0, 0.2)):
        ex.act("click", {"x": x, "y": y})
    assert ex.p.shape == "drawn" and len(ex.p.drawn) == 6
    ex.set(time=0.5)
    assert ex.step_now.done(ex)
    ex.frame()
    with pytest.raises(ParamError) as err:
        ex.act("click", {"x": "left"})
    assert err.value.field == "click"
    ex.act("clear")
    assert ex.p.drawn == ()
    ex.frame()  # fewer than 3 corners: an empty drawing, no error
    ex.set(step="sound", harmonics=20)
    assert ex.step_now.done(ex)
