// One explorable on screen: controls + views + guide, driven by frames from a transport.
// Used unchanged by the web page (websocket) and the notebook widget (kernel comm).
//
// How a frame reaches the screen: transport delivers bytes -> FrameDecoder -> the newest
// frame waits for the next animation frame -> ack to the session (which computes the next
// frame meanwhile; one in flight) -> every view's renderer.update(payload) and the controls.
// A slider that a view tweens along (tween.ts) also redraws that view at the next animation
// frame from the numbers it already has, before the server's frame arrives.
import { Controls } from "./controls";
import { ExportPanel } from "./export_panel";
import { FrameDecoder } from "./decode";
import { renderGuide } from "./guide";
import { KeepInView } from "./keep_in_view";
import { FREE, StoryPanel } from "./story";
import type { ClientMessage, ErrorMessage, ExportMessage, Frame, PageSpec, ParamValue, ViewContext } from "./types";
import { ViewGrid } from "./view_grid";
import { widthClasses } from "./width_classes";

export interface Transport {
  send(msg: ClientMessage): void;
}

export interface AppOptions {
  /** Show the guided text (the page does; the widget can hide it). */
  guide: boolean;
  /** Called with the URL form of the parameters after each frame. */
  onUrl?: (url: Record<string, string>) => void;
  /** Show the Export card (the web page does; in a notebook, export from Python). */
  exports?: boolean;
  /** Classroom mode: controls hidden at the start, and where to report changes. */
  hidden?: string[];
  onHidden?: (names: string[]) => void;
  /** Embed one card (``?embed=1&view=NAME``): that view and the controls of the first step
   * that shows it, no story. */
  view?: string;
}

/** Figures the benchmark and the tests read (window.__mlscope). */
export interface RenderStats {
  frames: number;
  lastSeq: number;
  lastApplied: number;
  lastRenderMs: number;
  renderedAt: number;
  /** From our last ack to the arrival of the next frame: the session's compute + transport. */
  lastWaitMs: number;
  /** Views redrawn in the browser at a slider's value, before the server's frame. */
  previews: number;
}

export class ExplorableApp {
  readonly stats: RenderStats = { frames: 0, lastSeq: 0, lastApplied: 0, lastRenderMs: 0, renderedAt: 0, lastWaitMs: 0, previews: 0 };
  private ackedAt = 0;
  private decoder = new FrameDecoder();
  private grid: ViewGrid;
  private exportPanel: ExportPanel | null = null;
  private controls: Controls;
  private pending: Frame | null = null;
  private raf = 0;
  private nextId = 1;
  private params: Record<string, ParamValue> = {};
  private status: HTMLElement;
  private ctx: ViewContext;
  private listeners: Array<(f: Frame) => void> = [];
  private drawnListeners: Array<(applied: number) => void> = [];
  /** The last parameter set, to preview at the next animation frame (see tween.ts). */
  private previewing: { name: string; value: ParamValue; id: number } | null = null;
  /** The id of the last set previewed: frames older than it are drawn at the local value. */
  private previewId = 0;
  /** Sets sent but not yet in a frame: a view that builds on a parameter (a drag that edits
   * one entry of a list) reads them, so a frame still on its way cannot undo the last set. */
  private unapplied = new Map<string, { value: ParamValue; id: number }>();
  hiddenControls: string[] = [];
  private story: StoryPanel | null = null;
  /** The story's step whose views and controls are shown ("" before the first frame). */
  private stepShown = "";

  constructor(readonly root: HTMLElement, readonly spec: PageSpec, private transport: Transport,
    private opts: AppOptions) {
    this.ctx = {
      spec,
      setParam: (name, value) => { this.set(name, value); },
      action: (name, value) => { this.action(name, value); },
      params: () => this.paramsWithUnapplied(),
    };
    root.classList.add("mlscope-app");
    widthClasses(root, { narrow: 820 });
    this.controls = new Controls(spec.params, spec.actions, spec.playable, {
      set: (n, v) => this.set(n, v),
      action: (n, v) => this.action(n, v),
      speed: (v) => this.send({ type: "speed", id: this.nextId++, value: v }),
      hidden: (names) => {
        this.hiddenControls = names;
        opts.onHidden?.(names);
      },
    }, opts.hidden ?? [], {
      previews: spec.previews ?? {}, labelColors: spec.label_colors, diverging: spec.colormaps.diverging ?? [],
    });
    this.hiddenControls = opts.hidden ?? [];
    this.status = document.createElement("div");
    this.status.className = "status";
    // The page: the story card and the controls in the side column, the views beside them
    // (narrow: story, views, then the controls pinned to the bottom of the screen).
    const side = document.createElement("aside");
    side.className = "side";
    // On a narrow screen the controls are pinned under the views: a handle folds them away
    // to see the whole picture.
    const fold = document.createElement("button");
    fold.type = "button";
    fold.className = "controls-fold";
    fold.setAttribute("aria-expanded", "true");
    fold.textContent = "Controls ▾";
    fold.addEventListener("click", () => {
      const folded = side.classList.toggle("folded");
      fold.setAttribute("aria-expanded", String(!folded));
      fold.textContent = folded ? "Controls ▴" : "Controls ▾";
    });
    side.append(fold);
    const controlsCard = document.createElement("section");
    controlsCard.className = "card controls-card";
    controlsCard.setAttribute("aria-label", "Controls");
    controlsCard.append(this.status, this.controls.root);
    side.append(controlsCard);
    if (opts.exports) {
      this.exportPanel = new ExportPanel((m) => {
        if (m.type === "export") m.id = this.nextId++;
        return this.send(m);
      }, spec.playable);
      // Folded: a learner rarely needs it, and it must not push the step's controls away.
      const fold = document.createElement("details");
      fold.className = "control-more export-fold";
      const summary = document.createElement("summary");
      summary.textContent = spec.playable ? "Export: PNG, GIF, MP4, HTML replay" : "Export: PNG";
      fold.append(summary, this.exportPanel.root);
      controlsCard.append(fold);
    }
    this.grid = new ViewGrid(spec.layout, this.ctx);
    const parts: HTMLElement[] = [];
    if (opts.guide && spec.steps.length && !opts.view) {
      this.story = new StoryPanel(spec.steps, spec.guide, (step) => { this.set("step", step); });
      parts.push(this.story.root);
      const bar = document.createElement("div");
      bar.className = "controls-bar";
      fold.replaceWith(bar);
      bar.append(fold, this.story.miniNav);
      root.classList.add("has-story");
    } else if (opts.guide && spec.guide && !opts.view) {
      const guide = document.createElement("section");
      guide.className = "card guide";
      guide.innerHTML = renderGuide(spec.guide); // escaped inside renderGuide
      side.append(guide);
    }
    root.replaceChildren(...parts, side, this.grid.root);
    const keep = new KeepInView(root, side, this.grid.root);
    this.onDrawn(() => keep.drawn());
    if (opts.view) this.applyStep(FREE);
    else if (spec.steps.length) this.applyStep(this.story ? spec.steps[0].name : FREE);
  }

  /** Show what step ``name`` shows: its views and controls (all of them in free play), or
   * the one embedded card. */
  private applyStep(name: string): void {
    if (name === this.stepShown) return;
    this.stepShown = name;
    if (this.opts.view) {
      const first = this.spec.steps.find((s) => s.views.includes(this.opts.view!));
      this.grid.showOnly([this.opts.view]);
      this.controls.showOnly(first ? first.controls : null);
      return;
    }
    const step = this.spec.steps.find((s) => s.name === name);
    this.grid.showOnly(step ? step.views : null, step?.highlight ?? []);
    this.controls.showOnly(step ? step.controls : null, step?.highlight ?? []);
    this.story?.showStep(name);
  }

  /** Start (or restart after a reconnect) with these parameter values. */
  hello(params: Record<string, ParamValue | string>): void {
    this.transport.send({ type: "hello", params });
    if (typeof params.step === "string" && this.story) this.applyStep(params.step);
    // Without the story card (the widget without its guide, an embed) everything is shown.
    if (this.spec.steps.length && !this.story) this.set("step", FREE);
  }

  currentParams(): Record<string, ParamValue> {
    return this.params;
  }

  /** Call listener after each frame is rendered; returns the unsubscribe function. */
  onFrame(listener: (f: Frame) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Call listener with the id of the last message the screen reflects, after each frame and
   * after each preview of a slider's value; returns the unsubscribe function. */
  onDrawn(listener: (applied: number) => void): () => void {
    this.drawnListeners.push(listener);
    return () => {
      this.drawnListeners = this.drawnListeners.filter((l) => l !== listener);
    };
  }

  /** The id the next message will carry: a frame with applied >= it reflects that message. */
  get nextMessageId(): number {
    return this.nextId;
  }

  private send(msg: ClientMessage): number {
    this.transport.send(msg);
    return "id" in msg ? msg.id : 0;
  }

  private action(name: string, value?: unknown): number {
    this.controls.clearError();
    const msg: ClientMessage = value === undefined
      ? { type: "action", id: this.nextId++, name }
      : { type: "action", id: this.nextId++, name, value };
    const limit = this.spec.max_message_bytes;
    if (limit && typeof value === "string" && value.length > limit / 8) {
      const bytes = new Blob([JSON.stringify(msg)]).size;
      if (bytes > limit) {
        const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
        this.controls.showError(name, `This file is ${mb(new Blob([value]).size)}; at most ${mb(limit)} can be `
          + "uploaded. Keep fewer rows (the data shown is unchanged).");
        return 0;
      }
    }
    return this.send(msg);
  }

  private paramsWithUnapplied(): Record<string, ParamValue> {
    if (this.unapplied.size === 0) return this.params;
    const out = { ...this.params };
    for (const [name, u] of this.unapplied) out[name] = u.value;
    return out;
  }

  private set(name: string, value: ParamValue): number {
    this.controls.clearError();
    const id = this.send({ type: "set", id: this.nextId++, params: { [name]: value } });
    this.previewing = { name, value, id };
    // A list typed as text ("2, 4") is parsed by the server: until its frame comes, views
    // that edit one entry keep the last list, never the text.
    if (Array.isArray(this.params[name]) && !Array.isArray(value)) this.unapplied.delete(name);
    else this.unapplied.set(name, { value, id });
    if (!this.raf) this.raf = requestAnimationFrame(() => this.render());
    return id;
  }

  // --- incoming --------------------------------------------------------------------------

  receiveFrame(buf: ArrayBuffer): void {
    // Frames arrive one at a time (the session waits for our ack), but keep only the newest.
    if (this.ackedAt) this.stats.lastWaitMs = performance.now() - this.ackedAt;
    this.pending = this.decoder.decode(buf);
    if (!this.raf) this.raf = requestAnimationFrame(() => this.render());
  }

  receiveError(err: ErrorMessage): void {
    this.grid.clearPreview();
    if (this.exportPanel && ["format", "frames", "every", "size"].includes(err.field)) {
      this.exportPanel.refused(err.message);
      return;
    }
    this.controls.showError(err.field, err.message);
  }

  receiveExport(msg: ExportMessage): void {
    this.exportPanel?.receive(msg);
  }

  setStatus(text: string): void {
    this.status.textContent = text;
    this.status.classList.toggle("visible", Boolean(text));
  }

  private render(): void {
    this.raf = 0;
    const f = this.pending;
    const p = this.previewing;
    this.pending = null;
    this.previewing = null;
    if (p && !(f && f.applied >= p.id)) {
      // Draw now unless a frame is drawn below anyway (at the local value, since it is older).
      const t0 = performance.now();
      if (this.grid.preview(p.name, p.value, !f)) {
        this.previewId = p.id;
        if (!f) {
          const now = performance.now();
          Object.assign(this.stats, { previews: this.stats.previews + 1, lastRenderMs: now - t0, renderedAt: now });
          for (const l of this.drawnListeners) l(p.id);
        }
      }
    }
    if (!f) return;
    // Ack as soon as the frame is taken: the session computes the next one while this one
    // is drawn, and still never has more than one frame on its way to us.
    this.transport.send({ type: "ack", seq: f.seq, render_ms: Math.round(this.stats.lastRenderMs * 10) / 10 });
    this.ackedAt = performance.now();
    const t0 = performance.now();
    if (f.params) this.params = f.params;
    for (const [name, u] of this.unapplied) if (f.applied >= u.id) this.unapplied.delete(name);
    if (f.story) {
      this.applyStep(f.story.step);
      this.story?.update(f.story);
    }
    if (f.applied >= this.previewId) this.grid.clearPreview();
    this.grid.render(f.views, this.params);
    this.controls.update(f, this.params);
    if (f.unused) this.controls.setUnused(f.unused);
    if (f.url) this.opts.onUrl?.(f.url);
    const now = performance.now();
    Object.assign(this.stats, { frames: this.stats.frames + 1, lastSeq: f.seq, lastApplied: f.applied,
      lastRenderMs: now - t0, renderedAt: now });
    for (const l of this.listeners) l(f);
    for (const l of this.drawnListeners) l(Math.max(f.applied, this.previewId));
  }
}
