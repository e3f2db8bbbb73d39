"""axe-core (from the front end's npm packages) finds no serious or critical accessibility
violation on any page, in the story and in free play, and on the gallery."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from mlscope import catalog

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"

RUN_JS = """async () => {
  const r = await axe.run(document, { resultTypes: ["violations"] });
  return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3)
      .map((n) => n.target.join(" ")).join(", ")}`);
}"""


def violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_JS)


def test_the_gallery_is_accessible(page: Page, server_url):
    page.goto(server_url + "/")
    assert violations(page) == []


@pytest.mark.parametrize("slug", [c.slug for c in catalog.all_explorables()])
def test_every_page_is_accessible_in_the_story_and_in_free_play(page: Page, server_url, slug):
    modes = ["", "?step=free"] if catalog.get(slug).story_steps else [""]
    for mode in modes:
        page.goto(f"{server_url}/x/{slug}{mode}")
        page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")
        found = violations(page)
        assert found == [], f"{slug}{mode}: {found}"
