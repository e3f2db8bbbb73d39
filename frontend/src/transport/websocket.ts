// The web app's transport: one websocket per session at /ws/{slug}; binary frames in, JSON
// messages out. Reconnects after a dropped connection, resuming with the current parameters.
import type { ExplorableApp, Transport } from "../app";
import type { ClientMessage, ErrorMessage, ExportMessage } from "../types";

export class WebSocketTransport implements Transport {
  private ws: WebSocket | null = null;
  private app: ExplorableApp | null = null;
  private retry = 0;

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
      if (ev.data instanceof ArrayBuffer) this.app!.receiveFrame(ev.data);
      else {
        const msg = JSON.parse(ev.data as string) as ErrorMessage | ExportMessage;
        if (msg.type === "export") this.app!.receiveExport(msg);
        else this.app!.receiveError(msg);
      }
    };
    ws.onclose = (ev) => {
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
