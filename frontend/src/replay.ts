// Entry point of an HTML replay (mlscope/render/replay.py): recorded frames played back by
// the app's own view renderers, with no server and no network. The page holds the spec,
// the labels and the frames (gzip + base64; each frame is the wire format of decode.ts,
// prefixed by its uint32 length). Frames are decoded once, in order (a frame may reuse an
// array of an earlier one), so scrubbing to any frame just renders it.
import { FrameDecoder } from "./decode";
import type { Frame, PageSpec, ParamValue } from "./types";
import { ViewGrid } from "./view_grid";
import { el } from "./dom";

interface ReplayInfo {
  spec: PageSpec;
  title: string;
  labels: string[];
  fps: number;
}

export interface ReplayState {
  frame: number;
  count: number;
  playing: boolean;
  label: string;
}

async function frameBytes(): Promise<ArrayBuffer> {
  const b64 = document.getElementById("mlscope-frames")!.textContent!.trim();
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}

function split(all: ArrayBuffer): ArrayBuffer[] {
  const view = new DataView(all);
  const out: ArrayBuffer[] = [];
  for (let at = 0; at < all.byteLength;) {
    const n = view.getUint32(at, true);
    out.push(all.slice(at + 4, at + 4 + n)); // own buffer: typed arrays need it aligned
    at += 4 + n;
  }
  return out;
}


async function main(): Promise<void> {
  const info = JSON.parse(document.getElementById("mlscope-replay")!.textContent!) as ReplayInfo;
  const decoder = new FrameDecoder();
  const frames: Frame[] = split(await frameBytes()).map((b) => decoder.decode(b));
  let params: Record<string, ParamValue> = {};
  const grid = new ViewGrid(info.spec.layout, {
    spec: info.spec,
    setParam: () => {}, // a recording cannot be changed
    action: () => {},
    params: () => params,
  });

  const root = document.getElementById("replay")!;
  root.classList.add("mlscope-app", "replay");
  const bar = el("div", "card player");
  const play = el("button", "play", "Play");
  play.type = "button";
  const slider = el("input", "scrub");
  Object.assign(slider, { type: "range", min: "0", max: String(frames.length - 1), step: "1", value: "0" });
  slider.setAttribute("aria-label", "frame");
  const label = el("span", "frame-label");
  const counter = el("span", "frame-count");
  bar.append(el("h1", "replay-title", info.title), play, slider, label, counter);
  root.replaceChildren(bar, grid.root);

  const state: ReplayState = { frame: -1, count: frames.length, playing: false, label: "" };
  (window as unknown as { __replay: ReplayState }).__replay = state;

  function show(k: number): void {
    k = Math.max(0, Math.min(frames.length - 1, k));
    if (k === state.frame) return;
    const f = frames[k];
    if (f.params) params = f.params;
    grid.render(f.views);
    state.frame = k;
    state.label = info.labels[k] ?? "";
    slider.value = String(k);
    label.textContent = state.label;
    counter.textContent = `${k + 1} / ${frames.length}`;
    document.body.dataset.frame = String(k);
  }

  let timer = 0;
  function setPlaying(on: boolean): void {
    state.playing = on;
    play.textContent = on ? "Pause" : "Play";
    clearInterval(timer);
    if (!on) return;
    if (state.frame >= frames.length - 1) show(0);
    timer = window.setInterval(() => {
      if (state.frame >= frames.length - 1) setPlaying(false);
      else show(state.frame + 1);
    }, 1000 / info.fps);
  }

  play.addEventListener("click", () => setPlaying(!state.playing));
  slider.addEventListener("input", () => {
    setPlaying(false);
    show(Number(slider.value));
  });
  document.addEventListener("keydown", (e) => {
    if (e.target instanceof HTMLInputElement && e.target !== slider) return;
    if (e.key === " ") {
      e.preventDefault();
      setPlaying(!state.playing);
    }
  });
  show(0);
}

void main();
