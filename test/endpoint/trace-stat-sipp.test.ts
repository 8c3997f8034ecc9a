import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { TRACE_STAT_COLUMNS } from "../../src/endpoint/trace-stat.js";
import { freeUdpPort, startSipp } from "../support/sipp.js";

/**
 * The header of the `-trace_stat` file a real SIPp callee (UAS) writes with `scenario` (`-sn` for
 * a built-in one, `-sf` for a file): started on loopback, stopped once the header is there.
 */
async function sippUasHeader(scenario: readonly string[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "pacelab-trace-stat-"));
  const stat = join(dir, "stat.csv");
  const port = await freeUdpPort();
  const args = ["-i", "127.0.0.1", "-p", String(port), "-trace_stat", "-stf", stat, "-fd", "1"];
  const sipp = startSipp([...scenario, ...args], dir);
  try {
    // SIPp writes the header with its first period's row, a second after it starts.
    for (
      let i = 0;
      i < 100 && !(existsSync(stat) && readFileSync(stat, "utf8").includes("\n"));
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
  } finally {
    await sipp.stop();
  }
  const [header] = readFileSync(stat, "utf8").split("\n");
  expect(header.endsWith(";"), "a ';' ends every field").toBe(true);
  return header.slice(0, -1).split(";");
}

const isResponseTimeOrRepartition = (c: string) =>
  c.startsWith("ResponseTime") || c.startsWith("CallLengthRepartition");

describe("the endpoint's trace-stat layout against a real SIPp callee", () => {
  it("is SIPp's full layout, and a superset in the same order of what SIPp's UAS scenarios write", async () => {
    // SIPp's built-in callee declares response-time and call-length repartitions: its file has
    // every column, the endpoint's exactly.
    expect(await sippUasHeader(["-sn", "uas"])).toEqual(TRACE_STAT_COLUMNS);
    // A UAS scenario without them (the project's own, and most written by hand) drops the
    // response-time and repartition columns and keeps the rest in the same order.
    const plain = await sippUasHeader(["-sf", resolve("scenarios/sipp/uas-default.xml")]);
    expect(plain).toEqual(TRACE_STAT_COLUMNS.filter((c) => !isResponseTimeOrRepartition(c)));

    // docs/endpoint.md says which layout the endpoint writes, with the counts measured here.
    const doc = readFileSync("docs/endpoint.md", "utf8").replace(/\s+/g, " ");
    expect(doc).toContain(`${TRACE_STAT_COLUMNS.length} columns`);
    expect(doc).toContain(`${plain.length} columns`);
  }, 30_000);
});
