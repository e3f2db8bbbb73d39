"""The ``mlscope`` command: ``mlscope serve`` runs the app, ``mlscope list`` the catalogue."""

from __future__ import annotations

import argparse
import sys
import threading
import webbrowser

from mlscope.core import catalog


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from mlscope.web.app import create_app

    app = create_app(max_sessions=args.max_sessions)
    url = f"http://{args.host}:{args.port}/"
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {args.host}: anyone who can reach this machine "
              "can use the app.", file=sys.stderr)
    print(f"mlscope is at {url}", flush=True)
    if not args.no_open:
        threading.Timer(1.0, webbrowser.open, (url,)).start()
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                ws_max_size=2 << 20)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mlscope", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web app")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--no-open", action="store_true", help="do not open a browser")
    serve.add_argument("--max-sessions", type=int, default=100,
                       help="live sessions allowed at once (default 100)")
    serve.set_defaults(run=_serve)
    sub.add_parser("list", help="list the explorables and their parameters") \
        .set_defaults(run=_list)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
