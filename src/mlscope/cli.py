"""The ``mlscope`` command: ``mlscope serve`` runs the app, ``mlscope list`` the catalogue,
``mlscope export`` writes an explorable to GIF, MP4, PNG or an HTML replay, ``mlscope runs``
lists, deletes and imports training runs.

    mlscope export playground --set dataset=spiral --set hidden=8,8 --epochs 300 --every 5 \
        -o spiral.mp4
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import webbrowser

from mlscope import catalog


def _serve(args: argparse.Namespace) -> int:
    from mlscope.web.app import create_app
    from mlscope.web.serve import LOOPBACK, run, run_workers

    for name in ("workers", "max_sessions"):
        if getattr(args, name) < 1:
            print(f"mlscope serve: --{name.replace('_', '-')} must be 1 or more; got "
                  f"{getattr(args, name)}.", file=sys.stderr)
            return 2
    url = f"http://{args.host}:{args.port}/"
    if args.host not in LOOPBACK:
        print(f"warning: serving on {args.host}: anyone who can reach this machine "
              "can use the app.", file=sys.stderr)
    print(f"mlscope is at {url}"
          + (f" ({args.workers} worker processes)" if args.workers > 1 else ""), flush=True)
    if not args.no_open:
        # workers start in their own processes: give them longer before the browser asks
        threading.Timer(1.0 if args.workers == 1 else 2.5, webbrowser.open, (url,)).start()
    if args.workers > 1:
        run_workers(args.workers, args.max_sessions, args.host, args.port, args.store)
    else:
        run(create_app(max_sessions=args.max_sessions, run_store=args.store), args.host,
            args.port)
    return 0


def _list(args: argparse.Namespace) -> int:
    for cls in catalog.all_explorables():
        print(f"{cls.slug}  ({cls.topic})  {cls.title}")
        for p in cls.all_params():
            spec = p.spec()
            rng = f"[{spec['lo']}, {spec['hi']}]" if "lo" in spec else \
                ", ".join(spec.get("options", [])) or p.kind
            print(f"    {p.name:16} {rng:24} default {p.to_url(p.default)}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from mlscope.core.params import ParamError, brief
    from mlscope.render.export import export

    try:
        values: dict[str, str] = {}
        for item in args.set:
            name, eq, text = item.partition("=")
            if not eq or not name:
                raise ParamError("set", f"--set takes name=value (as in the app's URL); "
                                        f"got {brief(item)}.")
            values[name.strip()] = text.strip()
        ex = catalog.get(args.slug)(**values)  # the app's rules: each value as URL text
        sweep = None
        if args.sweep:
            name, eq, span = args.sweep.partition("=")
            start, colon, stop = span.partition(":")
            if not (eq and colon):
                raise ParamError("sweep", f"--sweep takes name=from:to, e.g. weight=0:0.4; "
                                          f"got {brief(args.sweep)}.")
            sweep = (name, start, stop)  # URL text, validated by the parameter's spec
        frames = args.frames
        if frames is None and args.epochs is not None:
            if args.epochs < 0:
                raise ParamError("epochs", f"--epochs must be 0 or more; got {brief(args.epochs)}.")
            frames = args.epochs // args.every + 1
        views = [row.split("+") for row in args.views.split(",")] if args.views else None
        out = export(ex, args.output, frames=frames, every=args.every, fps=args.fps,
                     size=args.size, views=views, sweep=sweep, progress=not args.quiet)
    except ParamError as err:
        print(f"mlscope export: {err.message}", file=sys.stderr)
        return 2
    except OSError as err:  # the disk filled up, the folder went away
        print(f"mlscope export: could not write {args.output}: {err.strerror or err}; no file "
              "written.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("mlscope export: cancelled; no file written.", file=sys.stderr)
        return 130
    print(out)
    return 0


def _runs(args: argparse.Namespace) -> int:
    from mlscope.timeline.commands import runs_command

    return runs_command(args)


def _size(text: str) -> tuple[int, int]:
    w, x, h = text.lower().partition("x")
    if not (x and w.isdigit() and h.isdigit()):
        raise argparse.ArgumentTypeError(f"size is WIDTHxHEIGHT in pixels, e.g. 480x480; "
                                         f"got {text!r}")
    return int(w), int(h)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mlscope", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web app")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--no-open", action="store_true", help="do not open a browser")
    serve.add_argument("--max-sessions", type=int, default=100,
                       help="live sessions allowed at once, across workers (default 100)")
    serve.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                       help="processes serving sessions behind the one port (default: one "
                            "per core; each session lives in one of them)")
    serve.add_argument("--store", help="the run store the Runs page shows: a folder or "
                                       ".sqlite file (default ./mlscope-runs) or a "
                                       "postgresql:// URL")
    serve.set_defaults(run=_serve)
    sub.add_parser("list", help="list the explorables and their parameters") \
        .set_defaults(run=_list)
    ex = sub.add_parser("export", help="write an explorable to .gif, .mp4, .png or .html",
                        description="Record an explorable (training, or one parameter swept) "
                                    "and write it; the suffix of -o picks the format.")
    ex.add_argument("slug", help="which explorable (see `mlscope list`)")
    ex.add_argument("-o", "--output", required=True, help="file to write: .gif .mp4 .png .html")
    ex.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a parameter, written as in the app's URL (repeatable)")
    ex.add_argument("--epochs", type=int, help="train this many steps in all (frames: "
                                               "epochs / every + 1)")
    ex.add_argument("--every", type=int, default=1, help="steps between frames (default 1)")
    ex.add_argument("--frames", type=int, help="number of frames (default 100, 1 for .png)")
    ex.add_argument("--sweep", metavar="NAME=FROM:TO",
                    help="move one parameter over the frames instead of training")
    ex.add_argument("--fps", type=float, default=15, help="frames per second (default 15)")
    ex.add_argument("--size", type=_size, default=(480, 480), metavar="WxH",
                    help="pixels, for .gif .mp4 .png (default 480x480)")
    ex.add_argument("--views", help="views to draw: rows split by ',', views in a row by '+' "
                                    "(e.g. network+output,loss); default: the explorable's")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ex.set_defaults(run=_export)
    runs = sub.add_parser("runs", help="the training runs in a run store: list, rm, import",
                          description="Runs recorded by mlscope.watch (or imported from "
                                      "TensorBoard) in a run store.")
    runs_sub = runs.add_subparsers(dest="runs_command", required=True)
    store_help = "a folder or .sqlite file (default ./mlscope-runs) or a postgresql:// URL"
    for name, text in (("list", "print the runs: name, steps, start, last step"),
                       ("rm", "delete runs and all they logged"),
                       ("import", "import TensorBoard event files (each folder one run)")):
        p = runs_sub.add_parser(name, help=text)
        p.add_argument("--store", help=store_help)
        if name == "rm":
            p.add_argument("names", nargs="+", metavar="NAME")
        if name == "import":
            p.add_argument("logdir", help="a TensorBoard log folder")
            p.add_argument("--prefix", default="", help="put before each run's name")
            p.add_argument("--overwrite", action="store_true",
                           help="replace runs of the same names")
        p.set_defaults(run=_runs)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
