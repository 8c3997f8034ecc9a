import type { ConfidenceVerdict } from "../ceiling-confidence.js";
import { CHART_COLORS } from "./chart-frame.js";

const ORDER: readonly ConfidenceVerdict[] = ["meets", "undecided", "fails"];
const COLORS: Readonly<Record<ConfidenceVerdict, string>> = {
  meets: CHART_COLORS.primary,
  undecided: "#999999",
  fails: CHART_COLORS.limit,
};

/** The legend entry of a verdict on P(campaign within the ceiling) >= `confidence`, in words. */
export function confidenceLabel(verdict: ConfidenceVerdict, confidence: number): string {
  switch (verdict) {
    case "meets":
      return `meets the ceiling with probability >= ${confidence}`;
    case "fails":
      return `shown not to meet it with probability ${confidence}`;
    case "undecided":
      return "not shown either way (too few replications)";
  }
}

/** A colour encoding of `field` holding {@link confidenceLabel}s: blue meets, grey undecided, red fails. */
export function confidenceColor(field: string, confidence: number) {
  return {
    field,
    type: "nominal" as const,
    scale: {
      domain: ORDER.map((v) => confidenceLabel(v, confidence)),
      range: ORDER.map((v) => COLORS[v]),
    },
    legend: { title: null },
  };
}
