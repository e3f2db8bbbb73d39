"""Screenshots of every page for docs/screenshots/: each explorable at 390, 800 and 1400 px
wide, in its story's first step and in free play, and TensorFlow Playground beside the
playground at 4-2 and at 6x8 with every feature.

    python docs/screenshots/take.py            # needs Debian's chromium; writes *.png here

TensorFlow Playground is served from ../shared/anchors/tf-playground when that folder is
there (its pairs are skipped otherwise).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

import uvicorn
from PIL import Image
from playwright.sync_api import sync_playwright

from mlscope import catalog
from mlscope.web.app import create_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TFP = ROOT.parent / "shared" / "anchors" / "tf-playground"
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_FLAGS, free_port  # noqa: E402

WIDTHS = {390: 844, 800: 1000, 1400: 900}
"""Viewport width -> height: a phone, a tablet or small laptop, a desktop."""

TFP_PAIRS = {
    "4-2": ("#dataset=circle&networkShape=4,2&x=true&y=true",
            "?step=free&dataset=circle&hidden=4,2"),
    "6x8": ("#dataset=spiral&networkShape=8,8,8,8,8,8&x=true&y=true&xTimesY=true&xSquared=true"
            "&ySquared=true&sinX=true&sinY=true",
            "?step=free&dataset=spiral&hidden=8,8,8,8,8,8"
            "&features=x1,x2,x1x2,x1sq,x2sq,sin_x1,sin_x2"),
}


def _serve_app() -> str:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def _serve_tfp() -> str | None:
    if not (TFP / "index.html").exists():
        return None
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(TFP))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/index.html"


def _save(page, path: Path) -> None:
    page.screenshot(path=str(path))
    with Image.open(path) as im:  # fewer colours: a fraction of the bytes, same look
        im.convert("RGB").quantize(256, dither=Image.Dither.NONE).save(path, optimize=True)


def main() -> None:
    only = set(sys.argv[1:])  # slugs to retake; none: every page and the TFP pairs
    app = _serve_app()
    tfp = None if only else _serve_tfp()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for cls in catalog.all_explorables():
            if only and cls.slug not in only:
                continue
            modes = {"story": "", "free": "?step=free"} if cls.story_steps else {"free": ""}
            for width, height in WIDTHS.items():
                ctx = browser.new_context(viewport={"width": width, "height": height})
                page = ctx.new_page()
                for mode, query in modes.items():
                    page.goto(f"{app}/x/{cls.slug}{query}")
                    page.wait_for_function("() => window.__mlscope?.stats.frames > 0")
                    page.wait_for_timeout(600)
                    _save(page, HERE / f"{cls.slug}-{mode}-{width}.png")
                ctx.close()
        if tfp:
            for name, (theirs, ours) in TFP_PAIRS.items():
                ctx = browser.new_context(viewport={"width": 1400, "height": 900})
                page = ctx.new_page()
                page.goto("about:blank")
                page.goto(tfp + theirs)
                page.wait_for_timeout(1500)
                _save(page, HERE / f"tfp-{name}-tensorflow-playground.png")
                page.goto(f"{app}/x/playground{ours}")
                page.wait_for_function("() => window.__mlscope?.stats.frames > 0")
                page.wait_for_timeout(800)
                _save(page, HERE / f"tfp-{name}-mlscope.png")
                ctx.close()
        browser.close()
    print(f"wrote {len(list(HERE.glob('*.png')))} screenshots to {HERE}")


if __name__ == "__main__":
    main()
