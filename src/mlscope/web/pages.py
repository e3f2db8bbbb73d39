"""Server-rendered HTML: the gallery and the shell of an explorable page.

The explorable page carries its description (``Explorable.describe()``) as JSON; the bundle
(``frontend/src/page.ts``) builds the controls and views from it and opens the websocket.
Every user-visible string goes through ``html.escape``.
"""

from __future__ import annotations

import json
from html import escape

from mlscope import catalog
from mlscope.core.explorable import Explorable


def shell(title: str, body: str, script: str = "", embed: bool = False) -> str:
    cls = "embed" if embed else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/mlscope.css">
</head><body class="{cls}">
{body}
{script}
</body></html>"""


def header(crumb: str = "", crumbs: tuple[tuple[str, str], ...] = ()) -> str:
    """The top bar: mlscope, then ``crumbs`` (text, link) and ``crumb``, then the Runs link."""
    tail = "".join(f'<span class="crumb">/ <a href="{escape(href)}">{escape(text)}</a></span>'
                   for text, href in crumbs)
    tail += f'<span class="crumb">/ {escape(crumb)}</span>' if crumb else ""
    return (f'<header class="top"><a class="brand" href="/">mlscope</a>{tail}'
            '<span class="tagline">see how machine learning works</span>'
            '<a class="top-link" href="/runs">Your runs</a></header>')


def _card(c: type[Explorable]) -> str:
    series = catalog.series_of(c.slug)
    badge = ""
    if series:
        badge = f'Part {series["part"]} of {series["parts"]}' + \
            (" · start here" if series["part"] == 1 else "")
        badge = f'<span class="part">{escape(badge)}</span>'
    return (f'<a class="card" href="/x/{escape(c.slug)}" data-slug="{escape(c.slug)}">'
            f'<img src="/thumb/{escape(c.slug)}.png" alt="" width="320" height="200">'
            f"{badge}<h3>{escape(c.title)}</h3><p>{escape(c.summary)}</p></a>")


def gallery() -> str:
    sections = []
    for topic, topic_title, classes in catalog.by_topic_key():
        parts = []
        for heading, members in catalog.groups(topic, classes):
            head = f'<h3 class="group">{escape(heading)}</h3>' if heading else ""
            parts.append(f'{head}<div class="cards">{"".join(_card(c) for c in members)}</div>')
        sections.append(f'<section class="topic"><h2>{escape(topic_title)}</h2>'
                        + "".join(parts) + "</section>")
    body = (header() + '<main class="gallery"><p class="lead">Explorables that compute live: '
            "move a control and the maths answers within a frame.</p>"
            + "".join(sections) + "</main>")
    return shell("mlscope", body)


def _series_nav(slug: str) -> str:
    """Previous / next links for an explorable that is part of a series."""
    series = catalog.series_of(slug)
    if not series:
        return ""
    links = [f'<span class="series-title">{escape(str(series["title"]))}, part '
             f'{series["part"]} of {series["parts"]}</span>']
    for key, arrow in (("prev", "← "), ("next", "")):
        part = series[key]
        if isinstance(part, dict):
            text = arrow + part["title"] + (" →" if key == "next" else "")
            links.append(f'<a class="series-{key}" href="/x/{escape(part["slug"])}">'
                         f"{escape(text)}</a>")
    return '<nav class="series-nav">' + "".join(links) + "</nav>"


def explorable_page(cls: type[Explorable], embed: bool,
                    crumbs: tuple[tuple[str, str], ...] = ()) -> str:
    # "</" inside a <script> element would end it: escape the slash.
    spec = json.dumps(cls.describe()).replace("</", "<\\/")
    body = ("" if embed else header(cls.title, crumbs) + _series_nav(cls.slug)) + \
        '<div id="app"></div>'
    script = (f'<script type="application/json" id="mlscope-spec">{spec}</script>'
              '<script src="/static/page.js"></script>')
    return shell(f"{cls.title} · mlscope", body, script, embed)


def too_long(length: int, limit: int, path: str) -> str:
    """The page for a link longer than the server reads (HTTP 414)."""
    return shell("Link too long · mlscope",
                  header() + '<main class="gallery"><p class="lead">This link is '
                  f"{length:,} characters long; at most {limit:,} are read.</p>"
                  "<p>Data of your own (points you clicked or uploaded) stays in the browser "
                  "that made it and is not put into links; a link from an older version may "
                  "still carry it. Open the page without it and upload your CSV file again."
                  f'</p><p><a href="{escape(path)}">Open this page afresh</a> · '
                  '<a href="/">Back to the gallery</a></p></main>')


def not_found(what: str) -> str:
    return shell("Not found · mlscope",
                  header() + f'<main class="gallery"><p class="lead">{escape(what)}</p>'
                  '<p><a href="/">Back to the gallery</a></p></main>')
