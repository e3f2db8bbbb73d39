// Long parameter values (your own data: thousands of points) stay out of the page's URL: a
// 5,000-point upload made a 230,000-character link that servers refuse. The URL carries
// "stored:<id>" instead and the value lives in this browser's localStorage, so a reload or
// a link opened here restores it; elsewhere the page says the data did not travel.

/** Values longer than this many characters are stored instead of put in the URL. */
export const LONG_VALUE = 2000;
const PREFIX = "stored:";
const INDEX = "mlscope:stored";
/** The most values kept; the oldest goes first. */
const KEEP = 20;

/** A short id for ``text``: 32-bit FNV-1a and the length, in base 36. */
export function idOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(36)}-${text.length.toString(36)}`;
}

function store(id: string, text: string): void {
  try {
    const index = (JSON.parse(localStorage.getItem(INDEX) ?? "[]") as string[]).filter((k) => k !== id);
    index.push(id);
    while (index.length > KEEP) localStorage.removeItem(`${INDEX}:${index.shift()}`);
    localStorage.setItem(`${INDEX}:${id}`, text);
    localStorage.setItem(INDEX, JSON.stringify(index));
  } catch {
    // storage full or off: the link just will not carry this value
  }
}

/** ``query`` with each long value replaced by a stored reference. */
export function shorten(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v.length <= LONG_VALUE) out[k] = v;
    else {
      const id = idOf(v);
      store(id, v);
      out[k] = PREFIX + id;
    }
  }
  return out;
}

/** ``query`` with stored references read back; ``missing`` names those not found here. */
export function restore(query: Record<string, string>): { values: Record<string, string>; missing: string[] } {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (!v.startsWith(PREFIX)) values[k] = v;
    else {
      let text: string | null = null;
      try {
        text = localStorage.getItem(`${INDEX}:${v.slice(PREFIX.length)}`);
      } catch {
        text = null;
      }
      if (text === null) missing.push(k);
      else values[k] = text;
    }
  }
  return { values, missing };
}
