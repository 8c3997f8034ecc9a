import { useMemo, useState } from "preact/hooks";
import { auditCharts } from "../../compliance/audit-charts.js";
import type { AuditDocument } from "../../compliance/audit-document.js";
import { CALL_FORMAT_NAMES } from "../../compliance/formats/call-formats.js";
import { fixed, plural } from "../../report/format-number.js";
import { BUILT_IN_RULE_SET_IDS } from "../../rules/built-in-rule-sets.js";
import { ChartView } from "./chart-view.js";
import { downloadJson } from "./download.js";

function Verdict({ doc }: { readonly doc: AuditDocument }) {
  // Made once per audit: a new chart object would have its chart drawn again.
  const charts = useMemo(() => auditCharts(doc), [doc]);
  const v = doc.verdict;
  const violations = Object.entries(doc.violations).flatMap(([kind, counted]) =>
    counted.listed.map((row) => ({ ...row, kind })),
  );
  return (
    <section aria-labelledby="verdict-title">
      <h2 id="verdict-title" class={v.compliant ? "ok" : "fail"}>
        {v.compliant ? "Compliant" : "Not compliant"}
      </h2>
      <p>
        {plural(v.calls, "call")} in {plural(v.campaigns, "campaign")};{" "}
        {plural(v.windowsOver, "window")} over the ceiling, {plural(v.violations, "violation")},{" "}
        {plural(v.duplicateRows, "duplicate row")}, {plural(v.overlappingCalls, "overlapping call")}
        .
      </p>
      <table>
        <caption>Windows against the ceiling ({doc.rules.id})</caption>
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Silent</th>
            <th scope="col">Denominator</th>
            <th scope="col">Per 100</th>
            <th scope="col">Ceiling</th>
          </tr>
        </thead>
        <tbody>
          {doc.windows.map((w) => (
            <tr key={`${w.scope}-${w.from}`} class={w.within ? "" : "fail"}>
              <td>{w.scope}</td>
              <td>{w.from}</td>
              <td>{w.to}</td>
              <td>{fixed(w.numerator)}</td>
              <td>{fixed(w.denominator)}</td>
              <td>{fixed(w.per100)}</td>
              <td>{w.ceilingPer100}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {violations.length > 0 && (
        <table>
          <caption>Violations (the first of each kind)</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Line</th>
              <th scope="col">Campaign</th>
              <th scope="col">Number</th>
              <th scope="col">Start</th>
              <th scope="col">What was wrong</th>
            </tr>
          </thead>
          <tbody>
            {violations.map((row) => (
              <tr key={`${row.kind}-${row.line}`}>
                <td>{row.kind}</td>
                <td>{row.line}</td>
                <td>{row.campaign}</td>
                <td>{row.number}</td>
                <td>{row.start}</td>
                <td>{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {doc.notes.length > 0 && (
        <ul class="notes">
          {doc.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => downloadJson("audit.json", doc)}>
        Download audit JSON
      </button>
      {charts.map((chart) => (
        <ChartView key={chart.name} chart={chart} />
      ))}
    </section>
  );
}

/**
 * The audit: drop or pick a call-records file; the server audits it as `pacelab audit --json`
 * does and the page shows the verdict, the windows, the violations and the charts of
 * `pacelab audit --report`.
 */
export function AuditPage() {
  const [format, setFormat] = useState<string>("pacelab");
  const [rules, setRules] = useState<string>("it-garante-2014");
  const [doc, setDoc] = useState<AuditDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const audit = async (file: File) => {
    setBusy(true);
    setError(null);
    setDoc(null);
    const query = new URLSearchParams({ name: file.name, format, rules });
    try {
      const reply = await fetch(`api/audit?${query}`, { method: "POST", body: file });
      const body = await reply.json();
      if (!reply.ok) throw new Error(body.error);
      setDoc(body as AuditDocument);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="audit">
      <h1>Audit</h1>
      <div class="row">
        <label for="format">Format</label>
        <select
          id="format"
          value={format}
          onChange={(e) => setFormat((e.target as HTMLSelectElement).value)}
        >
          {CALL_FORMAT_NAMES.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
        <label for="rules">Rules</label>
        <select
          id="rules"
          value={rules}
          onChange={(e) => setRules((e.target as HTMLSelectElement).value)}
        >
          {BUILT_IN_RULE_SET_IDS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <label
        class="drop"
        for="calls-file"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          const dropped = e.dataTransfer?.files[0];
          if (dropped !== undefined) void audit(dropped);
        }}
      >
        Drop a call-records file here, or choose one:{" "}
        <input
          id="calls-file"
          type="file"
          accept=".csv,.tsv,.txt"
          onChange={(e) => {
            const picked = (e.target as HTMLInputElement).files?.[0];
            if (picked !== undefined) void audit(picked);
          }}
        />
      </label>
      {busy && <p role="status">Auditing...</p>}
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {doc !== null && <Verdict doc={doc} />}
    </main>
  );
}
