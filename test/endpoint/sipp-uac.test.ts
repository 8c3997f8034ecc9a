import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type EndpointHandle, startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { startSipp } from "../support/sipp.js";
import { population } from "./population.js";

let endpoint: EndpointHandle | undefined;
afterEach(async () => {
  await endpoint?.stop();
  endpoint = undefined;
});

/** SIPp's final counters from its `-trace_stat` CSV: the last row's cumulative columns. */
function lastStats(csv: string): Record<string, string> {
  const lines = csv.trim().split("\n");
  const header = (lines[0] ?? "").split(";");
  const row = (lines[lines.length - 1] ?? "").split(";");
  return Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""]));
}

describe("SIPp's built-in UAC against the endpoint", () => {
  it("completes every call on both sides with a population of persons", async () => {
    endpoint = await startEndpoint({
      scenario: population("person", { ring: 0.05, patience: 600 }),
      listen: { host: "127.0.0.1", port: 0 },
      seed: 7,
    });
    const dir = mkdtempSync(join(tmpdir(), "pacelab-sipp-uac-"));
    const calls = 20;
    const sipp = startSipp(
      [
        "-sn",
        "uac",
        "-i",
        "127.0.0.1",
        "-p",
        "0",
        `127.0.0.1:${endpoint.address.port}`,
        "-m",
        String(calls),
        "-r",
        "20",
        "-d",
        "100",
        "-trace_stat",
        "-stf",
        "stats.csv",
        "-fd",
        "1",
        "-timeout",
        "20",
      ],
      dir,
    );
    const code = await sipp.exited;
    expect(code, sipp.output()).toBe(0);
    const { readFileSync } = await import("node:fs");
    const stats = lastStats(readFileSync(join(dir, "stats.csv"), "utf8"));
    expect(stats["SuccessfulCall(C)"]).toBe(String(calls));
    expect(stats["FailedCall(C)"]).toBe("0");
    const records = endpoint.records();
    expect(records).toHaveLength(calls);
    expect(records.every((r) => r.succeeded === true && r.endedBy === "caller")).toBe(true);
    expect(endpoint.counters.cumulative.counts.SuccessfulCall).toBe(calls);
  });
});
