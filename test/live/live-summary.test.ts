/**
 * A live run's summary and report say why it stopped: a run cut short by --duration must not
 * read as one whose calendar ran out.
 */
import { describe, expect, it } from "vitest";
import { campaignEnding } from "../../src/report/campaign-ending.js";
import { headlineRows } from "../../src/report/html/headline-table.js";
import { summaryText } from "../../src/report/summary-text.js";
import { liveRig, liveScenario, liveTestDocument } from "./live-fixture.js";

const rig = liveRig();

describe("a live run's summary", () => {
  it("says a run stopped by --duration stopped by it, with leads left", async () => {
    const scenario = liveScenario();
    const endpoint = await rig.endpoint(scenario, 5);
    const outcome = await rig.run({
      scenario,
      seed: 9,
      targetPort: endpoint.address.port,
      durationSeconds: 1,
    });
    expect(outcome.stoppedBy).toBe("duration");
    const doc = liveTestDocument(outcome, {
      scenario,
      seed: 9,
      targetPort: endpoint.address.port,
    });
    const text = summaryText(doc, scenario.calendar.start);
    expect(text).toContain(
      "campaign (replication 1 of 1): stopped when --duration ran out, with leads left;",
    );
    expect(text).not.toContain("calendar ran out");
    const row = headlineRows(doc).find((r) => r.label === "Campaign");
    expect(row?.value).toBe("stopped when --duration ran out, with leads left");
  });

  it("names every way a live run stops, and a simulation's two", () => {
    const campaign = { completed: false } as never;
    const live = (stoppedBy: string) => campaignEnding({ campaign, live: { stoppedBy } as never });
    expect(live("max-attempts")).toBe("stopped after --max-attempts attempts, with leads left");
    expect(live("interrupted")).toMatch(/^interrupted .*: a partial result$/);
    expect(live("calendar")).toBe("the calendar ran out with leads left");
    expect(live("leads")).toBe("every lead finished");
    expect(campaignEnding({ campaign })).toBe("the calendar ran out with leads left");
    expect(campaignEnding({ campaign: { completed: true } as never })).toBe("every lead finished");
  });
});
