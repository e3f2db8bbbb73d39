"""The class palette: blue and orange for two classes, 12 colours that stay apart for more,
and region shades for up to 12 classes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mlscope.core.colors import (
    COLORMAPS,
    LABEL_COLORS,
    MAX_CLASSES,
    class_codes,
    class_colormap,
)


def lab(hex_color: str) -> np.ndarray:
    """CIELAB of an sRGB colour (D65)."""
    rgb = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                  [0.0193, 0.1192, 0.9505]])
    xyz = m @ lin / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_two_classes_are_blue_and_orange():
    assert LABEL_COLORS[:2] == ["#0877bd", "#f59322"]


def test_twelve_class_colours_stay_apart():
    assert MAX_CLASSES >= 10 and len(set(LABEL_COLORS)) == MAX_CLASSES
    gaps = [np.linalg.norm(lab(a) - lab(b)) for a, b in itertools.combinations(LABEL_COLORS, 2)]
    assert min(gaps) > 20  # CIE76 ΔE: clearly different colours side by side


@pytest.mark.parametrize("n", [2, 5, 6, 10, 12])
def test_a_sure_region_of_every_class_is_a_tint_of_its_colour(n):
    cmap = COLORMAPS[class_colormap(n)]
    sure = cmap[class_codes(np.arange(n), np.ones(n), n)]
    unsure = cmap[class_codes(np.arange(n), np.zeros(n), n)]
    for k in range(n):
        target = np.array([int(LABEL_COLORS[k][i:i + 2], 16) for i in (1, 3, 5)])
        white = np.array([248, 249, 250])
        # strong tint: 60 % of the way from white to the class colour; unsure: 12 %
        assert np.allclose(sure[k], white + 0.6 * (target - white), atol=1)
        assert np.allclose(unsure[k], white + 0.12 * (target - white), atol=1)
    assert len({tuple(c) for c in sure}) == n


def test_more_classes_than_colours_is_refused():
    with pytest.raises(ValueError, match="up to 12 classes"):
        class_colormap(13)
