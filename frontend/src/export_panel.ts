// The page's "Export" card: save a PNG of the views, or record a GIF, MP4 or HTML replay.
// The server renders the file from a copy of the session (web/exports.py) and reports
// progress; when it is done the download starts and a link stays for a second try.
import type { ClientMessage, ExportMessage } from "./types";
import { el } from "./dom";


function field(label: string, input: HTMLElement): HTMLElement {
  const l = el("label", "export-field");
  l.append(el("span", "", label), input);
  return l;
}

export class ExportPanel {
  readonly root = el("section", "card export-card");
  private progress = el("progress", "export-progress");
  private status = el("span", "export-status");
  private link = el("a", "export-link");
  private cancel = el("button", "export-cancel", "Cancel");
  private busy: HTMLButtonElement[] = [];
  private format = el("select", "export-format");
  private frames = el("input", "export-frames");
  private every = el("input", "export-every");
  private size = el("select", "export-size");

  constructor(private send: (msg: ClientMessage) => number, playable: boolean) {
    const buttons = el("div", "actions");
    const png = el("button", "", "Save PNG");
    png.name = "save-png";
    png.title = "All the views as they are now, drawn on the server as a PNG.";
    png.addEventListener("click", () => this.start("png"));
    const rec = el("button", "", "Record");
    rec.name = "record";
    rec.title = playable
      ? "Record from the current state as it plays, into the format chosen below."
      : "Record what is shown now, into the format chosen below.";
    rec.addEventListener("click", () => this.start(this.format.value));
    // A page without Play has nothing to record: it saves what it shows.
    buttons.append(...(playable ? [png, rec] : [png]));
    this.busy = [png, rec];
    for (const [value, label] of [["gif", "GIF"], ["mp4", "MP4"], ["html", "HTML replay"]]) {
      const o = el("option", "", label);
      o.value = value;
      this.format.append(o);
    }
    for (const px of [480, 720, 1080]) {
      const o = el("option", "", `${px} × ${px}`);
      o.value = String(px);
      this.size.append(o);
    }
    Object.assign(this.frames, { type: "number", min: "1", max: "600", value: "60", name: "frames" });
    Object.assign(this.every, { type: "number", min: "1", max: "100", value: "1", name: "every" });
    this.format.name = "format";
    this.size.name = "size";
    const opts = el("div", "export-options");
    if (playable) {
      opts.append(field("format", this.format), field("size", this.size), field("frames", this.frames),
        field("steps per frame", this.every));
    } else {
      opts.append(field("size", this.size));
    }
    this.cancel.type = "button";
    this.cancel.addEventListener("click", () => this.send({ type: "cancel_export" }));
    this.progress.max = 1;
    this.progress.value = 0;
    const running = el("div", "export-running");
    running.append(this.progress, this.cancel);
    this.link.hidden = true;
    this.root.append(buttons, opts, running, this.status, this.link);
    this.setBusy(false);
  }

  private start(format: string): void {
    this.send({
      type: "export", id: 0, format, frames: Number(this.frames.value) || 60,
      every: Number(this.every.value) || 1, size: Number(this.size.value),
    });
    this.link.hidden = true;
    this.status.textContent = "Starting…";
    this.status.className = "export-status";
    this.setBusy(true);
  }

  private setBusy(on: boolean): void {
    for (const b of this.busy) b.disabled = on;
    this.root.classList.toggle("exporting", on);
  }

  receive(msg: ExportMessage): void {
    if (msg.state === "progress") {
      this.setBusy(true);
      this.progress.max = msg.total;
      this.progress.value = msg.done;
      this.status.textContent = `Rendering frame ${msg.done} of ${msg.total}…`;
      return;
    }
    this.setBusy(false);
    if (msg.state === "done") {
      this.status.textContent = "Done.";
      this.link.href = msg.url;
      this.link.download = msg.name;
      this.link.textContent = `Download ${msg.name}`;
      this.link.hidden = false;
      this.link.click(); // offer the file at once
    } else if (msg.state === "cancelled") {
      this.status.textContent = "Cancelled.";
    } else {
      this.status.textContent = msg.message;
      this.status.className = "export-status error";
    }
  }

  /** A bad option was refused (an error message naming it). */
  refused(message: string): void {
    this.setBusy(false);
    this.status.textContent = message;
    this.status.className = "export-status error";
  }
}
