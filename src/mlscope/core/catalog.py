"""The catalogue of explorables: slug -> class, grouped by topic for the gallery.

An explorable module registers its class with ``@register``; ``mlscope.explorables``
imports every module, so importing this catalogue's ``all_explorables`` sees them all.
"""

from __future__ import annotations

from typing import TypeVar

from mlscope.core.explorable import TOPICS, Explorable
from mlscope.core.params import ParamError

E = TypeVar("E", bound=type[Explorable])

_REGISTRY: dict[str, type[Explorable]] = {}


def register(cls: E) -> E:
    """Class decorator: add an explorable to the catalogue under its slug."""
    if cls.slug in _REGISTRY and _REGISTRY[cls.slug] is not cls:
        raise ValueError(f"two explorables share the slug {cls.slug!r}")
    if cls.topic not in TOPICS:
        raise ValueError(f"{cls.slug}: topic must be one of {', '.join(TOPICS)}")
    _REGISTRY[cls.slug] = cls
    return cls


def _load() -> None:
    import mlscope.explorables  # noqa: F401  (importing registers every explorable)


def all_explorables() -> list[type[Explorable]]:
    """Every explorable, in topic order then in the order they were registered."""
    _load()
    order = list(TOPICS)
    return sorted(_REGISTRY.values(), key=lambda c: order.index(c.topic))


def get(slug: str) -> type[Explorable]:
    """The explorable class for ``slug``; ParamError naming the known slugs otherwise."""
    _load()
    try:
        return _REGISTRY[slug]
    except KeyError:
        raise ParamError("explorable", f"no explorable is called {slug!r}; "
                                       f"choose one of {', '.join(sorted(_REGISTRY))}.") from None


def by_topic() -> list[tuple[str, list[type[Explorable]]]]:
    """(topic title, explorables) for every topic that has any, in the gallery's order."""
    groups: dict[str, list[type[Explorable]]] = {}
    for cls in all_explorables():
        groups.setdefault(cls.topic, []).append(cls)
    return [(TOPICS[t], groups[t]) for t in TOPICS if t in groups]
