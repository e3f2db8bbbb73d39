// Controls generated from the parameter specs: sliders with a typed-number box, selects,
// checkboxes; action buttons; play/pause with a speed slider.
//
// A control shows the server's value unless the user has changed it since: each change
// carries a message id, and a frame overrides the control only once it reflects that id
// (frame.applied >= id). So a dragged slider never jumps back under the user's hand.
import { fmt } from "./format";
import type { ActionSpec, Frame, ParamSpec, ParamValue } from "./types";
import { el } from "./dom";

export interface ControlHost {
  set(name: string, value: ParamValue): number;
  action(name: string, value?: unknown): number;
  speed(value: number): number;
  /** Classroom mode: the names of the controls hidden now. */
  hidden?(names: string[]): void;
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

/** The value one key press moves a slider to: arrows by the parameter's step (a hundredth of
 * the range without one; a hundredth of the log range on a log scale), Page Up/Down by a
 * tenth, Home/End to the ends. Computed from the value, not the thumb's position, so a
 * press always moves at least one step and never snaps back. null for other keys. */
export function keyStep(spec: { lo: number; hi: number; log?: boolean; step?: number | null },
  value: number, key: string, int: boolean): number | null {
  const dir = ["ArrowRight", "ArrowUp", "PageUp"].includes(key) ? 1
    : ["ArrowLeft", "ArrowDown", "PageDown"].includes(key) ? -1 : 0;
  if (key === "Home") return spec.lo;
  if (key === "End") return spec.hi;
  if (!dir) return null;
  const page = key.startsWith("Page");
  let v: number;
  if (spec.log) {
    v = value * Math.pow(spec.hi / spec.lo, dir * (page ? 0.1 : 0.01));
    v = int ? Math.round(v) : Number(v.toPrecision(3));
    if (v === value) v = int ? value + dir : value * Math.pow(spec.hi / spec.lo, dir * 0.01);
  } else {
    const range = spec.hi - spec.lo;
    const step = spec.step || (int ? 1 : range / 100);
    // A page is at least a tenth of the range, in whole steps (1..15: 2, never 1).
    const by = page ? Math.max(step, Math.ceil(range / 10 / step - 1e-9) * step) : step;
    v = Math.round((value + dir * by - spec.lo) / step) * step + spec.lo;
    v = int ? Math.round(v) : Number(v.toPrecision(12));
  }
  return Math.min(spec.hi, Math.max(spec.lo, v));
}

/** A number as its control shows it: to the decimals of the parameter's step (0.0005: four),
 * trailing zeros kept, as FloatParam.text does in Python and as formulas print them, so a
 * control and the formula beside it read the same (0.1000). */
export function shown(spec: { step?: number | null }, v: number): string {
  if (!spec.step) return fmt(v, 6).replace(/,/g, "");
  return v.toFixed(stepDecimals(spec.step));
}

export function stepDecimals(step: number): number {
  const [mant, exp] = step.toExponential().split("e");
  const frac = mant.split(".")[1]?.length ?? 0;
  return Math.max(0, frac - Number(exp));
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
  let current = spec.default;
  let shownValue: number | null = null;
  const c: Control = {
    name: spec.name,
    row,
    lastSent: 0,
    show(value) {
      const v = value as number;
      // Frames bring every parameter whenever one changes (an epoch count while training):
      // an unchanged one costs no DOM write.
      if (v === shownValue && document.activeElement !== box) return;
      shownValue = v;
      current = v;
      slider.value = String(toPos(spec, v));
      // The slider runs on positions 0..1000: a screen reader must hear the value instead.
      slider.setAttribute("aria-valuetext", int ? String(v) : shown(spec, v));
      if (document.activeElement !== box) box.value = int ? String(v) : shown(spec, v);
    },
  };
  const send = (v: number): void => {
    current = v;
    shownValue = v; // what the control shows now: a refused value will differ and snap back
    box.value = int ? String(v) : shown(spec, v);
    slider.setAttribute("aria-valuetext", box.value);
    c.lastSent = host.set(spec.name, v);
  };
  slider.addEventListener("input", () => send(fromPos(spec, Number(slider.value), int)));
  slider.addEventListener("keydown", (e) => {
    const v = keyStep(spec, current, e.key, int);
    if (v === null) return;
    e.preventDefault(); // the browser's own step is a thousandth of the range: too small
    if (v === current) return;
    slider.value = String(toPos(spec, v));
    send(v);
  });
  box.addEventListener("change", () => {
    const v = Number(box.value);
    shownValue = null; // the next frame's value is written back, whatever it is
    c.lastSent = host.set(spec.name, box.value.trim() === "" || Number.isNaN(v) ? box.value : v);
  });
  return c;
}

/** A control's row with its label above a group of inputs (flags, pictures). */
function rowWithGroup(spec: ParamSpec, groupClass: string): { row: HTMLElement; group: HTMLElement } {
  const row = el("div", "control");
  row.dataset.param = spec.name;
  row.title = spec.doc;
  const head = el("span", "control-head");
  head.append(el("span", "control-label", spec.label));
  const group = el("div", groupClass);
  row.append(head, group);
  return { row, group };
}

/** What a choice's options look like as pictures (the page spec's previews and colours). */
export interface OptionPictures {
  previews: Record<string, Record<string, [number, number, number][]>>;
  labelColors: string[];
  /** 256 × [r, g, b]: the diverging colour map, for values in [-1, 1] */
  diverging: number[];
}

const PICTURE_PX = 46;

/** The points of one option drawn small: class colours, or a value on the diverging map. */
function drawPreview(canvas: HTMLCanvasElement, pts: [number, number, number][], pics: OptionPictures,
  regression: boolean): void {
  const dpr = globalThis.devicePixelRatio || 1;
  canvas.width = canvas.height = Math.round(PICTURE_PX * dpr);
  const g = canvas.getContext("2d");
  if (!g) return;
  g.scale(dpr, dpr);
  const at = (v: number) => ((v + 6) / 12) * PICTURE_PX;
  for (const [x, y, v] of pts) {
    if (regression) {
      const i = Math.round(Math.min(1, Math.max(0, (v + 1) / 2)) * 255) * 3;
      g.fillStyle = `rgb(${pics.diverging[i]},${pics.diverging[i + 1]},${pics.diverging[i + 2]})`;
    } else {
      g.fillStyle = pics.labelColors[Math.round(v) % pics.labelColors.length];
    }
    g.beginPath();
    g.arc(at(x), PICTURE_PX - at(y), 1.6, 0, 2 * Math.PI);
    g.fill();
  }
}

/** A choice whose options have pictures: a row of picture buttons (the playground's data
 * sets, as TensorFlow Playground shows them); options without one are text buttons. */
function pictureChoice(spec: ParamSpec & { kind: "choice" }, host: ControlHost, pics: OptionPictures): Control {
  const { row, group } = rowWithGroup(spec, "control-pictures");
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-label", spec.label);
  const previews = pics.previews[spec.name] ?? {};
  const buttons = spec.options.map((o, i) => {
    const b = el("button", "control-picture");
    b.type = "button";
    b.name = `${spec.name}:${o}`;
    b.title = spec.labels[i];
    b.setAttribute("role", "radio");
    b.setAttribute("aria-label", spec.labels[i]);
    const pts = previews[o];
    if (pts) {
      const canvas = el("canvas");
      canvas.style.width = canvas.style.height = `${PICTURE_PX}px`;
      drawPreview(canvas, pts, pics, pts.some(([, , v]) => v !== Math.round(v) || v < 0));
      b.append(canvas);
    } else {
      b.classList.add("text");
      b.textContent = spec.labels[i];
    }
    group.append(b);
    return b;
  });
  const c: Control = {
    name: spec.name,
    row,
    lastSent: 0,
    show(v) {
      for (const b of buttons) b.setAttribute("aria-checked", String(b.name === `${spec.name}:${v}`));
    },
  };
  buttons.forEach((b, i) => b.addEventListener("click", () => { c.lastSent = host.set(spec.name, spec.options[i]); }));
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

function flagsControl(spec: ParamSpec & { kind: "flags" }, host: ControlHost): Control {
  const { row, group: boxes } = rowWithGroup(spec, "control-flags");
  const inputs = spec.options.map((o, i) => {
    const lab = el("label", "control-flag");
    const box = el("input");
    box.type = "checkbox";
    box.name = `${spec.name}:${o}`;
    box.value = o;
    lab.append(box, el("span", "", spec.labels[i]));
    boxes.append(lab);
    return box;
  });
  const c: Control = {
    name: spec.name,
    row,
    lastSent: 0,
    show(v) {
      const on = new Set(v as string[]);
      for (const b of inputs) b.checked = on.has(b.value);
    },
  };
  for (const b of inputs) {
    b.addEventListener("change", () => {
      c.lastSent = host.set(spec.name, inputs.filter((x) => x.checked).map((x) => x.value));
    });
  }
  return c;
}

/** Points that are dragged in a plot, also as text: one point per line (x, y, and the label
 * where there are several), so the keyboard can edit them too. Only for a few points (the
 * houses); a large data set has its CSV upload. The session checks every number. */
function pointsControl(spec: ParamSpec & { kind: "points" }, host: ControlHost): Control {
  const row = el("label", "control");
  row.dataset.param = spec.name;
  const head = el("span", "control-head");
  head.append(el("span", "control-label", `${spec.label} (one per line)`));
  const box = el("textarea", "control-text control-points");
  box.name = spec.name;
  box.title = spec.doc;
  box.setAttribute("aria-label", `${spec.label}: one point per line, ${spec.doc}`);
  box.dataset.lmSuppressShortcuts = "true";
  const labelled = spec.n_labels > 1 || spec.float_labels;
  row.append(head, box);
  const c: Control = {
    name: spec.name,
    row,
    lastSent: 0,
    show(v) {
      if (document.activeElement === box) return;
      const pts = v as [number, number, number][];
      box.rows = Math.min(Math.max(pts.length, 2), 10);
      box.value = pts.map(([x, y, l]) => (labelled ? [x, y, l] : [x, y]).map((n) => fmt(n, 6).replace(/,/g, ""))
        .join(", ")).join("\n");
    },
  };
  box.addEventListener("change", () => {
    const pts = box.value.split("\n").filter((line) => line.trim()).map((line) =>
      line.split(/[,;\s]+/).filter(Boolean).map((t) => (Number.isFinite(Number(t)) ? Number(t) : t)));
    c.lastSent = host.set(spec.name, pts as unknown as ParamValue);
  });
  return c;
}

function uploadButton(a: ActionSpec, host: ControlHost): HTMLElement {
  // A file picker dressed as a button; the file's text goes to the session, which checks it.
  const lab = el("label", "upload");
  lab.title = a.doc;
  const input = el("input");
  input.type = "file";
  input.accept = a.upload;
  input.name = a.name;
  lab.append(input, el("span", "", a.label));
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      host.action(a.name, text);
      input.value = "";
    });
  });
  return lab;
}

function vectorControl(spec: ParamSpec & { kind: "vector" | "list" }, host: ControlHost): Control {
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
      if (document.activeElement === box) return;
      box.value = (v as (number | string)[]).map((x) => (typeof x === "number" ? fmt(x, 6) : x)).join(", ");
    },
  };
  // The session parses and validates the text, so the error names what is wrong.
  box.addEventListener("change", () => { c.lastSent = host.set(spec.name, box.value); });
  return c;
}

/** A line of text (a function to plot): sent on Enter or when the box loses focus; the
 * session checks it, and its error says where the problem is. */
function textControl(spec: ParamSpec & { kind: "text" }, host: ControlHost): Control {
  const row = el("label", "control");
  row.dataset.param = spec.name;
  const head = el("span", "control-head");
  head.append(el("span", "control-label", spec.label));
  const box = el("input", "control-text control-expression");
  box.type = "text";
  box.name = spec.name;
  box.title = spec.doc;
  box.maxLength = spec.max_len;
  box.spellcheck = false;
  box.autocomplete = "off";
  box.setAttribute("aria-label", `${spec.label}: ${spec.doc}`);
  box.dataset.lmSuppressShortcuts = "true";
  row.append(head, box);
  const c: Control = {
    name: spec.name,
    row,
    lastSent: 0,
    show(v) {
      if (document.activeElement !== box) box.value = String(v);
    },
  };
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
  private shownParams: Record<string, ParamValue> | null = null;
  private shownSent = new Map<Control, number>(); // lastSent of each control when last shown
  private stepsDone: HTMLElement | null = null;
  private errorBox = el("div", "control-error");
  private hidden = new Set<string>();
  private hideBoxes = new Map<string, HTMLInputElement>();
  /** Action buttons and play by name, shown or hidden by the story's step. */
  private buttons = new Map<string, HTMLElement>();
  /** The story's step: the controls it shows (null: all) and highlights. */
  private stepShows: Set<string> | null = null;
  private stepHighlights = new Set<string>();
  private sections: HTMLElement[] = [];
  /** Rarely used settings: steps per frame, seed, classroom mode (and the app's export). */
  readonly advanced = el("details", "control-more");
  /** Where advanced parameters' controls live, and where a step that asks for one puts it. */
  private advancedHome = el("div", "control-group");
  private advancedRows = new Map<string, HTMLElement>();
  private stepExtras = el("div", "control-group step-extras");

  constructor(params: ParamSpec[], actions: ActionSpec[], playable: boolean, private host: ControlHost,
    hidden: string[] = [], pictures: OptionPictures | null = null) {
    const main = el("div", "control-group");
    const more = this.advanced;
    more.append(el("summary", "", "Advanced"), this.advancedHome);
    const groups = new Map<string, HTMLElement>();
    for (const spec of params) {
      // "step" is the story's (story.ts moves through it), not a control of its own.
      if (spec.transient || spec.name === "step") continue;
      let c: Control | null = null;
      if (spec.kind === "float" || spec.kind === "int") c = numberControl(spec, host);
      else if (spec.kind === "choice") {
        c = pictures?.previews[spec.name] ? pictureChoice(spec, host, pictures) : choiceControl(spec, host);
      }
      else if (spec.kind === "bool") c = boolControl(spec, host);
      else if (spec.kind === "vector" || spec.kind === "list") c = vectorControl(spec, host);
      else if (spec.kind === "text") c = textControl(spec, host);
      else if (spec.kind === "flags") c = flagsControl(spec, host);
      else if (spec.kind === "points" && spec.max_points <= 50) c = pointsControl(spec, host);
      if (!c) continue; // many points are edited in the plots (and uploaded)
      this.controls.set(spec.name, c);
      if (spec.name === "seed") {
        more.append(c.row);
      } else if (spec.advanced || spec.kind === "points") {
        this.advancedHome.append(c.row);
        this.advancedRows.set(spec.name, c.row);
      } else if (spec.group) {
        let g = groups.get(spec.group);
        if (!g) {
          const box = el("details", "control-section");
          this.sections.push(box);
          box.open = true;
          box.dataset.group = spec.group;
          box.append(el("summary", "", spec.group));
          g = el("div", "control-group");
          box.append(g);
          groups.set(spec.group, g);
          main.append(box);
        }
        g.append(c.row);
      } else {
        main.append(c.row);
      }
    }
    const seed = this.controls.get("seed")?.row ?? null;
    if (playable) more.insertBefore(this.speedControl(), seed);
    more.append(this.classroom());
    for (const name of hidden) this.hidden.add(name);
    const buttons = el("div", "actions");
    if (playable) {
      this.playButton = el("button", "play", "▶ Play");
      this.playButton.name = "play";
      this.playButton.addEventListener("click", () =>
        host.action(this.playButton!.classList.contains("playing") ? "pause" : "play"));
      buttons.append(this.playButton);
      this.buttons.set("play", this.playButton);
    }
    for (const a of actions) {
      if (!a.button) continue;
      if (a.upload) {
        const u = uploadButton(a, host);
        buttons.append(u);
        this.buttons.set(a.name, u);
        continue;
      }
      const b = el("button", "", a.label);
      b.name = a.name;
      b.title = a.doc;
      b.addEventListener("click", () => host.action(a.name));
      buttons.append(b);
      this.buttons.set(a.name, b);
    }
    this.buttonRow = buttons;
    this.mainGroup = main;
    this.applyHidden();
    // Buttons first: on a long list of settings they stay at hand.
    this.root.append(buttons, this.errorBox, main, this.stepExtras, more);
  }

  private buttonRow: HTMLElement;
  private mainGroup: HTMLElement;

  /** Hide the controls of parameters that have no effect now (the explorable says which). */
  setUnused(names: string[]): void {
    this.unused = new Set(names);
    this.applyHidden();
  }

  private unused = new Set<string>();

  /** Show only the controls a story's step names (null: all), and mark those it highlights. */
  showOnly(names: string[] | null, highlight: string[] = []): void {
    this.stepShows = names ? new Set(names) : null;
    this.stepHighlights = new Set(highlight);
    this.applyHidden();
  }

  /** Classroom mode: a teacher ticks the controls to hide; the choice lives in the URL. */
  private classroom(): HTMLElement {
    const box = el("div", "control classroom");
    box.append(el("span", "control-label", "Classroom mode: hide these controls"));
    const list = el("div", "control-flags");
    for (const [name, c] of this.controls) {
      if (name === "seed") continue;
      const lab = el("label", "control-flag");
      const cb = el("input");
      cb.type = "checkbox";
      cb.name = `hide:${name}`;
      cb.addEventListener("change", () => {
        if (cb.checked) this.hidden.add(name);
        else this.hidden.delete(name);
        this.applyHidden();
        this.host.hidden?.([...this.hidden]);
      });
      this.hideBoxes.set(name, cb);
      lab.append(cb, el("span", "", c.row.querySelector(".control-label")?.textContent ?? name));
      list.append(lab);
    }
    box.append(list);
    return box;
  }

  private applyHidden(): void {
    const shows = (name: string): boolean => !this.stepShows || this.stepShows.has(name);
    // An advanced setting a step asks for comes out of the fold, beside the step's others.
    for (const [name, row] of this.advancedRows) {
      const home = this.stepShows?.has(name) ? this.stepExtras : this.advancedHome;
      if (row.parentElement !== home) home.append(row);
    }
    this.stepExtras.hidden = this.stepExtras.childElementCount === 0;
    for (const [name, c] of this.controls) {
      if (name === "seed") continue; // under Advanced, at every step
      if (this.advancedRows.has(name) && !this.stepShows) { // free play: all, under the fold
        c.row.hidden = this.hidden.has(name) || this.unused.has(name);
        continue;
      }
      c.row.hidden = this.hidden.has(name) || this.unused.has(name) || !shows(name);
      c.row.classList.toggle("highlight", this.stepHighlights.has(name));
      const cb = this.hideBoxes.get(name);
      if (cb) cb.checked = this.hidden.has(name);
    }
    for (const [name, b] of this.buttons) {
      b.hidden = !shows(name);
      b.classList.toggle("highlight", this.stepHighlights.has(name));
    }
    this.buttonRow.hidden = [...this.buttons.values()].every((b) => b.hidden);
    // A section whose controls are all hidden goes too, and so does the group of them all
    // (an empty box would still take its gap).
    for (const s of this.sections) {
      s.hidden = [...s.querySelectorAll<HTMLElement>(".control-group > .control")].every((r) => r.hidden);
    }
    this.mainGroup.hidden = [...this.mainGroup.children].every((c) => (c as HTMLElement).hidden);
  }

  private speedControl(): HTMLElement {
    const row = el("div", "control");
    const head = el("label", "control-head");
    this.speedValue = el("span", "control-value", "1");
    this.stepsDone = el("span", "control-steps");
    this.stepsDone.title = "Steps the last frame took: fewer than asked when they would not fit in a frame's time.";
    head.append(el("span", "control-label", "steps per frame"), this.stepsDone, this.speedValue);
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
  update(frame: Frame, params: Record<string, ParamValue>): void {
    // Write to the DOM only what changed: any write, even of the same value, costs the
    // page a style and layout pass (and a hover test if it is under the pointer), which
    // while playing is every frame. A control is shown when new values arrive, and once
    // when the session has applied what the user sent (a refused value snaps back then).
    const fresh = params !== this.shownParams;
    this.shownParams = params;
    for (const c of this.controls.values()) {
      if (frame.applied < c.lastSent || !(c.name in params)) continue;
      if (fresh || c.lastSent > (this.shownSent.get(c) ?? 0)) {
        c.show(params[c.name]);
        this.shownSent.set(c, c.lastSent);
      }
    }
    if (this.stepsDone) {
      setText(this.stepsDone, frame.playing && frame.steps < frame.speed ? `${frame.steps} done ·` : "");
    }
    if (this.playButton) {
      this.playButton.classList.toggle("playing", frame.playing);
      setText(this.playButton, frame.playing ? "❚❚ Pause" : "▶ Play");
    }
    if (this.speedSlider && frame.applied >= this.speedSent) {
      const pos = String(toPos({ lo: 1, hi: 1000, log: true }, frame.speed));
      if (this.speedSlider.value !== pos) this.speedSlider.value = pos;
      setText(this.speedValue!, String(frame.speed));
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

function setText(e: HTMLElement, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}
