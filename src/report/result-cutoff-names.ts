/**
 * Result documents written before the rule's cut-off limit and the dialer's cut-off had names
 * of their own hold one figure, `rules.cutoffSeconds`, which was the dialer's cut-off. This
 * reads such a document under today's names, so that `pacelab report` still takes it.
 */

/**
 * A result document's JSON with `rules.cutoffLimitSeconds` and `dialer.cutoffSeconds`: as it
 * is when it has them, else (an older document) both read from its `rules.cutoffSeconds`. The
 * older document does not say the rule's limit; the dialer's cut-off, which never exceeds it,
 * stands in, so a verdict on holds is never laxer than the rule (and is what its report said).
 * Anything else is returned as it is, for the schema check to refuse.
 */
export function withCutoffNames(json: unknown): unknown {
  if (typeof json !== "object" || json === null || "dialer" in json) return json;
  const rules = (json as { rules?: unknown }).rules;
  if (typeof rules !== "object" || rules === null || "cutoffLimitSeconds" in rules) return json;
  const { cutoffSeconds, ...rest } = rules as { cutoffSeconds?: unknown };
  if (cutoffSeconds === undefined) return json;
  return {
    ...json,
    rules: { ...rest, cutoffLimitSeconds: cutoffSeconds },
    dialer: { cutoffSeconds },
  };
}
