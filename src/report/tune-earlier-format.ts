/**
 * tune.json as pacelab wrote it before tune had three answers (before 2026-12-07): each probe
 * said `feasible: true | false`, and the document had no `answer`. `false` then meant "not
 * shown feasible": not feasible, or undecided when the replications ran out. The two are told
 * apart exactly as the search tells them now (`probeVerdict`), from what every probe kept: its
 * Wilson 95% interval of P(within the ceiling) against the document's confidence. Reports kept
 * for two years must still be drawn from the documents of their day.
 */

import type { TuneVerdict } from "../tuning/tune.js";

interface EarlierProbe {
  readonly value: number;
  readonly withinInterval: readonly [number, number];
  readonly feasible: boolean;
}

/**
 * `doc` with each probe's `feasible` turned into the `verdict` it stands for and the search's
 * `answer` added, when it is a tune document of the earlier format; otherwise `doc` itself.
 * Says which through `converted`.
 */
export function fromEarlierTuneFormat(doc: unknown): { doc: unknown; converted: boolean } {
  if (!isEarlier(doc)) return { doc, converted: false };
  const confidence = doc.confidence as number;
  const probes = (doc.probes as EarlierProbe[]).map((p) => withVerdict(p, confidence));
  // Anything else where the best probe belongs is left for the schema to refuse.
  const best = isEarlierProbe(doc.best) ? withVerdict(doc.best, confidence) : doc.best;
  const answer = answerOf(best !== null && best !== undefined, probes, doc);
  return { doc: { ...doc, answer, best, probes }, converted: true };
}

function isEarlier(doc: unknown): doc is Record<string, unknown> {
  if (typeof doc !== "object" || doc === null || "answer" in doc) return false;
  const { probes, confidence } = doc as { probes?: unknown; confidence?: unknown };
  return typeof confidence === "number" && Array.isArray(probes) && probes.every(isEarlierProbe);
}

function isEarlierProbe(probe: unknown): probe is EarlierProbe {
  if (typeof probe !== "object" || probe === null || "verdict" in probe) return false;
  const { feasible, withinInterval } = probe as { feasible?: unknown; withinInterval?: unknown };
  return typeof feasible === "boolean" && Array.isArray(withinInterval);
}

function withVerdict(probe: EarlierProbe, confidence: number): Record<string, unknown> {
  const { feasible, ...rest } = probe;
  const verdict: TuneVerdict = feasible
    ? "feasible"
    : probe.withinInterval[1] < confidence
      ? "not feasible"
      : "undecided";
  return { ...rest, verdict };
}

// Feasible when a setting was found; otherwise the verdict on the least aggressive probed
// value, which the search always probes (as `TuneResult.answer`).
function answerOf(
  found: boolean,
  probes: readonly Record<string, unknown>[],
  doc: Record<string, unknown>,
): TuneVerdict {
  if (found) return "feasible";
  if (probes.length === 0) return "undecided";
  const aggressiveUp = (doc.range as { aggressiveUp?: unknown } | undefined)?.aggressiveUp;
  const byValue = [...probes].sort((a, b) => (a.value as number) - (b.value as number));
  const least = aggressiveUp === false ? byValue[byValue.length - 1] : byValue[0];
  return least.verdict as TuneVerdict;
}
