"""The catalogue of explorables: slug -> class, grouped by topic for the gallery.

It sits above the explorables: it finds every ``Explorable`` subclass with a slug defined in
a module of ``mlscope.explorables`` (one module per explorable, in topic folders: maths/,
classic/, deep/, other/), so adding an explorable is adding its file. ``register`` adds one
made elsewhere (a lens object's explorable, a test's).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TypeVar

import mlscope.explorables
from mlscope.core.explorable import TOPICS, Explorable
from mlscope.core.params import ParamError

E = TypeVar("E", bound=type[Explorable])

_REGISTRY: dict[str, type[Explorable]] = {}

SERIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "maths-probability": ("The maths behind ML: probability and statistics",
                          ("chance", "mean-median-mode", "compound-events", "conditional",
                           "distributions", "clt",
                           "monty-hall",
                           "bayes",
                           "estimators", "confidence", "hypothesis-tests", "kde",
                           "regression-inference")),
    "maths-calculus-linalg": ("The maths behind ML: calculus and linear algebra",
                              ("derivative", "gradient-2d", "chain-rule", "integral",
                               "taylor", "fourier",
                               "matrix-transformation", "matrix-multiplication",
                               "eigenvectors",
                               "matrix-decompositions", "projections",
                               "higher-dimensions")),
    "classic-supervised": ("Learning from labelled examples",
                           ("linear-regression", "logistic-regression", "knn", "naive-bayes",
                            "decision-tree", "random-forest", "svm")),
    "classic-unsupervised": ("Finding structure without labels",
                             ("k-means", "dbscan", "hierarchical", "pca", "tsne")),
    "nn-basics": ("The basics of neural networks",
                  ("house-prices", "two-inputs", "classification", "softmax", "network-shape")),
}
"""Explorables meant to be read in order: id -> (title, slugs in order)."""

SERIES_THEN: dict[str, str] = {"nn-basics": "playground", "classic-supervised": "k-means"}
"""Where a series' last part leads on to: series id -> slug."""


def register(cls: E) -> E:
    """Add an explorable to the catalogue under its slug (also usable as a decorator)."""
    if cls.slug in _REGISTRY and _REGISTRY[cls.slug] is not cls:
        raise ValueError(f"two explorables share the slug {cls.slug!r}")
    if cls.topic not in TOPICS:
        raise ValueError(f"{cls.slug}: topic must be one of {', '.join(TOPICS)}")
    _REGISTRY[cls.slug] = cls
    return cls


def unregister(slug: str) -> None:
    """Take ``slug`` out of the catalogue (a lens's page, a test's explorable, when done)."""
    _REGISTRY.pop(slug, None)


_loaded = False


def _load() -> None:
    """Import every module under ``mlscope.explorables`` once and register the explorables
    each one defines (classes it only imports are registered by their own module)."""
    global _loaded
    if _loaded:
        return
    package = mlscope.explorables
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, Explorable) and vars(obj).get("slug")
                    and obj.__module__ == module.__name__):
                register(obj)
    _loaded = True


def all_explorables() -> list[type[Explorable]]:
    """Every explorable, in topic order, series in their order, then as registered."""
    _load()
    topics = list(TOPICS)
    in_series = [slug for _, slugs in SERIES.values() for slug in slugs]
    return sorted(_REGISTRY.values(), key=lambda c: (
        topics.index(c.topic), in_series.index(c.slug) if c.slug in in_series else len(in_series)))


def _part(slugs: tuple[str, ...], i: int) -> dict[str, str] | None:
    if not 0 <= i < len(slugs) or slugs[i] not in _REGISTRY:
        return None
    return {"slug": slugs[i], "title": _REGISTRY[slugs[i]].title}


def series_of(slug: str) -> dict[str, object] | None:
    """The series ``slug`` belongs to: its title, this part's number, and its neighbours
    (the last part's next is where the series leads on to, if anywhere)."""
    _load()
    for sid, (title, slugs) in SERIES.items():
        if slug in slugs:
            k = slugs.index(slug)
            then = SERIES_THEN.get(sid, "")
            nxt = _part(slugs, k + 1) or (_part((then,), 0) if then else None)
            return {"title": title, "part": k + 1, "parts": len(slugs),
                    "prev": _part(slugs, k - 1), "next": nxt}
    return None


def groups(topic: str, classes: list[type[Explorable]]) -> list[tuple[str, list[type[Explorable]]]]:
    """A topic's explorables as (heading, classes): each series in order under its title,
    then the rest under "More" ("" when the topic has no series)."""
    out = []
    for title, slugs in SERIES.values():
        members = [c for c in classes if c.slug in slugs]
        if members:
            out.append((title, members))
    rest = [c for c in classes if not any(c.slug in slugs for _, slugs in SERIES.values())]
    if rest:
        out.append(("More" if out else "", rest))
    return out


def get(slug: str) -> type[Explorable]:
    """The explorable class for ``slug``; ParamError naming the known slugs otherwise."""
    _load()
    try:
        return _REGISTRY[slug]
    except KeyError:
        raise ParamError("explorable", f"no explorable is called {slug!r}; "
                                       f"choose one of {', '.join(sorted(_REGISTRY))}.") from None


def by_topic_key() -> list[tuple[str, str, list[type[Explorable]]]]:
    """(topic key, topic title, explorables) for every topic that has any, in order."""
    groups: dict[str, list[type[Explorable]]] = {}
    for cls in all_explorables():
        groups.setdefault(cls.topic, []).append(cls)
    return [(t, TOPICS[t], groups[t]) for t in TOPICS if t in groups]


def by_topic() -> list[tuple[str, list[type[Explorable]]]]:
    """(topic title, explorables) for every topic that has any, in the gallery's order."""
    groups: dict[str, list[type[Explorable]]] = {}
    for cls in all_explorables():
        groups.setdefault(cls.topic, []).append(cls)
    return [(TOPICS[t], groups[t]) for t in TOPICS if t in groups]
