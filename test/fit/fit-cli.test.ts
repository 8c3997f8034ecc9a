/**
 * `pacelab fit` through the compiled CLI on VICIdial and Asterisk records (small files built
 * here from seeded draws), and on bad input: a bad row (exit 2 with its line), empty files.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import {
  formatLocalTimestamp,
  parseLocalTimestamp,
  SECOND_US,
} from "../../src/calendar/local-time.js";
import { DEFAULT_BASE } from "../../src/cli/fit-command.js";
import { roundedSpec } from "../../src/fit/describe-fit.js";
import type { FitDocument } from "../../src/fit/fit-summary.js";
import { loadScenario } from "../../src/scenario/load.js";
import { sampler } from "../../src/sim/distributions.js";
import { createStreams } from "../../src/sim/random.js";
import { runCli } from "../support/cli-process.js";

const pacelab = (...args: string[]) => runCli(args);

const dir = mkdtempSync(join(tmpdir(), "pacelab-fit-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const streams = createStreams(11);
const talk = sampler({ dist: "lognormal", mean: 120, sd: 60 }, streams.stream("talk"));
const ring = sampler({ dist: "gamma", shape: 5, scale: 2 }, streams.stream("ring"));

/** `2026-12-02 HH:MM:SS` for call `i`, one a minute from 10:00 (MySQL's and Asterisk's form). */
function at(i: number, plusSeconds = 0): string {
  const t = parseLocalTimestamp("2026-12-02T10:00:00.000") + (i * 60 + plusSeconds) * SECOND_US;
  return formatLocalTimestamp(t).slice(0, 19).replace("T", " ");
}

const base = loadScenario(DEFAULT_BASE);

describe.concurrent("pacelab fit on a VICIdial log", () => {
  const header =
    "uniqueid,lead_id,list_id,campaign_id,call_date,start_epoch,end_epoch,length_in_sec,status,phone_code,phone_number,user,comments,processed,user_group,term_reason,alt_dial,called_count";
  const statuses = [
    ...Array(60).fill("SALE"),
    ...Array(10).fill("DROP"),
    ...Array(15).fill("A"),
    ...Array(45).fill("NA"),
    ...Array(10).fill("B"),
    ...Array(10).fill("DC"),
  ];
  const rows = statuses.map((status, i) => {
    const length =
      status === "SALE" ? Math.round(talk()) : status === "DROP" ? 1 : status === "A" ? 15 : 0;
    return `1.${i},${i},1000,SALESA,${at(i)},0,0,${length},${status},39,33311${String(i).padStart(5, "0")},agent1,,N,,NONE,MAIN,1`;
  });
  const calls = file(
    "vicidial.csv",
    [header, ...rows, rows[0].replace(",SALE,", ",XDROP,")].join("\n"),
  );

  it("fits outcomes and talk, keeps ring times and patience, and writes a loadable scenario", async ({
    expect,
  }) => {
    const out = join(dir, "vicidial.yaml");
    const r = await pacelab("fit", calls, "--format", "vicidial", "--out", out, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc: FitDocument = JSON.parse(r.stdout);
    expect(doc.excluded).toEqual({ "status XDROP": 1 });
    expect(doc.outcomes.attempts).toBe(statuses.length);
    expect(doc.outcomes.timeoutSource).toBe("base");
    // Persons (SALE, DROP) and machines (A), scaled up for the base's answers past the timeout.
    const p = doc.outcomes.probabilities;
    expect(p.person).toBeCloseTo(70 / 150 / (1 - doc.outcomes.lostToTimeout.person), 5);
    expect(p.machine).toBeCloseTo(15 / 150 / (1 - doc.outcomes.lostToTimeout.machine), 5);
    expect(p.busy).toBeCloseTo(10 / 150, 5);
    const byKey = Object.fromEntries(doc.quantities.map((q) => [q.key, q]));
    expect(byKey["outcomes.person.ring"].fit).toBeUndefined();
    expect(byKey["outcomes.person.ring"].note).toContain("without a measured ring");
    expect(byKey["agents.talk"].fit?.n).toBe(60);
    expect(byKey["callee.patience"].fit).toBeUndefined();
    expect(byKey["callee.patience"].note).toContain("without a measured wait");

    const s = loadScenario(out);
    expect(s.outcomes.ring).toEqual(base.outcomes.ring);
    const talkFit = byKey["agents.talk"].fit;
    expect(talkFit && s.agents.talk).toEqual(talkFit && roundedSpec(talkFit.spec));
    expect(s.callee.patience).toEqual(base.callee.patience);
  });
});

describe.concurrent("pacelab fit on an Asterisk CDR", () => {
  const cdr = (
    i: number,
    o: { answer: number; end: number; disposition: string; agent?: boolean },
  ) =>
    [
      "SALESA",
      "0612345678",
      `39333${String(i).padStart(7, "0")}`,
      "outbound",
      '"Sales" <0612345678>',
      "SIP/trunk-0001",
      o.agent ? "SIP/agent1-0002" : "",
      "Queue",
      "sales",
      at(i),
      o.answer < 0 ? "" : at(i, o.answer),
      at(i, o.end),
      "0",
      "0",
      o.disposition,
      "DOCUMENTATION",
    ]
      .map((f) => `"${f.replaceAll('"', '""')}"`)
      .join(",");
  const rows: string[] = [];
  for (let i = 0; i < 200; i++) {
    if (i % 4 === 0) rows.push(cdr(i, { answer: -1, end: 30, disposition: "NO ANSWER" }));
    else if (i % 10 === 1) rows.push(cdr(i, { answer: -1, end: 3, disposition: "BUSY" }));
    else {
      const r = Math.min(29, Math.round(ring()));
      rows.push(
        cdr(i, { answer: r, end: r + Math.round(talk()), disposition: "ANSWERED", agent: true }),
      );
    }
  }
  const calls = file("Master.csv", `${rows.join("\n")}\n`);

  it("fits the timeout, ring and talk, and keeps patience (bridged calls' waits are not recorded)", async ({
    expect,
  }) => {
    const out = join(dir, "asterisk.yaml");
    const r = await pacelab("fit", calls, "--format", "asterisk", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("fitted 200 call attempts");
    expect(r.stdout).toMatch(/no-answer timeout 30 s \(median ring of no-answers\)/);
    expect(r.stdout).toMatch(/outcomes\.person\.ring: n 130: /);
    expect(r.stdout).toMatch(/agents\.talk: n 130: /);
    expect(r.stdout).toContain("callee.patience: kept from the base");
    const s = loadScenario(out);
    expect(s.dialer.noAnswerTimeoutSeconds).toBe(30);
    expect(s.outcomes.probabilities.busy).toBeCloseTo(20 / 200, 6);
    expect(s.outcomes.ring.person).not.toEqual(base.outcomes.ring.person);
  });
});

describe.concurrent("bad input", () => {
  const header = "campaign,number,start,answer,agent_connect,end,outcome,amd_verdict";
  const good = (i: number) =>
    `c,+39333000${i},${at(i).replace(" ", "T")},,,${at(i, 25).replace(" ", "T")},no-answer,`;

  it("stops at a bad row with exit 2, its line and column, and writes nothing", async ({
    expect,
  }) => {
    const calls = file(
      "bad.csv",
      [header, good(1), good(2), good(3).replace("no-answer", "hung-up"), good(4)].join("\n"),
    );
    const out = join(dir, "bad.yaml");
    const r = await pacelab("fit", calls, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${calls}:4: outcome: expected one of person, machine, busy, no-answer, invalid, got "hung-up"`,
    );
    expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });

  it("says so for an empty file, a header alone and a headerless format without rows", async ({
    expect,
  }) => {
    const out = join(dir, "empty.yaml");
    const empty = await pacelab("fit", file("empty.csv", ""), "--out", out);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("expected a header row (format pacelab), got an empty file");
    const headerOnly = await pacelab("fit", file("header.csv", `${header}\n`), "--out", out);
    expect(headerOnly.code).toBe(2);
    expect(headerOnly.stderr).toContain(
      "expected at least one call attempt (format pacelab), got no call records in 1 line (a header only)",
    );
    const cdr = await pacelab(
      "fit",
      file("Master-empty.csv", ""),
      "--format",
      "asterisk",
      "--out",
      out,
    );
    expect(cdr.code).toBe(2);
    expect(cdr.stderr).toContain(
      "expected at least one call attempt (format asterisk), got no call records: an empty file",
    );
    expect(existsSync(out)).toBe(false);
  });

  it("names a base scenario that does not load", async ({ expect }) => {
    const r = await pacelab(
      "fit",
      file("one.csv", `${header}\n${good(1)}\n`),
      "--base",
      join(dir, "missing.yaml"),
      "--out",
      join(dir, "x.yaml"),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing.yaml");
  });

  it("answers what is fitted and what is not in --help", async ({ expect }) => {
    const r = await pacelab("fit", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Not fitted: wrap-up");
    expect(r.stdout).toContain("maximum likelihood");
  });
});
