import { html, type SafeHtml, trusted } from "./escape.js";
import { PAGE_STYLE } from "./page-style.js";

// Nothing may load: no scripts, no fonts, no images from anywhere. Inline styles only.
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const SIMULATED = "These are simulated campaigns, not measurements of live calls.";

/** What a report page says around its sections. */
export interface PageShellInput {
  readonly title: string;
  /** The first paragraph: the answer in one or two sentences. */
  readonly lead: string;
  /** Said after the lead: what the figures are (by default, simulated campaigns). */
  readonly leadNote?: string;
  readonly body: readonly SafeHtml[];
  /** Who wrote the page (tool and version) and from which files. */
  readonly writtenBy: string;
  readonly sources: readonly string[];
}

/**
 * A report as one self-contained HTML page: inline style, a policy that lets nothing load,
 * no scripts, so that it works offline and from disk.
 */
export function pageShell(input: PageShellInput): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<style>${trusted(PAGE_STYLE)}</style>
</head>
<body>
<header>
<h1>${input.title}</h1>
<p class="lead">${input.lead} ${input.leadNote ?? SIMULATED}</p>
</header>
${input.body}
<footer>Written by ${input.writtenBy} from ${input.sources.join(", ")}. Charts are also saved next to this page as SVG, PNG and Vega-Lite specifications (.vl.json).</footer>
</body>
</html>
`.text;
}
