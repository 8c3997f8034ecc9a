import { count, fixed } from "../../../report/format-number.js";
import type { ResultDocument } from "../../../result/result-document.js";
import { downloadJson } from "../download.js";

/** The ended run's totals from its result document, and the document to download. */
export function LiveResult({ doc }: { readonly doc: ResultDocument }) {
  const c = doc.campaign;
  const live = doc.live;
  return (
    <section aria-labelledby="live-result-title">
      <h2 id="live-result-title" class={c.ceiling.within ? "ok" : "fail"}>
        Result: {c.ceiling.within ? "within" : "over"} the ceiling
      </h2>
      <dl class="facts">
        <dt>Stopped by</dt>
        <dd id="result-stopped-by">
          {live?.stoppedBy}
          {live?.interrupted ? " (partial result)" : ""}
        </dd>
        <dt>Attempts</dt>
        <dd id="result-attempts">{count(c.attempts)}</dd>
        <dt>Persons answered</dt>
        <dd id="result-human-answered">{count(c.humanAnswered)}</dd>
        <dt>Connected</dt>
        <dd id="result-connected">{count(c.connected)}</dd>
        <dt>Silent</dt>
        <dd id="result-silent">{count(c.silent)}</dd>
        <dt>Silent per 100 {c.ceiling.denominator}</dt>
        <dd id="result-ratio">
          {fixed(c.ceiling.ratio)} (ceiling {c.ceiling.per100}, {c.ceiling.rules})
        </dd>
      </dl>
      <button type="button" onClick={() => downloadJson("result.json", doc)}>
        Download result JSON
      </button>
    </section>
  );
}
