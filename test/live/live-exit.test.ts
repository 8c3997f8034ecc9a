import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startLiveCli, startLiveCliRig } from "../support/live-cli.js";
import { liveCliScenarioYaml } from "../support/live-cli-scenario.js";
import { type LossyRelay, startLossyRelay } from "../support/lossy-relay.js";

const ATTEMPTS = 80;

// Short rings, talks and no-answer timeout (scaled by K: tenths of a second), mostly failures,
// so that many final responses (486, 404, 487) are retransmitted when their ACK is lost.
const SCENARIO = liveCliScenarioYaml({
  name: "live-exit",
  agents: 6,
  talk: "{ dist: fixed, value: 15 }",
  wrapUp: 3,
  leads: 10_000,
  probabilities: { person: 0.25, machine: 0.05, busy: 0.3, noAnswer: 0.3, invalid: 0.1 },
  noAnswerTimeout: 12,
  patience: 30,
  pacing: "{ algorithm: vicidial-ratio, level: 2 }",
});

let relay: LossyRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

describe("pacelab live after a lossy run", () => {
  it("exits within a few seconds of writing its result, whatever was retransmitted", async () => {
    const rig = await startLiveCliRig(SCENARIO, 3);
    const { dir, endpoint } = rig;
    relay = await startLossyRelay({
      server: { host: "127.0.0.1", port: endpoint.address.port },
      lossRate: 0.15,
      seed: "live-exit",
      only: "sip",
    });
    const result = join(dir, "out", "result.json");
    const live = startLiveCli(
      rig,
      ["--max-attempts", String(ATTEMPTS), "--no-evidence"],
      relay.port,
    );
    let writtenAt: number | null = null;
    const poll = setInterval(() => {
      if (writtenAt === null && existsSync(result)) writtenAt = Date.now();
    }, 20);
    const { code, stderr } = await live.done;
    const exitedAt = Date.now();
    clearInterval(poll);
    expect(code, stderr).toBe(0);
    // A run that exits within one poll of writing its result is seen only now.
    expect(existsSync(result)).toBe(true);
    const doc = JSON.parse(readFileSync(result, "utf8"));
    expect(doc.live.attemptsEnded).toBe(ATTEMPTS);
    // The run did meet loss and retransmitted final responses (whose ACKs the dialer resent).
    expect(relay.counters.droppedToServer).toBeGreaterThan(0);
    expect(endpoint.counters.cumulative.counts.Retransmissions).toBeGreaterThan(0);
    // Functional, not a benchmark: a transaction timer left running would hold it up to 32 s.
    expect(exitedAt - (writtenAt ?? exitedAt)).toBeLessThan(10_000);
  }, 120_000);
});
