import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../src/compliance/evidence/canonical-json.js";
import { GENESIS_HASH, rowHash } from "../../../src/compliance/evidence/chain.js";
import { runRows } from "../../../src/compliance/evidence/run-rows.js";
import { makeReport } from "./fixture.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth, so key order never changes the text", () => {
    const a = canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it("leaves out undefined properties and refuses what JSON cannot hold", () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(/non-finite/);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(/cannot hold/);
  });
});

describe("runRows", () => {
  it("chains a run's rows after the tip, the windows naming the campaign row as their run", () => {
    const report = makeReport("c", 3);
    const rows = runRows(report, { id: 0, hash: GENESIS_HASH }, "2026-01-01T00:00:00.000Z", "x");
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.kind)).toEqual(["campaign", "window", "window", "window"]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    for (const row of rows) expect(rowHash(row)).toBe(row.hash);
    expect(JSON.parse(rows[0].payload).windowCount).toBe(3);
    expect(rows.slice(1).map((r) => JSON.parse(r.payload).run)).toEqual([1, 1, 1]);
    expect(rows.slice(1).map((r) => JSON.parse(r.payload).window)).toEqual([0, 1, 2]);
    // The same report after a different tip gives different hashes: the id and prev hash count.
    const later = runRows(report, { id: 4, hash: rows[3].hash }, rows[0].recordedAt, "x");
    expect(later[0].id).toBe(5);
    expect(later[0].payload).toBe(rows[0].payload);
    expect(later[0].hash).not.toBe(rows[0].hash);
  });
});
