// Layout that follows an element's own width (a notebook cell, a narrow window) rather than
// the viewport's. CSS container queries would do this, but a size container makes every
// canvas inside it need a layout before its style is known, and a canvas 2D context asks for
// its style on each `font` set, `measureText` and `fillText`: each view's text forced a full
// layout of the page in the middle of the frame (6 ms per frame on house-prices). A
// ResizeObserver runs after layout and before paint, so the class is in place on the first
// frame drawn.

/** Toggle each class on ``el`` while its content width is at most the given pixels. */
export function widthClasses(el: HTMLElement, classes: Record<string, number>): ResizeObserver {
  const ro = new ResizeObserver(([entry]) => {
    const w = entry.contentRect.width;
    for (const [name, max] of Object.entries(classes)) el.classList.toggle(name, w > 0 && w <= max);
  });
  ro.observe(el);
  return ro;
}
