import { type SafeHtml, trusted } from "./escape.js";

/**
 * An SVG drawn by Vega, ready to sit inline in a page next to others: Vega numbers its clip
 * paths and gradients from the same counter in every chart, and ids are page-wide in HTML, so
 * each chart's ids (and the references to them) get the chart's own prefix.
 */
export function inlineSvg(svg: string, prefix: string): SafeHtml {
  const ids = new Set(Array.from(svg.matchAll(/\sid="([^"]+)"/g), (m) => m[1]));
  const body = svg
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace(/(\sid=")([^"]+)(")/g, (_, a, id, b) => `${a}${prefix}${id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (all, id) => (ids.has(id) ? `url(#${prefix}${id})` : all))
    .replace(/(href=")#([^"]+)(")/g, (all, a, id, b) =>
      ids.has(id) ? `${a}#${prefix}${id}${b}` : all,
    );
  return trusted(body);
}
