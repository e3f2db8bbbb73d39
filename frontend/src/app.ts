// One explorable on screen: controls + views + guide, driven by frames from a transport.
// Used unchanged by the web page (websocket) and the notebook widget (kernel comm).
//
// How a frame reaches the screen: transport delivers bytes -> FrameDecoder -> the newest
// frame waits for the next animation frame -> ack to the session (which computes the next
// frame meanwhile; one in flight) -> every view's renderer.update(payload) and the controls.
import { Controls } from "./controls";
import { FrameDecoder } from "./decode";
import { renderGuide } from "./guide";
import type { ClientMessage, ErrorMessage, Frame, PageSpec, ParamValue, ViewContext, ViewRenderer } from "./types";
import { RENDERERS } from "./views";

export interface Transport {
  send(msg: ClientMessage): void;
}

export interface AppOptions {
  /** Show the guided text (the page does; the widget can hide it). */
  guide: boolean;
  /** Called with the URL form of the parameters after each frame. */
  onUrl?: (url: Record<string, string>) => void;
  /** Classroom mode: controls hidden at the start, and where to report changes. */
  hidden?: string[];
  onHidden?: (names: string[]) => void;
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
}

export class ExplorableApp {
  readonly stats: RenderStats = { frames: 0, lastSeq: 0, lastApplied: 0, lastRenderMs: 0, renderedAt: 0, lastWaitMs: 0 };
  private ackedAt = 0;
  private decoder = new FrameDecoder();
  private views = new Map<string, { card: HTMLElement; title: HTMLElement; renderer: ViewRenderer | null; kind: string }>();
  private controls: Controls;
  private pending: Frame | null = null;
  private raf = 0;
  private nextId = 1;
  private params: Record<string, ParamValue> = {};
  private status: HTMLElement;
  private ctx: ViewContext;
  private listeners: Array<(f: Frame) => void> = [];
  hiddenControls: string[] = [];

  constructor(readonly root: HTMLElement, readonly spec: PageSpec, private transport: Transport,
    private opts: AppOptions) {
    this.ctx = {
      spec,
      setParam: (name, value) => { this.set(name, value); },
      action: (name, value) => { this.action(name, value); },
      params: () => this.params,
    };
    root.classList.add("mlscope-app");
    this.controls = new Controls(spec.params, spec.actions, spec.playable, {
      set: (n, v) => this.set(n, v),
      action: (n, v) => this.action(n, v),
      speed: (v) => this.send({ type: "speed", id: this.nextId++, value: v }),
      hidden: (names) => {
        this.hiddenControls = names;
        opts.onHidden?.(names);
      },
    }, opts.hidden ?? []);
    this.hiddenControls = opts.hidden ?? [];
    this.status = document.createElement("div");
    this.status.className = "status";
    const side = document.createElement("aside");
    side.className = "side";
    const controlsCard = document.createElement("section");
    controlsCard.className = "card controls-card";
    controlsCard.append(this.status, this.controls.root);
    side.append(controlsCard);
    if (opts.guide && spec.guide) {
      const guide = document.createElement("section");
      guide.className = "card guide";
      guide.innerHTML = renderGuide(spec.guide); // escaped inside renderGuide
      side.append(guide);
    }
    const main = document.createElement("div");
    main.className = "views";
    for (const row of spec.layout) {
      const r = document.createElement("div");
      r.className = `row cols-${row.length}`;
      for (const name of row) {
        const card = document.createElement("section");
        card.className = "card view";
        card.dataset.view = name;
        const title = document.createElement("h3");
        const body = document.createElement("div");
        body.className = "view-body";
        card.append(title, body);
        r.append(card);
        this.views.set(name, { card, title, renderer: null, kind: "" });
      }
      main.append(r);
    }
    root.replaceChildren(side, main);
  }

  /** Start (or restart after a reconnect) with these parameter values. */
  hello(params: Record<string, ParamValue | string>): void {
    this.transport.send({ type: "hello", params });
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
    return this.send(msg);
  }

  private set(name: string, value: ParamValue): number {
    this.controls.clearError();
    return this.send({ type: "set", id: this.nextId++, params: { [name]: value } });
  }

  // --- incoming --------------------------------------------------------------------------

  receiveFrame(buf: ArrayBuffer): void {
    // Frames arrive one at a time (the session waits for our ack), but keep only the newest.
    if (this.ackedAt) this.stats.lastWaitMs = performance.now() - this.ackedAt;
    this.pending = this.decoder.decode(buf);
    if (!this.raf) this.raf = requestAnimationFrame(() => this.render());
  }

  receiveError(err: ErrorMessage): void {
    this.controls.showError(err.field, err.message);
  }

  setStatus(text: string): void {
    this.status.textContent = text;
    this.status.classList.toggle("visible", Boolean(text));
  }

  private render(): void {
    this.raf = 0;
    const f = this.pending;
    if (!f) return;
    this.pending = null;
    // Ack as soon as the frame is taken: the session computes the next one while this one
    // is drawn, and still never has more than one frame on its way to us.
    this.transport.send({ type: "ack", seq: f.seq });
    this.ackedAt = performance.now();
    const t0 = performance.now();
    if (f.params) this.params = f.params;
    for (const [name, payload] of Object.entries(f.views)) {
      const v = this.views.get(name);
      if (!v) continue;
      if (v.kind !== payload.kind) {
        v.renderer?.destroy();
        const body = v.card.querySelector<HTMLElement>(".view-body")!;
        v.card.dataset.kind = payload.kind;
        v.renderer = RENDERERS[payload.kind](body, this.ctx);
        v.kind = payload.kind;
      }
      const title = "title" in payload ? payload.title : "";
      if (v.title.textContent !== title) v.title.textContent = title;
      v.card.classList.toggle("untitled", !title);
      v.renderer!.update(payload);
    }
    this.controls.update(f, this.params);
    if (f.url) this.opts.onUrl?.(f.url);
    const now = performance.now();
    Object.assign(this.stats, { frames: this.stats.frames + 1, lastSeq: f.seq, lastApplied: f.applied,
      lastRenderMs: now - t0, renderedAt: now });
    for (const l of this.listeners) l(f);
  }
}
