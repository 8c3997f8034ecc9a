import type { RuleSet } from "../rules/rule-set.js";
import type { CallRecord } from "./call-record.js";

/** Held without agent audio for less than this, a call need not have heard comfort noise. */
export const COMFORT_NOISE_GRACE_MS = 500;

/** The callee's-side verdict on a run (docs/endpoint.md, "Verdict"). */
export interface EndpointVerdict {
  readonly ruleSet: string;
  readonly ceiling: {
    readonly held: boolean;
    readonly silent: number;
    readonly denominator: number;
    readonly denominatorKind: RuleSet["denominator"];
    /** Silent calls per 100 of the denominator; null when it is 0 and there were silent calls. */
    readonly per100: number | null;
    readonly limitPer100: number;
  };
  readonly cutoff: {
    readonly held: boolean;
    /** The rule's cut-off limit, real seconds. */
    readonly limitSeconds: number;
    readonly toleranceSeconds: number;
    /** Answered persons checked (every one, connected or not). */
    readonly checked: number;
    /** Calls held without agent audio longer than the cut-off plus the tolerance. */
    readonly late: readonly { readonly callId: string; readonly heldSeconds: number }[];
  };
  readonly comfortNoise: {
    /** null: the rule set asks for an information message, which the endpoint cannot judge. */
    readonly held: boolean | null;
    /** Calls held without agent audio for at least the grace time. */
    readonly checked: number;
    readonly missing: readonly string[];
  };
  readonly held: boolean;
}

/**
 * Judges a run from the callee's side: only answered persons count (the endpoint knows the
 * truth the dialer's AMD guesses at). A call's hold is the time from the 200 OK to the first
 * agent audio, or to its end (or `now`, if still going) when none came. The cut-off is measured
 * from the 200 OK whatever the rule set's timer start, which is the strictest reading.
 */
export function judge(
  records: readonly CallRecord[],
  rules: RuleSet,
  toleranceMs: number,
  now: number,
): EndpointVerdict {
  const limitMs = rules.cutoffLimitSeconds * 1000 + toleranceMs;
  let silent = 0;
  let connected = 0;
  let answered = 0;
  let cnChecked = 0;
  let checked = 0;
  const late: { callId: string; heldSeconds: number }[] = [];
  const missing: string[] = [];
  for (const r of records) {
    if (r.answeredAt === null || r.outcome !== "person") continue;
    const heldMs = (r.agentAudioAt ?? r.endedAt ?? now) - r.answeredAt;
    const settled = r.agentAudioAt !== null || r.endedAt !== null || heldMs > limitMs;
    if (!settled) continue; // still within the cut-off: its fate is not known yet
    checked++;
    answered++;
    if (r.agentAudioAt !== null) connected++;
    const isSilent =
      rules.numerator.counts === "notConnected"
        ? r.agentAudioAt === null
        : heldMs > limitMs || r.agentAudioAt === null;
    if (isSilent) silent++;
    if (heldMs > limitMs) late.push({ callId: r.callId, heldSeconds: Math.round(heldMs) / 1000 });
    if (heldMs >= COMFORT_NOISE_GRACE_MS) {
      cnChecked++;
      if (!r.comfortNoise) missing.push(r.callId);
    }
  }
  const denominator = rules.denominator === "connected" ? connected : answered;
  const per100 = denominator === 0 ? (silent === 0 ? 0 : null) : (100 * silent) / denominator;
  const ceilingHeld = per100 !== null && per100 <= rules.ceilingPer100;
  const cnHeld = rules.whileWaiting === "comfortNoise" ? missing.length === 0 : null;
  return {
    ruleSet: rules.id,
    ceiling: {
      held: ceilingHeld,
      silent,
      denominator,
      denominatorKind: rules.denominator,
      per100,
      limitPer100: rules.ceilingPer100,
    },
    cutoff: {
      held: late.length === 0,
      limitSeconds: rules.cutoffLimitSeconds,
      toleranceSeconds: toleranceMs / 1000,
      checked,
      late,
    },
    comfortNoise: { held: cnHeld, checked: cnChecked, missing },
    held: ceilingHeld && late.length === 0 && cnHeld !== false,
  };
}

/** The verdict in plain words, one line per rule, ending in a newline. */
export function verdictText(v: EndpointVerdict): string {
  const c = v.ceiling;
  const ratio =
    c.per100 === null ? "undefined (no call was put through)" : `${round(c.per100)} per 100`;
  const lines = [
    `Verdict under ${v.ruleSet}, from the callee's side: ${v.held ? "HELD" : "VIOLATED"}`,
    `  ceiling: ${c.held ? "held" : "VIOLATED"}: ${c.silent} silent of ${c.denominator} ${c.denominatorKind} calls = ${ratio} (limit ${c.limitPer100})`,
    `  cut-off: ${v.cutoff.held ? "held" : "VIOLATED"}: ${v.cutoff.late.length} of ${v.cutoff.checked} answered persons held without an agent longer than the ${v.cutoff.limitSeconds} s cut-off limit (+${v.cutoff.toleranceSeconds} s tolerance) after the 200 OK${lateList(v)}`,
    v.comfortNoise.held === null
      ? "  comfort noise: not checked: the rule set asks for an information message, which the endpoint cannot recognise"
      : `  comfort noise: ${v.comfortNoise.held ? "held" : "VIOLATED"}: ${v.comfortNoise.missing.length} of ${v.comfortNoise.checked} persons held ${COMFORT_NOISE_GRACE_MS / 1000} s or more without an agent heard no comfort noise (RTP payload 13)`,
  ];
  return `${lines.join("\n")}\n`;
}

function lateList(v: EndpointVerdict): string {
  const first = v.cutoff.late.slice(0, 3).map((l) => `${l.callId} held ${l.heldSeconds} s`);
  return first.length === 0 ? "" : ` (e.g. ${first.join(", ")})`;
}

const round = (x: number): number => Math.round(x * 100) / 100;
