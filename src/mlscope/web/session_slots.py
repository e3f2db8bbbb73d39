"""The bound on live sessions (``mlscope serve --max-sessions``), across worker processes.

One process counts in memory. Several (``--workers N``) share a folder of slot files: a
session holds an exclusive ``flock`` on one of ``maximum`` files for as long as it lives, so
the bound holds across the server, and a worker that dies frees its slots with it (the
kernel drops its locks). Where ``fcntl`` does not exist (Windows), each process counts its
own sessions.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class SessionSlots:
    """At most ``maximum`` live sessions; in ``folder``, shared with other processes."""

    def __init__(self, maximum: int, folder: Path | None = None) -> None:
        self.maximum = maximum
        self.folder = folder if fcntl is not None else None
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
        self.live = 0
        """Sessions of this process."""

    def acquire(self) -> Any:
        """A slot for a new session (pass it to ``release``), or None if the server is full."""
        if self.folder is None:
            if self.live >= self.maximum:
                return None
            self.live += 1
            return True
        for k in range(self.maximum):
            f: IO[str] = open(self.folder / f"slot-{k}", "a")  # noqa: SIM115 - held open
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                f.close()
                continue
            self.live += 1
            return f
        return None

    def release(self, slot: Any) -> None:
        self.live -= 1
        if hasattr(slot, "close"):
            with contextlib.suppress(OSError):
                fcntl.flock(slot, fcntl.LOCK_UN)
            slot.close()
