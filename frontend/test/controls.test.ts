// Sliders under the keyboard and a number's text: pure functions of controls.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { keyStep, shown, stepDecimals } from "../src/controls";

const weight = { lo: 0, hi: 0.4, step: 0.0005 };
const bias = { lo: 0, hi: 460, step: 0.5 };
const rate = { lo: 0.001, hi: 0.5, log: true };

test("an arrow moves a slider by its parameter's step, from the value, never snapping back", () => {
  let v = 0.1;
  for (let k = 0; k < 20; k++) v = keyStep(weight, v, "ArrowRight", false)!;
  assert.ok(Math.abs(v - 0.11) < 1e-12, `20 presses from 0.1 reach 0.11, not ${v}`);
  assert.equal(keyStep(bias, 100, "ArrowLeft", false), 99.5);
  assert.equal(keyStep(bias, 100, "ArrowUp", false), 100.5);
});

test("Page Up/Down move a tenth of the range, Home/End go to the ends", () => {
  assert.equal(keyStep(bias, 100, "PageUp", false), 146);
  assert.equal(keyStep(bias, 10, "PageDown", false), 0); // clamped at the end
  assert.equal(keyStep(bias, 100, "Home", false), 0);
  assert.equal(keyStep(bias, 100, "End", false), 460);
  assert.equal(keyStep(bias, 100, "a", false), null);
});

test("on a log scale an arrow moves a hundredth of the decades, and always moves", () => {
  const up = keyStep(rate, 0.05, "ArrowRight", false)!;
  assert.ok(up > 0.05 && up < 0.06, String(up));
  const down = keyStep(rate, 0.05, "PageDown", false)!;
  assert.ok(down < 0.05 * 0.6, String(down));
  assert.equal(keyStep(rate, 0.5, "ArrowRight", false), 0.5);
});

test("integers step by whole numbers", () => {
  assert.equal(keyStep({ lo: 1, hi: 30, step: 1 }, 10, "ArrowRight", true), 11);
  assert.equal(keyStep({ lo: 0, hi: 100, step: 10 }, 50, "PageUp", true), 60);
});

test("integers on a log scale step by whole numbers, at least one", () => {
  const n = { lo: 2, hi: 400, step: 1, log: true };
  assert.equal(keyStep(n, 20, "ArrowRight", true), 21); // 20 · 1.054 rounds back to 20
  assert.equal(keyStep(n, 2, "ArrowLeft", true), 2);
  assert.equal(keyStep(n, 300, "ArrowRight", true), 316);
  assert.equal(keyStep(n, 100, "PageUp", true), 170);
});

test("a number shows to its step's decimals, as FloatParam.text does", () => {
  assert.equal(stepDecimals(0.0005), 4);
  assert.equal(stepDecimals(0.5), 1);
  assert.equal(stepDecimals(2), 0);
  assert.equal(shown(weight, 0.05848870966), "0.0585");
  assert.equal(shown(weight, 0.1), "0.1000");
  // No step: six significant digits, at most six decimals (format.ts fmt).
  assert.equal(shown({ step: null }, 0.05848870966), "0.058489");
});

test("a page step is at least a tenth of the range, in whole steps", () => {
  assert.equal(keyStep({ lo: 1, hi: 15, step: 1 }, 4, "PageDown", true), 2);
  assert.equal(keyStep({ lo: 0, hi: 100, step: 1 }, 50, "PageUp", true), 60);
});

test("a view the controls changed is scrolled just into the space above them", async () => {
  const { scrollNeeded } = await import("../src/keep_in_view");
  assert.equal(scrollNeeded(100, 400, 600), 0); // already in view
  assert.equal(scrollNeeded(500, 900, 600), 300); // below: scroll down until its bottom shows
  assert.equal(scrollNeeded(-80, 200, 600), -80); // above: back up to its top
  assert.equal(scrollNeeded(300, 1100, 600), 300); // taller than the space: its top first
});
