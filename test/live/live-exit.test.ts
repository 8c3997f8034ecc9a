import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type EndpointHandle, startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { loadScenario } from "../../src/scenario/load.js";
import { TimeScale } from "../../src/time/time-scale.js";
import { type LossyRelay, startLossyRelay } from "../support/lossy-relay.js";

const CLI = "dist/src/cli/main.js";
const K = 30;
const ATTEMPTS = 80;

// Short rings, talks and no-answer timeout (scaled by K: tenths of a second), mostly failures,
// so that many final responses (486, 404, 487) are retransmitted when their ACK is lost.
const SCENARIO = `name: live-exit
calendar: { start: 2026-12-01, days: 1 }
rules: it-garante-2014
agents:
  count: 6
  shift: "09:00-17:00"
  talk: { dist: fixed, value: 15 }
  wrapUp: { dist: fixed, value: 3 }
leads: { count: 10000 }
outcomes:
  person: { probability: 0.25, ring: { dist: uniform, min: 3, max: 9 } }
  machine: { probability: 0.05, ring: { dist: uniform, min: 3, max: 9 } }
  busy: { probability: 0.3, ring: { dist: uniform, min: 2, max: 6 } }
  noAnswer: { probability: 0.3 }
  invalid: { probability: 0.1, ring: { dist: fixed, value: 2 } }
dialer: { noAnswerTimeoutSeconds: 12 }
callee: { patience: { dist: fixed, value: 30 } }
pacing: { algorithm: vicidial-ratio, level: 2 }
`;

let endpoint: EndpointHandle | undefined;
let relay: LossyRelay | undefined;
afterEach(async () => {
  await relay?.close();
  await endpoint?.stop();
  relay = undefined;
  endpoint = undefined;
});

describe("pacelab live after a lossy run", () => {
  it("exits within a few seconds of writing its result, whatever was retransmitted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pacelab-live-exit-"));
    const file = join(dir, "scenario.yaml");
    writeFileSync(file, SCENARIO);
    endpoint = await startEndpoint({
      scenario: loadScenario(file),
      listen: { host: "127.0.0.1", port: 0 },
      timeScale: TimeScale.of(K),
      seed: 3,
    });
    relay = await startLossyRelay({
      server: { host: "127.0.0.1", port: endpoint.address.port },
      lossRate: 0.15,
      seed: "live-exit",
      only: "sip",
    });
    const result = join(dir, "out", "result.json");
    const child = spawn(process.execPath, [
      CLI,
      "live",
      file,
      "--target",
      `127.0.0.1:${relay.port}`,
      "--time-scale",
      String(K),
      "--max-attempts",
      String(ATTEMPTS),
      "--out",
      join(dir, "out"),
      "--lockouts",
      join(dir, "lockouts.sqlite"),
      "--no-evidence",
    ]);
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.resume();
    let writtenAt: number | null = null;
    const poll = setInterval(() => {
      if (writtenAt === null && existsSync(result)) writtenAt = Date.now();
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    const exitedAt = Date.now();
    clearInterval(poll);
    expect(code, stderr).toBe(0);
    expect(writtenAt).not.toBeNull();
    const doc = JSON.parse(readFileSync(result, "utf8"));
    expect(doc.live.attemptsEnded).toBe(ATTEMPTS);
    // The run did meet loss and retransmitted final responses (whose ACKs the dialer resent).
    expect(relay.counters.droppedToServer).toBeGreaterThan(0);
    expect(endpoint.counters.cumulative.counts.Retransmissions).toBeGreaterThan(0);
    // Functional, not a benchmark: a transaction timer left running would hold it up to 32 s.
    expect(exitedAt - (writtenAt ?? exitedAt)).toBeLessThan(10_000);
  }, 120_000);
});
