// A view blended at a slider's value: straight lines between stops, labels from the nearer.
import assert from "node:assert/strict";
import { test } from "node:test";
import { tweenAt, tweenParam } from "../src/tween";
import type { ViewPayload } from "../src/types";

const arr = (xs: number[]) => ({ data: new Float32Array(xs), shape: [xs.length] });

function view(): ViewPayload {
  return {
    kind: "plot", title: "t", x_label: "z", y_label: "z", x_range: [0, 1], y_range: [0, 1],
    layers: [{ kind: "points", x: arr([0, 0]), y: arr([0, 0]) }, { kind: "lines", x: arr([0]), y: arr([0]) }],
    tween: {
      param: "t", stops: [0, 0.5, 1],
      frames: [
        { "layers.0.x": arr([0, 0]), x_range: [0, 1], x_label: "z" },
        { "layers.0.x": arr([2, 4]), x_range: [0, 2], x_label: "z" },
        { "layers.0.x": arr([4, 8]), x_range: [0, 4], x_label: "a" },
      ],
      shown: { "layers.1": [1, 1] },
    },
  } as unknown as ViewPayload;
}

test("numbers move in straight lines between the stops around the value", () => {
  const v = view();
  assert.equal(tweenParam(v), "t");
  const at = tweenAt(v, 0.75) as unknown as { layers: { x: { data: Float32Array } }[]; x_range: number[]; x_label: string };
  assert.deepEqual(Array.from(at.layers[0].x.data), [3, 6]);
  assert.deepEqual(at.x_range, [0, 3]);
  assert.equal(at.x_label, "a"); // 0.75 is as near 1 as 0.5: the later stop's label
  assert.equal(at.layers.length, 1, "the separator is drawn at t = 1 only");
  assert.equal((tweenAt(v, 1) as unknown as { layers: object[] }).layers.length, 2);
});

test("the same value gives the same arrays back, so the view is not drawn twice", () => {
  const v = view();
  const a = tweenAt(v, 0.25) as unknown as { layers: { x: object }[] };
  const b = tweenAt(v, 0.25) as unknown as { layers: { x: object }[] };
  assert.equal(a.layers[0].x, b.layers[0].x);
});

test("a held tween shows the last stop at or before the value, its own arrays", () => {
  const v = view() as unknown as { tween: { hold?: boolean; frames: Record<string, unknown>[] } };
  v.tween.hold = true;
  const pick = (t: number) =>
    Array.from((tweenAt(v as unknown as ViewPayload, t) as unknown as { layers: { x: { data: Float32Array } }[] }).layers[0].x.data);
  assert.deepEqual(pick(-1), [0, 0]);
  assert.deepEqual(pick(0.49), [0, 0]);
  assert.deepEqual(pick(0.5), [2, 4]);
  assert.deepEqual(pick(0.99), [2, 4]);
  assert.deepEqual(pick(1), [4, 8]);
  assert.deepEqual(pick(7), [4, 8]);
  const at = tweenAt(v as unknown as ViewPayload, 0.7) as unknown as { layers: { x: object }[] };
  assert.equal(at.layers[0].x, v.tween.frames[1]["layers.0.x"], "not a copy");
});
