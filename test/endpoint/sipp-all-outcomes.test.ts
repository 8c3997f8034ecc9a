import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { startCli } from "../support/cli-process.js";
import { freeUdpPort, startSipp } from "../support/sipp.js";
import { readSippMessageLog } from "./sipp-message-log.js";

const SCENARIO = resolve("scenarios/sipp/uac-all-outcomes.xml");

function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split("\n");
  const names = (header ?? "").split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i], v])));
}

describe("SIPp's every-outcome caller against pacelab endpoint (default population)", () => {
  it("ends every call successfully, and both sides agree call for call", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pacelab-all-outcomes-"));
    const port = await freeUdpPort();
    const calls = 60;
    const endpoint = startCli([
      "endpoint",
      "--listen",
      `127.0.0.1:${port}`,
      "--time-scale",
      "20", // rings of ~0.6 s, well inside the caller's 3 s ring timeout
      "--seed",
      "11",
      "--max-calls",
      String(calls),
      "--duration",
      "40",
      "--calls-csv",
      join(dir, "calls.csv"),
      "--trace-stat",
      join(dir, "endpoint-stat.csv"),
      "--fd",
      "1",
      "--json",
    ]);
    await endpoint.waitForStderr("listening on");
    const sipp = startSipp(
      [
        "-sf",
        SCENARIO,
        "-i",
        "127.0.0.1",
        "-p",
        "0",
        `127.0.0.1:${port}`,
        "-s",
        "0612345678",
        "-m",
        String(calls),
        "-r",
        "30",
        "-trace_msg",
        "-message_file",
        "messages.log",
        "-trace_stat",
        "-stf",
        "sipp-stat.csv",
        "-fd",
        "1",
        "-timeout",
        "40",
      ],
      dir,
    );
    expect(await sipp.exited, sipp.output()).toBe(0);
    const run = await endpoint.done;
    expect(run.code, run.stderr).toBe(0);

    // SIPp: every call successful, none failed.
    const sippStats = readFileSync(join(dir, "sipp-stat.csv"), "utf8").trim().split("\n");
    const names = (sippStats[0] ?? "").split(";");
    const last = (sippStats[sippStats.length - 1] ?? "").split(";");
    expect(last[names.indexOf("SuccessfulCall(C)")]).toBe(String(calls));
    expect(last[names.indexOf("FailedCall(C)")]).toBe("0");

    // The endpoint: every call finished and successful.
    const summary = JSON.parse(run.stdout);
    expect(summary.calls).toBe(calls);
    expect(summary.successful).toBe(calls);
    expect(summary.failed).toBe(0);

    // Call for call: the fate the endpoint recorded is what SIPp saw on the wire.
    const views = readSippMessageLog(readFileSync(join(dir, "messages.log"), "utf8"));
    const rows = csvRows(readFileSync(join(dir, "calls.csv"), "utf8"));
    expect(rows).toHaveLength(calls);
    const outcomesSeen = new Set<string>();
    for (const row of rows) {
      const view = views.get(row.call_id ?? "");
      expect(view, row.call_id).toBeDefined();
      expect(String(view?.finalStatus)).toBe(row.final_status);
      const expected: Record<string, string> = {
        "486": "busy",
        "404": "invalid",
        "487": "noAnswer",
        "480": "noAnswer",
      };
      expect(row.outcome).toBe(view?.callee ?? expected[row.final_status ?? ""]);
      if (row.answered === "true") expect(view?.firstBye).toBe(row.ended_by);
      outcomesSeen.add(row.outcome ?? "");
    }
    // The default population's five fates all occurred in this run.
    expect([...outcomesSeen].sort()).toEqual(["busy", "invalid", "machine", "noAnswer", "person"]);

    // The endpoint's trace-stat CSV has SIPp's own header, and its totals match the records.
    const ours = readFileSync(join(dir, "endpoint-stat.csv"), "utf8").trim().split("\n");
    expect(ours[0]).toBe(sippStats[0]);
    const ourLast = (ours[ours.length - 1] ?? "").split(";");
    expect(ourLast[names.indexOf("IncomingCall(C)")]).toBe(String(calls));
    expect(ourLast[names.indexOf("SuccessfulCall(C)")]).toBe(String(calls));
    expect(ourLast).toHaveLength(last.length);
  });
});
