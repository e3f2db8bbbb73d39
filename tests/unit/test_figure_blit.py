"""FrameFigure's blitting: frames drawn on kept decorations look as frames drawn whole."""

import numpy as np
import pytest

import mlscope
from mlscope.render.figure import FrameFigure


def _frames(slug: str, n: int) -> tuple[list[dict], tuple]:
    ex = mlscope.explorable(slug)
    frames = []
    for k in range(n):
        if k:
            ex.step()
        frames.append(ex.frame())
    return frames, type(ex).export_layout


@pytest.mark.parametrize("slug", ["house-prices", "playground", "k-means", "clt", "svm"])
def test_blitted_frames_match_frames_drawn_whole(slug):
    """A recording's frames (limits that grow, legends whose numbers change, a heatmap under
    grid lines, a diagram) drawn both ways: at most 0.5 % of pixels differ visibly, and
    most frames after the first reuse kept decorations."""
    frames, layout = _frames(slug, 14)
    whole = FrameFigure(layout, (480, 480), title=slug, blit=False)
    blit = FrameFigure(layout, (480, 480), title=slug)
    reused = 0
    for k, views in enumerate(frames):
        whole.set_title(f"{slug} · {k}")
        blit.set_title(f"{slug} · {k}")
        a, b = whole.draw(views), blit.draw(views)
        differ = (np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 24).mean()
        assert differ < 0.005, f"frame {k}: {differ:.2%} of pixels differ"
        reused += bool(blit._kept)
    assert reused >= 5
