"""Thousands of points on a canvas: each drawn as a filled and stroked arc, or stamped from a
sprite (a small canvas of the marker) at whole device pixels, as frontend/src/views/
plot_layers.ts does from 500 points. Measured in headless Chromium in both raster modes:
software (--disable-gpu, as the tests run) and GPU raster (SwiftShader's GL in place of a
GPU, so the GPU code path runs on a machine without one).

Each figure is the time per frame over 60 frames that each redraw every point at new places
(the time between animation frames, so rasterisation counts, not only the JS calls), median
of --runs runs, the two ways interleaved. Prints one JSON object on its last line and writes
it to benchmarks/results/point_sprites.json. A browser-side trick must not lose in either
mode: `sprites_over_arcs` must be below 1 in both.
"""

from __future__ import annotations

import argparse

from common import CHROMIUM, FLAGS, machine, medians, write_result

GPU_FLAGS = [f for f in FLAGS if f != "--disable-gpu"] + [
    "--enable-gpu-rasterization", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    "--ignore-gpu-blocklist"]

DRAW_JS = """async ({ n, frames, sprites }) => {
  document.body.innerHTML = "";
  const c = document.createElement("canvas");
  const dpr = window.devicePixelRatio || 1;
  c.width = 800 * dpr; c.height = 800 * dpr;
  c.style.width = "800px"; c.style.height = "800px";
  document.body.append(c);
  const g = c.getContext("2d");
  const colors = ["#0877bd", "#f59322", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                  "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  const r = 2.5;
  const stamps = colors.map((color) => {
    const side = Math.ceil((2 * r + 3) * dpr);
    const s = document.createElement("canvas");
    s.width = s.height = side;
    const h = s.getContext("2d");
    h.setTransform(dpr, 0, 0, dpr, 0, 0);
    h.beginPath(); h.arc(side / dpr / 2, side / dpr / 2, r, 0, 2 * Math.PI);
    h.fillStyle = color; h.fill(); h.lineWidth = 1.5; h.strokeStyle = "#ffffff"; h.stroke();
    return s;
  });
  const half = Math.ceil((2 * r + 3) * dpr) / 2;
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const draw = () => {
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, 800, 800);
    if (sprites) {
      g.setTransform(1, 0, 0, 1, 0, 0);
      for (let k = 0; k < n; k++) {
        const x = Math.round(800 * rand() * dpr - half);
        g.drawImage(stamps[k % 10], x, Math.round(800 * rand() * dpr - half));
      }
    } else {
      for (let k = 0; k < n; k++) {
        g.lineWidth = 1.5; g.strokeStyle = "#ffffff"; g.fillStyle = colors[k % 10];
        g.beginPath(); g.arc(800 * rand(), 800 * rand(), r, 0, 2 * Math.PI); g.fill(); g.stroke();
      }
    }
  };
  await new Promise((res) => requestAnimationFrame(res));
  const t0 = performance.now();
  for (let f = 0; f < frames; f++) {
    draw();
    await new Promise((res) => requestAnimationFrame(res));
  }
  return (performance.now() - t0) / frames;
}"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--points", type=int, nargs="*", default=[1000, 5000])
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    result: dict[str, object] = {"benchmark": "point_sprites"}
    with sync_playwright() as p:
        for mode, flags in (("software", FLAGS), ("gpu", GPU_FLAGS)):
            browser = p.chromium.launch(executable_path=CHROMIUM, args=flags)
            page = browser.new_page(viewport={"width": 900, "height": 900})
            page.goto("about:blank")
            per: dict[int, list[dict[str, float]]] = {n: [] for n in args.points}
            for _ in range(args.runs):
                for n in args.points:
                    arcs = page.evaluate(DRAW_JS, {"n": n, "frames": 60, "sprites": False})
                    stamped = page.evaluate(DRAW_JS, {"n": n, "frames": 60, "sprites": True})
                    per[n].append({"arcs_ms": arcs, "sprites_ms": stamped})
            browser.close()
            result[mode] = {str(n): {**(m := medians(runs)),
                                     "sprites_over_arcs": round(m["sprites_ms"] / m["arcs_ms"], 3)}
                            for n, runs in per.items()}
    result["machine"] = machine()
    write_result("point_sprites", result)


if __name__ == "__main__":
    main()
