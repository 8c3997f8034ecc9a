import { html, type SafeHtml } from "./escape.js";

/** A list of facts as term and description, e.g. `Scenario` and its name; escaped unless safe. */
export function factsList(facts: readonly (readonly [string, string | SafeHtml])[]): SafeHtml {
  return html`<dl class="facts">
${facts.map(([term, text]) => html`<dt>${term}</dt><dd>${text}</dd>\n`)}</dl>`;
}
