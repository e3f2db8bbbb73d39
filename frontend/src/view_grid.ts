// The views of an explorable laid out in rows (spec.layout), each in a card with its title,
// each drawn by the renderer of its kind. Used by the live app and by the HTML replay.
import { tweenAt, tweenParam } from "./tween";
import type { Frame, ParamValue, ViewContext, ViewPayload, ViewRenderer } from "./types";
import { RENDERERS } from "./views";
import { layerSignature } from "./views/signature";
import { widthClasses } from "./width_classes";

interface Slot {
  card: HTMLElement;
  title: HTMLElement;
  renderer: ViewRenderer | null;
  kind: string;
  signature: string;
  /** the last payload from the server */
  payload: ViewPayload | null;
}

export class ViewGrid {
  readonly root: HTMLElement;
  private slots = new Map<string, Slot>();
  /** Values set here that the server has not answered yet; views that tween along one of
   * them are drawn at it (see tween.ts). */
  private local = new Map<string, number>();
  /** The parameter values of the last frame drawn. */
  private params: Record<string, ParamValue> = {};

  constructor(layout: string[][], private ctx: ViewContext) {
    this.root = document.createElement("div");
    this.root.className = "views";
    const under = ctx.spec.under ?? {};
    for (const row of layout) {
      const r = document.createElement("div");
      // A view that sits under another of its row takes no column of its own; the row's
      // other views span both (style.css: .row > .card.tall).
      const stacked = row.filter((n) => under[n] && row.includes(under[n]));
      const targets = new Set(stacked.map((n) => under[n]));
      r.className = `row cols-${row.length - stacked.length}`;
      for (const name of row) {
        const card = document.createElement("section");
        card.className = "card view";
        card.dataset.view = name;
        if (stacked.length && !stacked.includes(name) && !targets.has(name)) card.classList.add("tall");
        const title = document.createElement("h3");
        const body = document.createElement("div");
        body.className = "view-body";
        card.append(title);
        const caption = ctx.spec.captions?.[name];
        if (caption) {
          const p = document.createElement("p");
          p.className = "caption";
          p.textContent = caption;
          card.append(p);
        }
        card.append(body);
        r.append(card);
        this.slots.set(name, { card, title, renderer: null, kind: "", signature: "", payload: null });
      }
      this.root.append(r);
    }
    widthClasses(this.root, { "one-col": 820 });
  }

  /** Show only these views, in this order (a story's step), two to a row and a lone view
   * wider; null: every view in the layout's rows. */
  showOnly(names: string[] | null, highlight: string[] = []): void {
    this.root.classList.toggle("stepped", names !== null);
    this.root.classList.toggle("solo", names !== null && names.length === 1);
    for (const row of this.root.children) {
      for (const card of (row as HTMLElement).children) {
        const c = card as HTMLElement;
        const at = names ? names.indexOf(c.dataset.view!) : 0;
        c.hidden = at < 0;
        c.style.order = names && at >= 0 ? String(at) : "";
        c.classList.toggle("highlight", highlight.includes(c.dataset.view!));
      }
    }
  }

  /** Draw every view of the frame that has a place in the layout. ``params`` are the frame's
   * parameter values: a view that tweens along one is drawn as the blend at that value (equal
   * to its own numbers), so the frame that answers a scrub the browser already drew is not
   * drawn twice. */
  render(views: Frame["views"], params: Record<string, ParamValue> = {}): void {
    this.params = params;
    for (const [name, payload] of Object.entries(views)) {
      const v = this.slots.get(name);
      if (!v) continue;
      v.payload = payload;
      this.draw(v, payload);
    }
  }

  /** A parameter the user has just set: the views that tween along it are drawn at that value
   * until the server answers; now (from the last frame's numbers) if ``draw``. True if any
   * view tweens along it. */
  preview(name: string, value: ParamValue, draw: boolean): boolean {
    if (typeof value !== "number") return false;
    let found = false;
    for (const v of this.slots.values()) {
      if (v.payload && tweenParam(v.payload) === name) {
        if (!found) this.local.set(name, value);
        found = true;
        if (draw) this.draw(v, v.payload);
      }
    }
    return found;
  }

  /** The server has answered every value set here: draw its frames as they are. */
  clearPreview(): void {
    this.local.clear();
  }

  private draw(v: Slot, payload: ViewPayload): void {
    const param = tweenParam(payload);
    const at = param === null ? undefined : this.local.get(param) ?? this.params[param];
    const shown = typeof at === "number" ? tweenAt(payload, at) : payload;
    if (v.kind !== shown.kind) {
      v.renderer?.destroy();
      const body = v.card.querySelector<HTMLElement>(".view-body")!;
      v.card.dataset.kind = shown.kind;
      v.renderer = RENDERERS[shown.kind](body, this.ctx);
      v.kind = shown.kind;
    }
    const title = "title" in shown ? shown.title : "";
    if (v.title.textContent !== title) v.title.textContent = title;
    v.card.classList.toggle("untitled", !title);
    // A view that is the same as last frame (same fields, arrays not resent) is not drawn
    // again: scrubbing one slider repaints only the views it changes. The title is the card's.
    const sig = layerSignature({ ...shown, title: "" });
    if (sig === v.signature) return;
    v.signature = sig;
    v.renderer!.update(shown);
    v.card.dataset.draws = String(Number(v.card.dataset.draws ?? 0) + 1);
  }
}
