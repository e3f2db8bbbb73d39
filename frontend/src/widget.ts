// Entry point of the notebook widget (anywidget: export default { render }).
// The same ExplorableApp as the web page; the kernel comm replaces the websocket.
import { ExplorableApp } from "./app";
import { WidgetTransport, type AnyModel } from "./transport/widget";
import type { PageSpec } from "./types";

function render({ model, el }: { model: AnyModel; el: HTMLElement }): () => void {
  const spec = model.get("spec") as PageSpec;
  const root = document.createElement("div");
  root.className = "mlscope-widget";
  el.append(root);
  let app: ExplorableApp | null = null;
  const transport = new WidgetTransport(model, () => app!);
  app = new ExplorableApp(root, spec, transport, { guide: Boolean(model.get("show_guide")) });
  // Ask for the first frame only once we can receive it.
  app.hello({});
  (el as unknown as { __mlscope: ExplorableApp }).__mlscope = app;
  return () => transport.close();
}

export default { render };
