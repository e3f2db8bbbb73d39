// Guided text: paragraphs split by blank lines, **bold**, TeX between $...$ (inline) or
// $$...$$ (display), \$ for a dollar sign. Text is escaped before any markup is added.
import katex from "katex";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderInline(src: string): string {
  const out: string[] = [];
  // Split into TeX and text runs; "\$" is a literal dollar in text.
  const re = /\$\$([\s\S]+?)\$\$|(?<!\\)\$([\s\S]+?)(?<!\\)\$/g;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    out.push(text(src.slice(last, m.index)));
    const display = m[1] !== undefined;
    out.push(katex.renderToString(m[1] ?? m[2], { displayMode: display, throwOnError: false }));
    last = re.lastIndex;
  }
  out.push(text(src.slice(last)));
  return out.join("");
}

function text(s: string): string {
  return escapeHtml(s.replace(/\\\$/g, "$")).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
}

export function renderGuide(src: string): string {
  return src
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${renderInline(p.replace(/\s*\n\s*/g, " ").trim())}</p>`)
    .join("");
}
