/**
 * tune.json from before tune's three answers: each probe's verdict is read back from its
 * interval and the confidence, and the search's answer from its best or least aggressive probe.
 */
import { describe, expect, it } from "vitest";
import { fromEarlierTuneFormat } from "../../src/report/tune-earlier-format.js";

const probe = (value: number, interval: [number, number], feasible: boolean) => ({
  value,
  point: { settings: { level: value } },
  withinInterval: interval,
  feasible,
});

// Confidence 0.9: [0.92, 1] shows it, [0.5, 0.8] shows the opposite, [0.7, 0.97] neither.
const earlier = (aggressiveUp: boolean, best: ReturnType<typeof probe> | null) => ({
  tool: { name: "pacelab", version: "0.1.0" },
  confidence: 0.9,
  range: { from: 1, to: 3, step: 1, aggressiveUp },
  best,
  probes: [probe(1, [0.92, 1], true), probe(2, [0.7, 0.97], false), probe(3, [0.5, 0.8], false)],
});

describe("fromEarlierTuneFormat", () => {
  it("reads each probe's verdict from its interval, and the answer from the best probe", () => {
    const { doc, converted } = fromEarlierTuneFormat(earlier(true, probe(1, [0.92, 1], true)));
    expect(converted).toBe(true);
    const upgraded = doc as {
      answer: string;
      best: { verdict: string; feasible?: boolean };
      probes: { verdict: string }[];
    };
    expect(upgraded.probes.map((p) => p.verdict)).toEqual([
      "feasible",
      "undecided",
      "not feasible",
    ]);
    expect(upgraded.answer).toBe("feasible");
    expect(upgraded.best.verdict).toBe("feasible");
    expect("feasible" in upgraded.best).toBe(false);
  });

  it("answers with the least aggressive probe's verdict when none was feasible", () => {
    // Level 3 is the least aggressive when lower levels are more aggressive.
    const down = fromEarlierTuneFormat(earlier(false, null)).doc as { answer: string };
    expect(down.answer).toBe("not feasible");
    const up = earlier(true, null);
    up.probes[0] = probe(1, [0.7, 0.97], false);
    expect((fromEarlierTuneFormat(up).doc as { answer: string }).answer).toBe("undecided");
  });

  it("leaves a best probe it cannot read for the schema to refuse", () => {
    const { best: _, ...withoutBest } = earlier(true, null);
    const { doc } = fromEarlierTuneFormat({ ...withoutBest, best: "level 1" });
    expect((doc as { best: unknown }).best).toBe("level 1");
  });

  it("leaves a document of today's format, or another kind, as it is", () => {
    const today = { confidence: 0.9, answer: "feasible", probes: [{ verdict: "feasible" }] };
    expect(fromEarlierTuneFormat(today)).toEqual({ doc: today, converted: false });
    expect(fromEarlierTuneFormat([1, 2]).converted).toBe(false);
    expect(fromEarlierTuneFormat(null).converted).toBe(false);
  });
});
