"""What the benchmarks share: Debian's Chromium with the required flags, a fresh app server,
the animation-frame baseline and where results go."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

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
  const slider = document.querySelector(`input[type="range"][name="${name}"]`);
  const out = [];
  for (const v of values) {
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 25));  // idle between moves
    const id = app.nextMessageId;  // the id this input's message will carry
    const done = new Promise((resolve) => {
      const off = app.onFrame((f) => {
        if (f.applied >= id) { off(); resolve(performance.now()); }
      });
    });
    const t0 = performance.now();
    slider.value = String(v);
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    out.push((await done) - t0);
  }
  return out;
}"""
"""Moves the slider of parameter ``name`` through ``values``, one input event at a time,
idle between moves; each latency runs from the input event to the end of rendering the first
frame that reflects it (the browser paints right after that animation-frame callback)."""


def percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    """`mlscope serve` in a subprocess on a free port; stop it with stop_server()."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mlscope.cli", "serve", "--no-open",
                             "--port", str(port)], start_new_session=True,
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


def write_result(name: str, result: dict[str, Any]) -> None:
    """Write benchmarks/results/<name>.json and print the JSON as the last line."""
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))
