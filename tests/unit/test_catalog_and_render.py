"""The catalogue and the matplotlib side (thumbnails)."""

import io

from PIL import Image

from mlscope import catalog
from mlscope.core.explorable import TOPICS
from mlscope.render.thumbnail import SIZE, thumbnail_png


def test_every_explorable_is_complete():
    classes = catalog.all_explorables()
    assert classes, "the catalogue is empty"
    for cls in classes:
        assert cls.topic in TOPICS and cls.title and cls.summary
        ex = cls()
        views = ex.frame()
        laid_out = {name for row in cls.layout for name in row}
        assert laid_out == set(views), f"{cls.slug}: layout and frame() disagree"
        assert cls.thumbnail_view in views
        for view, target in cls.under.items():  # a view sits under another of its own row
            assert any(view in row and target in row and view != target for row in cls.layout), \
                f"{cls.slug}: under {view}: {target} is not in its row"
        d = cls.describe()
        assert [p["name"] for p in d["params"]][-2:] == ["seed", "step"] if cls.story_steps \
            else d["params"][-1]["name"] == "seed"


def test_thumbnails_are_real_pngs_of_the_view():
    for cls in catalog.all_explorables():
        img = Image.open(io.BytesIO(thumbnail_png(cls())))
        assert img.size == SIZE
        colors = img.convert("RGB").getcolors(maxcolors=1 << 16)
        # drawn, not blank: many colours (anti-aliased lines and text), or, for flat shapes
        # such as a distribution's PMF bars, a tenth of the picture inked
        inked = sum(n for n, c in colors or [] if c != (255, 255, 255)) / (SIZE[0] * SIZE[1])
        assert colors is None or len(colors) > 50 or (len(colors) > 10 and inked > 0.1), \
            cls.slug
