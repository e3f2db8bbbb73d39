// On a narrow screen the controls are pinned to the bottom of the screen, under the views
// (style.css, .narrow). When the learner moves a control, the picture it changes must be on
// screen with it: after the first drawing that answers a control, the largest view it
// redrew is scrolled into the space above the pinned controls. Once per gesture (a press,
// a key), so the page never moves under a slider that is being held.

/** How far to scroll (px, + down) to bring [top, bottom] into [0, limit]: 0 if it is
 * there; a card taller than the space shows its top. */
export function scrollNeeded(top: number, bottom: number, limit: number): number {
  if (top >= 0 && bottom <= limit) return 0;
  if (bottom - top > limit || top < 0) return top;
  return bottom - limit;
}

export class KeepInView {
  /** each card's drawing count when the gesture began; null: no gesture waiting */
  private before: Map<HTMLElement, string> | null = null;

  constructor(private app: HTMLElement, private side: HTMLElement, private views: HTMLElement) {
    const arm = (e: Event) => {
      if ((e.target as HTMLElement).closest(".controls-bar")) return; // Back, Next, fold
      if (this.pinned()) this.arm();
    };
    side.addEventListener("pointerdown", arm, true);
    side.addEventListener("keydown", arm, true);
  }

  private pinned(): boolean {
    return this.app.classList.contains("narrow") && getComputedStyle(this.side).position === "sticky";
  }

  private cards(): HTMLElement[] {
    return [...this.views.querySelectorAll<HTMLElement>(".card.view")].filter((c) => !c.hidden);
  }

  private arm(): void {
    this.before = new Map(this.cards().map((c) => [c, c.dataset.draws ?? "0"]));
  }

  /** After something was drawn: if a gesture is waiting and views changed, show the largest. */
  drawn(): void {
    const before = this.before;
    if (!before) return;
    const changed = this.cards().filter((c) => before.has(c) && (c.dataset.draws ?? "0") !== before.get(c));
    if (!changed.length) return;
    this.before = null;
    const card = changed.reduce((a, b) => (b.offsetHeight * b.offsetWidth > a.offsetHeight * a.offsetWidth ? b : a));
    const r = card.getBoundingClientRect();
    const dy = scrollNeeded(r.top, r.bottom, this.side.getBoundingClientRect().top);
    if (dy) window.scrollBy({ top: dy, behavior: "instant" as ScrollBehavior });
  }
}
