// Controls generated from the parameter specs: sliders with a typed-number box, selects,
// checkboxes; action buttons; play/pause with a speed slider.
//
// A control shows the server's value unless the user has changed it since: each change
// carries a message id, and a frame overrides the control only once it reflects that id
// (frame.applied >= id). So a dragged slider never jumps back under the user's hand.
import { fmt } from "./format";
import type { ActionSpec, Frame, ParamSpec, ParamValue } from "./types";

export interface ControlHost {
  set(name: string, value: ParamValue): number;
  action(name: string): number;
  speed(value: number): number;
}

interface Control {
  name: string;
  row: HTMLElement;
  lastSent: number;
  show(value: ParamValue): void;
}

// Sliders work in positions 0..SLIDER_STEPS; log parameters map positions exponentially.
const SLIDER_STEPS = 1000;

function toPos(spec: { lo: number; hi: number; log?: boolean }, v: number): number {
  const t = spec.log ? Math.log(v / spec.lo) / Math.log(spec.hi / spec.lo) : (v - spec.lo) / (spec.hi - spec.lo);
  return Math.round(t * SLIDER_STEPS);
}

function fromPos(spec: { lo: number; hi: number; log?: boolean; step?: number | null }, pos: number, int: boolean): number {
  const t = pos / SLIDER_STEPS;
  let v = spec.log ? spec.lo * Math.pow(spec.hi / spec.lo, t) : spec.lo + t * (spec.hi - spec.lo);
  if (int) return Math.round(v);
  if (spec.step && !spec.log) v = Math.round((v - spec.lo) / spec.step) * spec.step + spec.lo;
  return Math.min(spec.hi, Math.max(spec.lo, Number(v.toPrecision(6))));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls = "", text = ""): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function numberControl(spec: ParamSpec & { kind: "float" | "int" }, host: ControlHost): Control {
  const int = spec.kind === "int";
  const row = el("div", "control");
  row.dataset.param = spec.name;
  const head = el("label", "control-head");
  const name = el("span", "control-label", spec.label);
  name.title = spec.doc;
  const box = el("input", "control-number");
  box.type = "number";
  box.min = String(spec.lo);
  box.max = String(spec.hi);
  box.step = int ? String(spec.step) : "any";
  box.setAttribute("aria-label", `${spec.label} value`);
  box.dataset.lmSuppressShortcuts = "true";
  head.append(name, box);
  const slider = el("input", "control-slider");
  slider.type = "range";
  slider.min = "0";
  slider.max = String(SLIDER_STEPS);
  slider.setAttribute("aria-label", spec.label);
  slider.dataset.lmSuppressShortcuts = "true";
  slider.name = spec.name;
  row.append(head, slider);
  const c: Control = {
    name: spec.name,
    row,
    lastSent: 0,
    show(value) {
      const v = value as number;
      slider.value = String(toPos(spec, v));
      if (document.activeElement !== box) box.value = int ? String(v) : fmt(v, 6).replace(/,/g, "");
    },
  };
  slider.addEventListener("input", () => {
    const v = fromPos(spec, Number(slider.value), int);
    box.value = int ? String(v) : fmt(v, 6).replace(/,/g, "");
    c.lastSent = host.set(spec.name, v);
  });
  box.addEventListener("change", () => {
    const v = Number(box.value);
    c.lastSent = host.set(spec.name, box.value.trim() === "" || Number.isNaN(v) ? box.value : v);
  });
  return c;
}

function choiceControl(spec: ParamSpec & { kind: "choice" }, host: ControlHost): Control {
  const row = el("label", "control control-inline");
  row.dataset.param = spec.name;
  const select = el("select");
  select.name = spec.name;
  spec.options.forEach((o, i) => {
    const opt = el("option", "", spec.labels[i]);
    opt.value = o;
    select.append(opt);
  });
  row.append(el("span", "control-label", spec.label), select);
  const c: Control = { name: spec.name, row, lastSent: 0, show: (v) => { select.value = v as string; } };
  select.addEventListener("change", () => { c.lastSent = host.set(spec.name, select.value); });
  return c;
}

function boolControl(spec: ParamSpec & { kind: "bool" }, host: ControlHost): Control {
  const row = el("label", "control control-inline");
  row.dataset.param = spec.name;
  const box = el("input");
  box.type = "checkbox";
  box.name = spec.name;
  row.append(box, el("span", "control-label", spec.label));
  const c: Control = { name: spec.name, row, lastSent: 0, show: (v) => { box.checked = v as boolean; } };
  box.addEventListener("change", () => { c.lastSent = host.set(spec.name, box.checked); });
  return c;
}

function vectorControl(spec: ParamSpec & { kind: "vector" }, host: ControlHost): Control {
  const row = el("label", "control");
  row.dataset.param = spec.name;
  const head = el("span", "control-head");
  head.append(el("span", "control-label", spec.label));
  const box = el("input", "control-text");
  box.type = "text";
  box.name = spec.name;
  box.title = spec.doc;
  box.dataset.lmSuppressShortcuts = "true";
  row.append(head, box);
  const c: Control = {
    name: spec.name,
    row,
    lastSent: 0,
    show(v) {
      if (document.activeElement !== box) box.value = (v as number[]).map((x) => fmt(x, 6)).join(", ");
    },
  };
  // The session parses and validates the text, so the error names what is wrong.
  box.addEventListener("change", () => { c.lastSent = host.set(spec.name, box.value); });
  return c;
}

export class Controls {
  readonly root = el("div", "controls");
  private controls = new Map<string, Control>();
  private playButton: HTMLButtonElement | null = null;
  private speedValue: HTMLElement | null = null;
  private speedSlider: HTMLInputElement | null = null;
  private speedSent = 0;
  private errorBox = el("div", "control-error");

  constructor(params: ParamSpec[], actions: ActionSpec[], playable: boolean, private host: ControlHost) {
    const main = el("div", "control-group");
    const more = el("details", "control-more");
    more.append(el("summary", "", "More settings"));
    for (const spec of params) {
      let c: Control | null = null;
      if (spec.kind === "float" || spec.kind === "int") c = numberControl(spec, host);
      else if (spec.kind === "choice") c = choiceControl(spec, host);
      else if (spec.kind === "bool") c = boolControl(spec, host);
      else if (spec.kind === "vector") c = vectorControl(spec, host);
      if (!c) continue; // points are edited in the plots
      this.controls.set(spec.name, c);
      (spec.name === "seed" ? more : main).append(c.row);
    }
    const buttons = el("div", "actions");
    if (playable) {
      this.playButton = el("button", "play", "▶ Play");
      this.playButton.name = "play";
      this.playButton.addEventListener("click", () =>
        host.action(this.playButton!.classList.contains("playing") ? "pause" : "play"));
      buttons.append(this.playButton);
    }
    for (const a of actions) {
      const b = el("button", "", a.label);
      b.name = a.name;
      b.title = a.doc;
      b.addEventListener("click", () => host.action(a.name));
      buttons.append(b);
    }
    this.root.append(main, buttons);
    if (playable) this.root.append(this.speedControl());
    this.root.append(this.errorBox, more);
  }

  private speedControl(): HTMLElement {
    const row = el("div", "control");
    const head = el("label", "control-head");
    this.speedValue = el("span", "control-value", "1");
    head.append(el("span", "control-label", "steps per frame"), this.speedValue);
    const spec = { lo: 1, hi: 1000, log: true };
    const s = el("input", "control-slider");
    s.type = "range";
    s.min = "0";
    s.max = String(SLIDER_STEPS);
    s.name = "speed";
    s.setAttribute("aria-label", "steps per frame");
    s.dataset.lmSuppressShortcuts = "true";
    s.addEventListener("input", () => {
      const v = fromPos(spec, Number(s.value), true);
      this.speedValue!.textContent = String(v);
      this.speedSent = this.host.speed(v);
    });
    this.speedSlider = s;
    row.append(head, s);
    return row;
  }

  /** Show the frame's state in every control the user is not ahead of. */
  update(frame: Frame): void {
    for (const c of this.controls.values()) {
      if (frame.applied >= c.lastSent && c.name in frame.params) c.show(frame.params[c.name]);
    }
    if (this.playButton) {
      this.playButton.classList.toggle("playing", frame.playing);
      this.playButton.textContent = frame.playing ? "❚❚ Pause" : "▶ Play";
    }
    if (this.speedSlider && frame.applied >= this.speedSent) {
      this.speedSlider.value = String(toPos({ lo: 1, hi: 1000, log: true }, frame.speed));
      this.speedValue!.textContent = String(frame.speed);
    }
  }

  showError(field: string, message: string): void {
    this.errorBox.textContent = message;
    this.errorBox.classList.add("visible");
    for (const c of this.controls.values()) c.row.classList.toggle("invalid", c.name === field);
  }

  clearError(): void {
    this.errorBox.textContent = "";
    this.errorBox.classList.remove("visible");
    for (const c of this.controls.values()) c.row.classList.remove("invalid");
  }
}
