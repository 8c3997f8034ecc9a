import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  type CampaignExport,
  EvidenceStore,
  EvidenceStoreError,
  flattenPayload,
} from "../../../src/compliance/evidence/index.js";
import { fakeClock, makeReport, tempDir } from "./fixture.js";

/** Splits simple CSV (no embedded newlines) into records, honouring quotes. */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => {
      const cells: string[] = [];
      let cell = "";
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            cell += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else cell += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ",") {
          cells.push(cell);
          cell = "";
        } else cell += ch;
      }
      cells.push(cell);
      return cells;
    });
}

function storeWithTwoCampaigns() {
  const dir = tempDir();
  const path = join(dir, "evidence.sqlite");
  const clock = fakeClock();
  const store = EvidenceStore.open(path, { create: true, now: clock.now });
  store.append(makeReport("north", 3, 1), 730);
  clock.advanceDays(1);
  store.append(makeReport("south", 2, 2), 730);
  clock.advanceDays(1);
  store.append(makeReport("north", 2, 7), 730);
  return { dir, path, store };
}

describe("EvidenceStore.exportCampaign", () => {
  it("writes JSON, CSV and HTML whose figures are the stored rows", () => {
    const { dir, store } = storeWithTwoCampaigns();
    const out = join(dir, "out");
    const files = store.exportCampaign("north", out);
    expect(files.map((f) => f.slice(out.length + 1))).toEqual([
      "north.evidence.json",
      "north.evidence.csv",
      "north.evidence.html",
    ]);
    const stored = store.rows("north");
    expect(stored.map((r) => r.id)).toEqual([1, 2, 3, 4, 8, 9, 10]);

    const json = JSON.parse(readFileSync(files[0], "utf8")) as CampaignExport;
    expect(json.campaign).toBe("north");
    expect(json.verification).toMatchObject({ ok: true, rows: 10, headHash: store.head().hash });
    expect(json.rows.map((r) => r.id)).toEqual(stored.map((r) => r.id));
    json.rows.forEach((r, i) => {
      expect(r.hash).toBe(stored[i].hash);
      expect(r.payload).toEqual(JSON.parse(stored[i].payload));
    });

    const [header, ...lines] = parseCsv(readFileSync(files[1], "utf8"));
    expect(lines).toHaveLength(stored.length);
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i, name).toBeGreaterThanOrEqual(0);
      return lines.map((l) => l[i]);
    };
    const payloads = stored.map((r) => JSON.parse(r.payload));
    expect(col("id")).toEqual(stored.map((r) => String(r.id)));
    expect(col("kind")).toEqual(stored.map((r) => r.kind));
    expect(col("hash")).toEqual(stored.map((r) => r.hash));
    expect(col("attempts")).toEqual(payloads.map((p) => String(p.attempts)));
    expect(col("silent")).toEqual(payloads.map((p) => String(p.silent)));
    expect(col("ratio").map(Number)).toEqual(payloads.map((p) => p.ratio));
    expect(col("ruleSet.id")).toEqual(stored.map(() => "it-garante-2014"));
    expect(col("seed")).toEqual(payloads.map((p) => String(p.seed)));
    expect(col("silentByCause.noAgent")).toEqual(
      payloads.map((p) => (p.silentByCause === null ? "" : String(p.silentByCause.noAgent))),
    );
    expect(header).not.toContain("silentByCause"); // null in windows, split up in campaign rows
    expect(col("start")).toEqual(payloads.map((p) => p.start ?? ""));
    expect(col("gateRefusals")).toEqual(stored.map(() => "{}"));

    const html = readFileSync(files[2], "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:/i); // self-contained
    expect(html).toContain("Verification: intact.");
    expect(html).toContain(store.head().hash);
    expect(html).toContain("it-garante-2014 version 1");
    expect(html).toContain("pacelab 0.1.0");
    expect(html.match(/<section class="run">/g)).toHaveLength(2);
    for (const [i, p] of payloads.entries()) {
      if (stored[i].kind !== "campaign") continue;
      expect(html).toContain(`Run ${stored[i].id}: north, seed ${p.seed}`);
      expect(html).toContain(
        `<td>${p.attempts}</td><td>${p.answered}</td><td>${p.connected}</td><td>${p.silent}</td>`,
      );
    }
    // A window's times break after the date; whole seconds lose their ".000".
    const shown = (time: string) => time.replace(".000", "").replace("T", "<wbr>T");
    expect(shown("2026-12-01T09:15:00.000")).toBe("2026-12-01<wbr>T09:15:00");
    for (const [i, p] of payloads.entries()) {
      if (stored[i].kind !== "window") continue;
      expect(html).toContain(
        `<tr><td>${stored[i].id}</td><td class="text">${shown(p.start)}</td><td class="text">${shown(p.end)}</td><td>${p.attempts}</td><td>${p.answered}</td><td>${p.connected}</td><td>${p.silent}</td><td>–</td><td>–</td><td>–</td><td>–</td><td>${p.ratio.toFixed(2)}</td>`,
      );
    }
    store.close();
  });

  it("prints hold times rounded to the column's seconds, and comfort noise as a percentage", () => {
    const dir = tempDir();
    const store = EvidenceStore.open(join(dir, "evidence.sqlite"), { create: true });
    const report = makeReport("east", 1);
    const window = {
      ...report.windows[0],
      maxSilentHoldSeconds: 2.7234567,
      comfortNoiseCoverage: 0.9876,
    };
    store.append(
      {
        ...report,
        totals: {
          ...report.totals,
          maxSilentHoldSeconds: 1.6383494086330757,
          comfortNoiseCoverage: 0.995,
        },
        windows: [window],
      },
      730,
    );
    const html = readFileSync(store.exportCampaign("east", join(dir, "out"))[2], "utf8");
    store.close();
    expect(html).not.toContain("1.6383");
    expect(html).not.toContain("2.7234");
    expect(html).toContain("<td>1.64</td><td>100%</td>");
    expect(html).toContain("<td>2.72</td><td>99%</td>");
    expect(html).toContain("evidence store: 1 run of the campaign east");
  });

  it("states a failed verification in every format, and escapes what it prints", () => {
    const { dir, path, store } = storeWithTwoCampaigns();
    store.append(makeReport("<b>&co</b>", 1), 730);
    store.close();
    const db = new Database(path);
    db.exec("DROP TRIGGER evidence_no_update");
    db.prepare(
      "UPDATE evidence SET payload = replace(payload, '\"attempts\":', '\"attempts\":9') WHERE id = 6",
    ).run();
    db.close();
    const again = EvidenceStore.open(path);
    const files = again.exportCampaign("<b>&co</b>", join(dir, "bad"));
    again.close();
    expect(files[0]).toMatch(/_co_b_\.evidence\.json$/);
    const json = JSON.parse(readFileSync(files[0], "utf8")) as CampaignExport;
    expect(json.verification.ok).toBe(false);
    expect(json.verification.issues).toContainEqual(
      expect.objectContaining({ kind: "edited", id: 6 }),
    );
    const html = readFileSync(files[2], "utf8");
    expect(html).toContain("Verification: FAILED.");
    expect(html).toContain("row 6: row 6 does not match its hash");
    expect(html).toContain("&lt;b&gt;&amp;co&lt;/b&gt;");
    expect(html).not.toContain("<b>&co</b>");
  });

  it("refuses a campaign with no evidence (exit code 2) and writes nothing", () => {
    const { dir, store } = storeWithTwoCampaigns();
    expect(() => store.exportCampaign("west", join(dir, "none"))).toThrow(EvidenceStoreError);
    store.close();
  });
});

describe("flattenPayload", () => {
  it("flattens nested objects to dotted names and keeps arrays and empty objects whole", () => {
    expect(flattenPayload({ a: 1, b: { c: null, d: { e: "x" } }, f: [1, 2], g: {} })).toEqual([
      ["a", 1],
      ["b.c", null],
      ["b.d.e", "x"],
      ["f", "[1,2]"],
      ["g", "{}"],
    ]);
  });
});
