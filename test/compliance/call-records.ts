/** Hand-built call records in pacelab's CSV format, and an in-process audit of them. */

import {
  formatLocalTimestamp,
  parseLocalTimestamp,
  SECOND_US,
} from "../../src/calendar/local-time.js";
import { Audit, type AuditOptions, type AuditResult } from "../../src/compliance/audit.js";
import { type AuditRun, auditText } from "../../src/compliance/audit-file.js";
import { pacelabFormat } from "../../src/compliance/formats/pacelab-format.js";
import type { RuleSet } from "../../src/rules/rule-set.js";

export const HEADER =
  "campaign,number,start,answer,agent_connect,end,outcome,amd_verdict,agent_reserved";

export interface Rec {
  readonly campaign?: string;
  readonly number?: string;
  readonly start: string;
  readonly answer?: string;
  readonly connect?: string;
  readonly end: string;
  readonly outcome: "person" | "machine" | "busy" | "no-answer" | "invalid";
  readonly amd?: "" | "person" | "machine";
  readonly reserved?: "" | "true" | "false";
}

/** `t` plus `seconds` (to the millisecond), as a local timestamp. */
export function plus(t: string, seconds: number): string {
  const us = parseLocalTimestamp(t);
  if (Number.isNaN(us)) throw new Error(`bad timestamp in a test: ${t}`);
  return formatLocalTimestamp(us + Math.round(seconds * 1000) * 1000);
}

export const HOUR = 3600;
export const DAY = 86_400;
export { SECOND_US };

const RING = 10;

/** A person put through to an agent `hold` seconds after the answer. */
export function connected(
  start: string,
  opts: {
    number?: string;
    hold?: number;
    reserved?: "" | "true" | "false";
    campaign?: string;
  } = {},
): Rec {
  const answer = plus(start, RING);
  const connect = plus(answer, opts.hold ?? 0.5);
  return {
    campaign: opts.campaign,
    number: opts.number,
    start,
    answer,
    connect,
    end: plus(connect, 120),
    outcome: "person",
    reserved: opts.reserved,
  };
}

/** A person who answered and was never put through; the dialer hung up `held` seconds later. */
export function silent(
  start: string,
  opts: { number?: string; held?: number; campaign?: string; amd?: "" | "machine" } = {},
): Rec {
  const answer = plus(start, RING);
  return {
    campaign: opts.campaign,
    number: opts.number,
    start,
    answer,
    end: plus(answer, opts.held ?? 3),
    outcome: "person",
    amd: opts.amd,
  };
}

/** A call nobody answered, given up after `ring` seconds. */
export function unanswered(start: string, opts: { number?: string; ring?: number } = {}): Rec {
  return { number: opts.number, start, end: plus(start, opts.ring ?? 25), outcome: "no-answer" };
}

/** An answering machine AMD hung up on. */
export function amdHangup(start: string, opts: { number?: string } = {}): Rec {
  const answer = plus(start, RING);
  return {
    number: opts.number,
    start,
    answer,
    end: plus(answer, 2),
    outcome: "machine",
    amd: "machine",
  };
}

let serial = 0;

/** The records as CSV text; rows without a number get a fresh one. */
export function toCsv(recs: readonly Rec[]): string {
  const lines = recs.map((r) =>
    [
      r.campaign ?? "test",
      r.number ?? `+3930000${String(++serial).padStart(5, "0")}`,
      r.start,
      r.answer ?? "",
      r.connect ?? "",
      r.end,
      r.outcome,
      r.amd ?? "",
      r.reserved ?? "",
    ].join(","),
  );
  return `${[HEADER, ...lines].join("\n")}\n`;
}

/** Audits the records in process against `rules`. */
export async function auditRecs(
  rules: RuleSet,
  recs: readonly Rec[],
  options: AuditOptions = {},
): Promise<AuditResult> {
  return (await auditRun(rules, toCsv(recs), options)).result;
}

export function auditRun(
  rules: RuleSet,
  text: string,
  options: AuditOptions = {},
  file = "calls.csv",
): Promise<AuditRun> {
  return auditText(text, file, new Audit(rules, options), pacelabFormat);
}

/** `n` copies of what `make(i)` builds. */
export function times(n: number, make: (i: number) => Rec): Rec[] {
  return Array.from({ length: n }, (_, i) => make(i));
}
