// The web app's transport: one websocket per session at /ws/{slug}; binary frames in, JSON
// messages out. Reconnects after a dropped connection, resuming with the current parameters.
import type { ExplorableApp, Transport } from "../app";
import type { ClientMessage, ErrorMessage, ExportMessage } from "../types";

/** The server's close code when it has no room for another session (web/ws.py). */
const CLOSE_TOO_MANY_SESSIONS = 4429;

export class WebSocketTransport implements Transport {
  private ws: WebSocket | null = null;
  private app: ExplorableApp | null = null;
  private retry = 0;
  /** Times in a row the server was full. */
  private full = 0;

  constructor(private url: string) {}

  connect(app: ExplorableApp, firstParams: Record<string, string>): void {
    this.app = app;
    this.open(firstParams);
  }

  private open(params: Record<string, unknown>): void {
    const ws = new WebSocket(this.url);
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.app!.setStatus("");
      ws.send(JSON.stringify({ type: "hello", params }));
    };
    ws.onmessage = (ev) => {
      this.full = 0;
      if (ev.data instanceof ArrayBuffer) this.app!.receiveFrame(ev.data);
      else {
        const msg = JSON.parse(ev.data as string) as ErrorMessage | ExportMessage;
        if (msg.type === "export") this.app!.receiveExport(msg);
        else this.app!.receiveError(msg);
      }
    };
    ws.onclose = (ev) => {
      if (ev.code === CLOSE_TOO_MANY_SESSIONS) {
        // Full: try again later, waiting longer each time (10 s, 20 s, ... 2 min).
        this.full = Math.min(this.full + 1, 4);
        const wait = 10 * 2 ** (this.full - 1);
        this.app!.setStatus(`${ev.reason || "This server is full: try again later."} `
          + `Trying again in ${wait} s.`);
        setTimeout(() => this.open(this.app!.currentParams()), wait * 1000);
        return;
      }
      if (ev.code >= 4000) {
        this.app!.setStatus(ev.reason || `the server closed this session (${ev.code})`);
        return;
      }
      if (ev.code === 1011) {
        // The explorable failed on the server (it is logged there); retrying would fail again.
        this.app!.setStatus("This explorable hit an error on the server. Reload the page to start again.");
        return;
      }
      this.app!.setStatus("Connection lost; reconnecting…");
      this.retry = Math.min(this.retry + 1, 5);
      setTimeout(() => this.open(this.app!.currentParams()), 300 * this.retry);
    };
  }

  send(msg: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }
}
