"""``mlscope runs list | rm | import``: the run store from the command line."""

from __future__ import annotations

import sys
import time
from typing import Any

from mlscope.timeline.store import StoreError, open_store


def runs_command(args: Any) -> int:
    try:
        with open_store(args.store, create=args.runs_command == "import") as store:
            if args.runs_command == "list":
                print(table(store.runs()) if store.runs() else f"no runs in {store.where}")
            elif args.runs_command == "rm":
                for name in args.names:
                    store.delete(name)
                    print(f"deleted run {name!r} from {store.where}")
            else:
                from mlscope.timeline.tensorboard_import import import_logdir

                for r in import_logdir(args.logdir, store, prefix=args.prefix,
                                       overwrite=args.overwrite):
                    skipped = f", skipped {sum(r.skipped.values())} images/audio/other " \
                              f"entries" if r.skipped else ""
                    print(f"imported {r.run!r}: {r.scalars} scalar points, {r.histograms} "
                          f"histograms{skipped}")
    except StoreError as err:
        print(f"mlscope runs {args.runs_command}: {err}", file=sys.stderr)
        return 2
    return 0


def table(runs: list[Any]) -> str:
    rows = [("NAME", "SOURCE", "STEPS", "LAST STEP", "STARTED", "LAST LOGGED")]
    for r in runs:
        rows.append((r.name, str(r.info.get("source", "?")), str(r.steps),
                     "-" if r.last_step is None else str(r.last_step), _when(r.started),
                     "-" if r.last_wall is None else _when(r.last_wall)))
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                     for row in rows)


def _when(wall: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(wall))
