import { useEffect, useState } from "preact/hooks";
import { fixed, plural } from "../../report/format-number.js";
import type { EvidenceCampaign, EvidenceOverview } from "../../serve/evidence-view.js";

function Verification({ overview }: { readonly overview: EvidenceOverview }) {
  const v = overview.verification;
  if (v === null) return <p class="note">No evidence store at {overview.store} yet.</p>;
  if (v.ok) {
    return (
      <p class="ok" role="status">
        {overview.store}: chain intact, {v.rows} rows; head {v.headHash ?? "none"}
      </p>
    );
  }
  return (
    <div class="fail" role="alert">
      <p>{overview.store}: TAMPERED</p>
      <ul>
        {v.issues.map((i) => (
          <li key={`${i.kind}-${i.id}-${i.detail}`}>
            {i.kind}
            {i.id === null ? "" : ` row ${i.id}`}: {i.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CampaignRuns({ campaign }: { readonly campaign: EvidenceCampaign }) {
  const exportLink = (kind: string) =>
    `api/evidence/export?campaign=${encodeURIComponent(campaign.selector)}&kind=${kind}`;
  return (
    <section class="campaign" aria-label={`Campaign ${campaign.selector}`}>
      <h2>{campaign.selector}</h2>
      <p>
        {plural(campaign.runs, "run")}, {plural(campaign.windows, "window")}, recorded{" "}
        {campaign.firstRecordedAt} to {campaign.lastRecordedAt}; kept at least until{" "}
        {campaign.earliestRetainUntil}.{" "}
        <a href={exportLink("html")} target="_blank" rel="noopener">
          Report
        </a>{" "}
        · <a href={exportLink("json")}>JSON</a> · <a href={exportLink("csv")}>CSV</a>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Recorded</th>
            <th scope="col">Mode</th>
            <th scope="col">Seed</th>
            <th scope="col">Rules</th>
            <th scope="col">Silent per 100</th>
            <th scope="col">Ceiling</th>
            <th scope="col">Recontact violations</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {campaign.storedRuns.map(({ id, recordedAt, payload }) => {
            const ok = payload.within && payload.recontactViolations === 0;
            return (
              <tr key={id}>
                <td>{id}</td>
                <td>{recordedAt}</td>
                <td>{payload.mode}</td>
                <td>
                  {payload.seed}
                  {payload.replication === undefined
                    ? ""
                    : ` (${payload.replication.index} of ${payload.replication.of})`}
                </td>
                <td>
                  {payload.ruleSet.id} v{payload.ruleSet.version}
                </td>
                <td>{fixed(payload.ratio)}</td>
                <td>{payload.ceilingPer100}</td>
                <td>{payload.recontactViolations}</td>
                <td class={ok ? "ok" : "fail"}>{ok ? "compliant" : "violated"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The evidence store, read-only: its verification, each campaign's runs and verdicts. */
export function EvidencePage() {
  const [overview, setOverview] = useState<EvidenceOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch("api/evidence")
      .then(async (reply) => {
        const body = await reply.json();
        if (!reply.ok) throw new Error(body.error);
        setOverview(body as EvidenceOverview);
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  return (
    <main class="evidence">
      <h1>Evidence</h1>
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {overview === null && error === null && <p>Reading the store...</p>}
      {overview !== null && (
        <>
          <Verification overview={overview} />
          {overview.campaigns.map((c) => (
            <CampaignRuns key={c.selector} campaign={c} />
          ))}
        </>
      )}
    </main>
  );
}
