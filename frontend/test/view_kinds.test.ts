// The pure parts of the newer view renderers: a matrix cell's text and text colour, an
// image's pixels, a graph's box size and crowded row, an area's outline, a log chart's range.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { AreaLayer, GraphView, MatrixView, NDArray } from "../src/types";
import { linearLabels, logLabels, logRange } from "../src/views/chart_scale";
import { boxSize, crowding } from "../src/views/graph";
import { rgbaOf } from "../src/views/images";
import { cellText, textColor } from "../src/views/matrix";
import { areaOutline } from "../src/views/plot_layers";

const arr = (xs: number[], shape = [xs.length]): NDArray => ({ data: new Float32Array(xs), shape });

test("a matrix cell says its value with the view's decimals, or its own text", () => {
  const v = { values: arr([1.234, 5, Number.NaN, 40], [2, 2]), decimals: 1, cell_text: [] } as unknown as MatrixView;
  assert.equal(cellText(v, 0, 0), "1.2");
  assert.equal(cellText(v, 1, 0), "");
  assert.equal(cellText({ ...v, cell_text: [["a", "b"], ["c", "d"]] }, 1, 1), "d");
  assert.equal(textColor(253, 231, 37), "#1b232b"); // viridis' yellow: dark text
  assert.equal(textColor(68, 1, 84), "#ffffff"); // its purple: white text
});

test("an image's pixels: grey repeated into RGB, colour as it is, opaque", () => {
  const grey = { data: new Uint8Array([0, 128, 255, 7, 9, 11, 13, 15]), shape: [2, 2, 2] };
  assert.deepEqual(Array.from(rgbaOf(grey, 1)).slice(0, 8), [9, 9, 9, 255, 11, 11, 11, 255]);
  const colour = { data: new Uint8Array([1, 2, 3, 4, 5, 6]), shape: [1, 1, 2, 3] };
  assert.deepEqual(Array.from(rgbaOf(colour, 0)), [1, 2, 3, 255, 4, 5, 6, 255]);
});

test("a graph's boxes fit their longest line and all lines; crowding is the closest pair", () => {
  const v = { nodes: [{ label: "x₁ ≤ 0.4", detail: "n = 100\ngini 0.50" }, { label: "a", detail: "" }] } as unknown as GraphView;
  const { w, h } = boxSize(v);
  assert.ok(w >= "gini 0.50".length * 6 && h >= 3 * 11);
  assert.equal(crowding(new Float32Array([0.5, 0.08, 0.25, 0.5, 0.75, 0.5])), 2);
  // leaves at 1/9 steps: nine boxes' worth, though the row holds only three
  assert.ok(Math.abs(crowding(new Float32Array([0.5, 0.1, 1 / 18, 0.9, 3 / 18, 0.9, 0.9, 0.9])) - 9) < 1e-3);
});

test("an area's outline: along the top, back along the bottom; a histogram in steps", () => {
  const band = { x: arr([0, 1]), y_high: arr([2, 3]), y_low: arr([1, 1]), steps: false } as unknown as AreaLayer;
  assert.deepEqual(areaOutline(band), { top: [[0, 2], [1, 3]], bottom: [[1, 1], [0, 1]] });
  const hist = { x: arr([0, 1, 2]), y_high: arr([4, 5]), y_low: null, steps: true } as unknown as AreaLayer;
  assert.deepEqual(areaOutline(hist).top, [[0, 4], [1, 4], [1, 5], [2, 5]]);
  assert.deepEqual(areaOutline(hist).bottom, [[2, 0], [1, 0], [1, 0], [0, 0]]);
});

test("a log axis spans whole decades, at most 8 deep, and never asks for log 0", () => {
  assert.deepEqual(logRange(null, 0.03, 4), [0.01, 10]);
  assert.deepEqual(logRange(null, 1e-30, 100), [1e-6, 100]);
  assert.deepEqual(logRange(null, 0, 1), [1e-8, 1]);
  assert.deepEqual(logRange(null, null, null), [1e-8, 1]);
});

test("a log axis labels small decades as powers of ten, not 0", () => {
  assert.deepEqual(logLabels(null, [1e-6, 0.001, 0.1, 1, 1000, 1e7]),
    ["1e-6", "0.001", "0.1", "1", "1000", "1e7"]);
});

test("a linear axis labels ticks with the decimals their step needs, never two alike", () => {
  assert.deepEqual(linearLabels(null, [0.519, 0.5195, 0.52, 0.5205], 1, 0, 0.0005),
    ["0.5190", "0.5195", "0.5200", "0.5205"]);
  assert.deepEqual(linearLabels(null, [0, 0.25, 0.5]), ["0.00", "0.25", "0.50"]);
  assert.deepEqual(linearLabels(null, [0, 20, 40, 1000]), ["0", "20", "40", "1,000"]);
  // a diverging loss: powers of ten that fit beside the axis, not "2,000,000,000"
  assert.deepEqual(linearLabels(null, [0, 1e9, 2.5e9, -3e12]), ["0", "1e9", "2.5e9", "-3e12"]);
  assert.deepEqual(linearLabels(null, [-0.000002, 0, 0.000002]), ["-0.000002", "0.000000", "0.000002"]);
});
