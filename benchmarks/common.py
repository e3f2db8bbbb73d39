"""What the benchmarks share: Debian's Chromium with the required flags, a fresh app server,
the animation-frame baseline and where results go."""

from __future__ import annotations

import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
GPU_RASTER_FLAGS = [f for f in FLAGS if f != "--disable-gpu"] + [
    "--enable-gpu-rasterization", "--use-angle=swiftshader"]
"""Skia's GPU raster path, run in software by SwiftShader: what most users' browsers do
(with a real GPU), which ``--disable-gpu``'s software raster does not exercise."""

RAF_JS = """async ({ n }) => {
  const waits = [];
  for (let k = 0; k < n; k++) {
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
    const t0 = performance.now();
    waits.push(await new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0))));
  }
  const t = performance.now();
  let frames = 0;
  await new Promise((r) => {
    const tick = () => {
      frames++;
      if (performance.now() - t < 2000) requestAnimationFrame(tick); else r();
    };
    requestAnimationFrame(tick);
  });
  return { waits, fps: frames / ((performance.now() - t) / 1000) };
}"""
"""The baseline, in the page under test: the animation-frame rate (the most any renderer
can show) and the wait from an event to the next animation frame."""


SLIDER_JS = """async ({ name, values }) => {
  const app = window.__mlscope;
  // Called in the animation-frame callback that draws: resolves once the browser has finished
  // that frame (layout, paint, and for WebGL the read-back of the drawn canvas).
  const afterFrame = (resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(0);
  };
  const slider = document.querySelector(`input[type="range"][name="${name}"]`);
  const drawn = [], frame = [], callback = [];
  for (const v of values) {
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 25));  // idle between moves
    const id = app.nextMessageId;  // the id this input's message will carry
    const seen = new Promise((resolve) => {
      const off = app.onDrawn((applied) => {
        if (applied >= id) { off(); callback.push(performance.now() - t0); afterFrame(resolve); }
      });
    });
    const answered = new Promise((resolve) => {
      const off = app.onFrame((f) => {
        if (f.applied >= id) { off(); afterFrame(resolve); }
      });
    });
    const t0 = performance.now();
    slider.value = String(v);
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    drawn.push((await seen) - t0);
    frame.push((await answered) - t0);
  }
  return { drawn, frame, callback };
}"""
"""Moves the slider of parameter ``name`` through ``values``, one input event at a time,
idle between moves. ``drawn``: from the input event to the end of the first browser frame
that reflects it, i.e. after its animation-frame callback, layout, paint and (for WebGL) the
wait for the drawn canvas, when the compositor takes the frame: the server's frame, or for a
view that tweens along the parameter, the browser's own redraw. ``frame``: the same for the
server's frame that reflects it. ``callback``: as ``drawn`` but to the end of the drawing
callback only (the browser's layout, paint and read-back left out)."""


DRAG_SETUP_JS = """({ name }) => {
  const app = window.__mlscope;
  const slider = document.querySelector(`input[type="range"][name="${name}"]`);
  const out = window.__drag = { callback: [], drawn: [], frame: [], pending: 0 };
  let moved = 0;
  slider.addEventListener("pointermove", (e) => { moved = e.timeStamp; }, true);
  const afterFrame = (t0, list) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { list.push(performance.now() - t0); out.pending--; };
    ch.port2.postMessage(0);
  };
  // Capture phase: runs before the controls send, so nextMessageId is this input's id.
  document.addEventListener("input", (e) => {
    if (e.target !== slider || !moved) return;
    const id = app.nextMessageId;
    const t0 = moved;
    moved = 0;
    out.pending += 2;
    const offDrawn = app.onDrawn((a) => {
      if (a < id) return;
      offDrawn();
      out.callback.push(performance.now() - t0);
      afterFrame(t0, out.drawn);
    });
    const offFrame = app.onFrame((f) => {
      if (f.applied >= id) { offFrame(); afterFrame(t0, out.frame); }
    });
  }, true);
  const r = slider.getBoundingClientRect();
  return { left: r.left, width: r.width, y: r.top + r.height / 2,
           min: Number(slider.min), max: Number(slider.max) };
}"""
"""Prepares a real mouse drag of the slider of parameter ``name`` (see drag_slider)."""


def drag_slider(page: Any, name: str, values: list[float], idle_ms: tuple[int, int] = (25, 50)) \
        -> dict[str, list[float]]:
    """Drags the slider of parameter ``name`` with the mouse through ``values``, as a person
    does, idle between moves. For each move that changes the value: ``drawn`` is from the
    pointer event's time stamp (when the browser got it) to the end of the first browser frame
    that shows it (after its animation-frame callback, layout, paint and for WebGL the wait for
    the drawn canvas); ``callback`` only to the end of that frame's drawing callback (what
    SLIDER_JS measured before: it leaves out the browser's own work on the frame); ``frame``
    as ``drawn`` for the server's frame that reflects it."""
    import random

    box = page.evaluate(DRAG_SETUP_JS, {"name": name})
    thumb = 8  # Chromium's range thumb is 16 px wide: its centre travels width - 16
    def x_of(v: float) -> float:
        f = (v - box["min"]) / (box["max"] - box["min"])
        return float(box["left"] + thumb + f * (box["width"] - 2 * thumb))
    page.mouse.move(x_of(values[0]), box["y"])
    page.mouse.down()
    for v in values[1:]:
        page.wait_for_timeout(random.uniform(*idle_ms))
        page.mouse.move(x_of(v), box["y"])
    page.mouse.up()
    page.wait_for_function("() => window.__drag.pending === 0")
    result: dict[str, list[float]] = page.evaluate("() => window.__drag")
    return result


def percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(extra: tuple[str, ...] = ()) -> tuple[subprocess.Popen[bytes], str]:
    """`mlscope serve` in a subprocess on a free port (``extra``: more of its options); stop
    it with stop_server()."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mlscope.cli", "serve", "--no-open",
                             "--port", str(port), *extra], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/api/explorables", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError("the server did not start")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=10)


@contextmanager
def app_and_browser(url: str | None, gpu_raster: bool = False,
                    serve: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """(the app's URL, headless Chromium): the app at ``url``, or `mlscope serve` started
    here (and stopped after) when ``url`` is None; ``gpu_raster``: Chromium rasterises on
    its GPU path (GPU_RASTER_FLAGS) instead of in software."""
    from playwright.sync_api import sync_playwright

    proc = None
    if not url:
        proc, url = start_server(serve)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM,
                                        args=GPU_RASTER_FLAGS if gpu_raster else FLAGS)
            try:
                yield url, browser
            finally:
                browser.close()
    finally:
        if proc:
            stop_server(proc)


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the runs, rounded to 0.01."""
    return {k: round(statistics.median(r[k] for r in runs), 2) for k in runs[0]}


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": platform.python_version()}


def write_result(name: str, result: dict[str, Any]) -> None:
    """Write benchmarks/results/<name>.json and print the JSON as the last line."""
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))
