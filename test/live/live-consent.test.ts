import { describe, expect, it } from "vitest";
import { GATE_REFUSAL_REASONS } from "../../src/consent/gate.js";
import { liveRig, liveScenario } from "./live-fixture.js";

const rig = liveRig();

describe("pacelab live and the consent gate", () => {
  it("never dials a lead the gate refuses, and counts the refusals by reason", async () => {
    const scenario = liveScenario({
      leads: {
        kind: "count",
        count: 100_000,
        consentMix: { optedOut: 0.5, noConsent: 0, publicWebOnly: 0 },
      },
    });
    const endpoint = await rig.endpoint(scenario, 5);
    const outcome = await rig.run({
      scenario,
      seed: 9,
      targetPort: endpoint.address.port,
      maxAttempts: 60,
    });
    const refusals = outcome.run.counters.gateRefusals;
    const optedOut = refusals[GATE_REFUSAL_REASONS.indexOf("optedOut")];
    const others = refusals.reduce((sum, n) => sum + n, 0) - optedOut;
    // Only attempts the gate let through reach the callee side.
    expect(endpoint.records()).toHaveLength(outcome.attemptsPlaced);
    expect(others).toBe(0);
    // Half the leads are on the register: the refused share of the leads asked about is near
    // one half (4 binomial standard errors).
    const asked = optedOut + outcome.attemptsPlaced;
    expect(Math.abs(optedOut / asked - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / asked));
  }, 90_000);
});
