// A plot's legend: one key per named layer, names escaped, light lines keyed on a dark chip.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { PageSpec, PlotView } from "../src/types";
import { imageKeyColor, legendHtml } from "../src/views/plot_legend";

const arr = (xs: number[]) => ({ data: new Float32Array(xs), shape: [xs.length] });
const spec = {
  label_colors: ["#0877bd", "#f59322"],
  colormaps: { sequential: Array.from({ length: 256 * 3 }, (_, i) => i % 256) },
} as unknown as PageSpec;

function plot(layers: object[]): PlotView {
  return { kind: "plot", title: "t", x_label: "x", y_label: "y", x_range: [0, 1], y_range: [0, 1],
    layers, click_action: null, aspect: 1.6, tween: null } as unknown as PlotView;
}

test("named layers get a key, unnamed ones none", () => {
  const html = legendHtml(plot([
    { kind: "lines", x: arr([0, 1]), y: arr([0, 1]), color: "#c2185b", width: 2, dash: [], name: "fit" },
    { kind: "lines", x: arr([0, 1]), y: arr([0, 1]), color: "#c2185b", width: 2, dash: [], name: "" },
    { kind: "points", x: arr([0]), y: arr([0]), labels: null, color: "#37474f", size: 5, marker: "star",
      draggable: null, name: "best", stroke: "#ffffff", codes: null, colormap: "diverging" },
  ]), spec);
  assert.equal((html.match(/class="key/g) ?? []).length, 2);
  assert.match(html, /<polygon/); // a star for the star marker
});

test("a name is escaped, a white line sits on a dark chip, a heatmap shows its range", () => {
  const html = legendHtml(plot([
    { kind: "lines", x: arr([0]), y: arr([0]), color: "#ffffff", width: 1, dash: [5, 4], name: "<b>goal</b>" },
    { kind: "heatmap", codes: arr([0]), x_range: [0, 1], y_range: [0, 1], vmin: 1, vmax: 1000,
      colormap: "sequential", scale: "log", opacity: 1, name: "MSE" },
  ]), spec);
  assert.ok(!html.includes("<b>goal"), "the name is escaped");
  assert.match(html, /&#60;b&#62;goal/);
  assert.match(html, /<rect[^>]*fill="#3b4650"/);
  assert.match(html, /stroke-dasharray="5,4"/);
  assert.match(html, /MSE \(log\)<\/span>/);
  assert.match(html, /linear-gradient/);
});

test("an image layer is keyed by the mean colour of its visible pixels", () => {
  const rgba = new Uint8Array([0, 0, 0, 0, 198, 40, 40, 70, 200, 42, 40, 70]);
  assert.deepEqual(imageKeyColor(rgba), ["rgb(199,41,40)", 0.275]);
  assert.deepEqual(imageKeyColor(new Uint8Array([1, 2, 3, 0])), ["#9aa5b1", 1]);
});

test("a filled lines layer is keyed by a swatch of its fill", () => {
  const html = legendHtml(plot([
    { kind: "lines", x: arr([0, 1, 1]), y: arr([0, 0, 1]), color: "#b08900", width: 1.2, dash: [],
      name: "image", fill: "#f9c74f", fill_opacity: 0.55 },
  ]), spec);
  assert.match(html, /<rect[^>]*fill="#f9c74f" fill-opacity="0.55" stroke="#b08900"/);
  assert.ok(!html.includes("<line"), "a swatch, not a line");
});
