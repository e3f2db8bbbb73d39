// A dragged point snaps to its parameter's step (a matrix's columns to tenths).
import assert from "node:assert/strict";
import { test } from "node:test";
import { snapTo } from "../src/views/plot_pointer";

test("snapTo lands on the nearest multiple without float noise", () => {
  assert.equal(snapTo(0.2987, 0.1), 0.3);
  assert.equal(snapTo(-1.0349, 0.1), -1);
  assert.ok(Object.is(snapTo(-0.04, 0.1), 0), "never -0 (a URL would show it)");
  assert.equal(snapTo(2.26, 0.25), 2.25);
  assert.equal(snapTo(0.123456, 0), 0.123456);
});
