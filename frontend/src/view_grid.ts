// The views of an explorable laid out in rows (spec.layout), each in a card with its title,
// each drawn by the renderer of its kind. Used by the live app and by the HTML replay.
import type { Frame, ViewContext, ViewRenderer } from "./types";
import { RENDERERS } from "./views";
import { layerSignature } from "./views/signature";

interface Slot {
  card: HTMLElement;
  title: HTMLElement;
  renderer: ViewRenderer | null;
  kind: string;
  signature: string;
}

export class ViewGrid {
  readonly root: HTMLElement;
  private slots = new Map<string, Slot>();

  constructor(layout: string[][], private ctx: ViewContext) {
    this.root = document.createElement("div");
    this.root.className = "views";
    for (const row of layout) {
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
        this.slots.set(name, { card, title, renderer: null, kind: "", signature: "" });
      }
      this.root.append(r);
    }
  }

  /** Draw every view of the frame that has a place in the layout. */
  render(views: Frame["views"]): void {
    for (const [name, payload] of Object.entries(views)) {
      const v = this.slots.get(name);
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
      // A view that is the same as last frame (same fields, arrays not resent) is not drawn
      // again: scrubbing one slider repaints only the views it changes.
      const sig = layerSignature(payload);
      if (sig === v.signature) continue;
      v.signature = sig;
      v.renderer!.update(payload);
    }
  }
}
