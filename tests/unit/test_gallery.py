"""The gallery groups explorables by topic and series, numbers a series' parts, and the
last part of a series leads on to where the series goes next."""

from mlscope import catalog
from mlscope.web import pages


def test_series_parts_are_numbered_and_the_last_leads_on():
    first = catalog.series_of("house-prices")
    assert first is not None and first["part"] == 1 and first["prev"] is None
    last = catalog.series_of("network-shape")
    assert last is not None and last["part"] == last["parts"] == 5
    assert last["next"] == {"slug": "playground", "title": catalog.get("playground").title}


def test_the_gallery_shows_the_series_in_order_under_its_title():
    html = pages.gallery()
    assert "The basics of neural networks" in html
    assert "Part 1 of 5 · start here" in html and "Part 5 of 5" in html
    order = [html.index(f'data-slug="{s}"') for s in catalog.SERIES["nn-basics"][1]]
    assert order == sorted(order)
    # The rest of the topic follows its series, under its own heading.
    assert html.index('data-slug="playground"') > order[-1]


def test_a_series_page_links_its_neighbours():
    html = pages.explorable_page(catalog.get("network-shape"), embed=False)
    assert 'class="series-next" href="/x/playground"' in html
    assert 'class="series-prev" href="/x/softmax"' in html


def test_each_explorable_lives_in_its_topic_folder():
    """explorables/<topic>/<module>.py: a newcomer finds "where does X live" by its topic.
    (Explorables registered at run time, a lens's or a test's, live where they are made.)"""
    found = [c for c in catalog.all_explorables() if c.__module__.startswith("mlscope.explorables")]
    assert len(found) >= 14
    for cls in found:
        assert cls.__module__.split(".")[2] == cls.topic, cls.slug
