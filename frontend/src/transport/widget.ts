// The notebook transport: anywidget's model carries the same messages over the kernel comm.
// Frames come as one binary buffer (a DataView) beside a {"type": "frame"} message.
import type { ExplorableApp, Transport } from "../app";
import type { ClientMessage, ErrorMessage } from "../types";

export interface AnyModel {
  send(content: unknown, callbacks?: unknown, buffers?: ArrayBuffer[]): void;
  on(event: string, cb: (...args: any[]) => void): void;
  off(event: string, cb?: (...args: any[]) => void): void;
  get(name: string): any;
}

export class WidgetTransport implements Transport {
  private handler: (msg: { type: string }, buffers: DataView[]) => void;

  constructor(private model: AnyModel, app: () => ExplorableApp) {
    this.handler = (msg, buffers) => {
      if (msg.type === "frame" && buffers?.length) {
        const b = buffers[0];
        // Copy out so the frame's arrays are 8-byte aligned from offset 0.
        app().receiveFrame(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
      } else if (msg.type === "error") {
        app().receiveError(msg as unknown as ErrorMessage);
      }
    };
    model.on("msg:custom", this.handler);
  }

  send(msg: ClientMessage): void {
    this.model.send(msg);
  }

  close(): void {
    this.model.off("msg:custom", this.handler);
  }
}
