// The story card: the step's title, prose, live numbers and goal, and the way on (Back,
// Next, the numbered steps, free play). The steps come from the explorable (core/story.py);
// which views and controls a step shows is applied by the app (app.ts applyStep).
//
// A step with a goal unlocks Next once the goal has been met while on that step (the check
// runs on the server with every frame); a goal met once stays met when the learner goes on
// playing, so Next does not lock again under their hand.
import { renderGuide, renderInline } from "./guide";
import type { StepSpec, StoryState } from "./types";
import { el } from "./dom";

export const FREE = "free";


export class StoryPanel {
  readonly root = el("section", "card story");
  private tabs: HTMLButtonElement[] = [];
  private counter = el("div", "story-count");
  private title = el("h2", "story-title");
  private prose = el("div", "story-prose");
  private live = el("p", "story-live");
  /** On a narrow screen the prose is folded to a few lines, so the picture comes sooner. */
  private more = el("button", "story-more", "Read more");
  private goal = el("div", "story-goal");
  private back = el("button", "story-back", "← Back");
  private next = el("button", "story-next", "Next →");
  /** Back and Next again, for the controls' bar pinned under the views on a narrow screen,
   * where the story card has scrolled away (app.ts puts it there). */
  readonly miniNav = el("div", "story-mini");
  private miniBack = el("button", "story-back", "←");
  private miniNext = el("button", "story-next", "Next →");
  private shown = "";
  private liveText = "";
  private met = new Set<string>();

  constructor(private steps: StepSpec[], private guide: string, private go: (step: string) => void) {
    const nav = el("nav", "story-steps");
    nav.setAttribute("aria-label", "Steps of the story");
    [...steps.map((s) => s.name), FREE].forEach((name, i) => {
      const b = el("button", "story-tab", name === FREE ? "Free play" : String(i + 1));
      b.type = "button";
      b.dataset.step = name;
      b.title = name === FREE ? "Every view and every control" : steps[i].title;
      b.setAttribute("aria-label", name === FREE ? "Free play" : `Step ${i + 1}: ${steps[i].title}`);
      b.addEventListener("click", () => this.go(name));
      nav.append(b);
      this.tabs.push(b);
    });
    this.live.setAttribute("aria-live", "polite");
    this.goal.setAttribute("role", "status");
    this.back.type = "button";
    this.next.type = "button";
    this.back.name = "story-back";
    this.next.name = "story-next";
    this.back.addEventListener("click", () => this.move(-1));
    this.next.addEventListener("click", () => this.move(1));
    const buttons = el("div", "story-buttons");
    buttons.append(this.back, this.next);
    for (const [b, by, label] of [[this.miniBack, -1, "Back"], [this.miniNext, 1, "Next"]] as const) {
      b.type = "button";
      b.setAttribute("aria-label", label);
      b.addEventListener("click", () => this.move(by));
    }
    this.miniNav.append(this.miniBack, this.miniNext);
    this.more.type = "button";
    this.more.setAttribute("aria-expanded", "false");
    this.more.addEventListener("click", () => {
      const open = this.prose.classList.toggle("open");
      this.more.setAttribute("aria-expanded", String(open));
      this.more.textContent = open ? "Read less" : "Read more";
    });
    this.root.append(nav, this.counter, this.title, this.prose, this.more, this.live, this.goal, buttons);
  }

  private index(name: string): number {
    const i = this.steps.findIndex((s) => s.name === name);
    return i < 0 ? this.steps.length : i; // free play comes after the last step
  }

  private move(by: number): void {
    const i = Math.min(this.steps.length, Math.max(0, this.index(this.shown) + by));
    this.go(i === this.steps.length ? FREE : this.steps[i].name);
  }

  /** Show step ``name`` (its words; the app shows its views and controls). */
  showStep(name: string): void {
    if (name === this.shown) return;
    this.shown = name;
    this.liveText = "";
    const i = this.index(name);
    const step = this.steps[i] as StepSpec | undefined;
    this.root.dataset.step = name;
    this.tabs.forEach((t, k) => {
      t.classList.toggle("current", k === i);
      t.classList.toggle("done", k < i);
      if (k === i) t.setAttribute("aria-current", "step");
      else t.removeAttribute("aria-current");
    });
    this.counter.textContent = step ? `Step ${i + 1} of ${this.steps.length}` : "Everything at once";
    this.title.textContent = step ? step.title : "Free play";
    // Escaped inside renderGuide. In free play the whole guide is folded: the controls
    // below it must stay on screen.
    this.prose.innerHTML = step ? renderGuide(step.text)
      : "<p>Every view and every control at once. Pick a numbered step to go back to the story.</p>"
        + (this.guide ? `<details class="story-guide"><summary>The whole guide</summary>${renderGuide(this.guide)}</details>` : "");
    this.live.textContent = "";
    this.live.hidden = true;
    this.prose.classList.remove("open");
    this.more.textContent = "Read more";
    this.more.setAttribute("aria-expanded", "false");
    this.goal.hidden = !step?.goal;
    this.back.disabled = this.miniBack.disabled = i === 0;
    this.next.hidden = this.miniNext.hidden = !step;
    this.next.textContent = this.miniNext.textContent = i === this.steps.length - 1 ? "Free play →" : "Next →";
    this.showGoal(step, this.met.has(name));
  }

  /** The story's state in a frame: live text and goal. */
  update(state: StoryState): void {
    this.showStep(state.step);
    const step = this.steps[this.index(state.step)] as StepSpec | undefined;
    if (state.live !== this.liveText) {
      this.liveText = state.live;
      this.live.innerHTML = renderInline(state.live); // escaped inside renderInline
      this.live.hidden = !state.live;
    }
    if (state.met && !this.met.has(state.step)) this.met.add(state.step);
    this.showGoal(step, state.met === true);
  }

  private showGoal(step: StepSpec | undefined, metNow: boolean): void {
    if (!step?.goal) {
      this.next.disabled = this.miniNext.disabled = false;
      return;
    }
    const reached = this.met.has(step.name);
    const text = metNow ? `✓ Goal reached: ${step.goal}` : reached
      ? `✓ Goal reached earlier: ${step.goal}` : `Goal: ${step.goal}`;
    if (this.goal.textContent !== text) this.goal.textContent = text;
    this.goal.classList.toggle("met", reached);
    this.next.disabled = this.miniNext.disabled = !reached;
    this.next.title = this.miniNext.title = reached ? "" : "Reach the goal first (or pick a step above)";
  }
}
