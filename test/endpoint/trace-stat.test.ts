import { describe, expect, it } from "vitest";
import { EndpointCounters } from "../../src/endpoint/counters.js";
import {
  formatDuration,
  formatElapsed,
  formatNumber,
  formatTimestamp,
  TRACE_STAT_COLUMNS,
  traceStatHeader,
  traceStatRow,
} from "../../src/endpoint/trace-stat.js";

describe("the trace-stat CSV", () => {
  it("formats values as SIPp writes them", () => {
    expect(formatDuration(4208)).toBe("00:00:04:208000");
    expect(formatDuration(3_723_000.5)).toBe("01:02:03:000500");
    expect(formatElapsed(61_999)).toBe("00:01:01");
    expect(formatNumber(3.703703)).toBe("3.7037");
    expect(formatNumber(0.997009)).toBe("0.997009");
    expect(formatNumber(10)).toBe("10");
    expect(formatTimestamp(1_795_842_747_912.971)).toMatch(
      /^\d{4}-\d\d-\d\d\t\d\d:\d\d:\d\d\.912971\t1795842747\.912971$/,
    );
  });

  it("writes one field per column with period and cumulative counts", () => {
    const counters = new EndpointCounters();
    counters.add("IncomingCall", 3);
    counters.add("SuccessfulCall", 2);
    counters.addCallLength(40);
    counters.addCallLength(2000);
    counters.current = 1;
    const first = traceStatRow(counters, { start: 0, lastReset: 0, now: 2000 }).split(";");
    counters.resetPeriod();
    counters.add("IncomingCall");
    const second = traceStatRow(counters, { start: 0, lastReset: 2000, now: 3000 }).split(";");
    const at = (row: string[], column: string) => row[TRACE_STAT_COLUMNS.indexOf(column)];
    expect(first).toHaveLength(TRACE_STAT_COLUMNS.length + 1); // a ';' ends every field
    expect(at(first, "CallRate(P)")).toBe("1.5");
    expect(at(first, "CallLength(C)")).toBe("00:00:01:020000");
    expect(at(first, "CallLengthRepartition_<50")).toBe("1");
    expect(at(first, "CallLengthRepartition_<5000")).toBe("1");
    expect(at(second, "IncomingCall(P)")).toBe("1");
    expect(at(second, "IncomingCall(C)")).toBe("4");
    expect(at(second, "TotalCallCreated")).toBe("4");
    expect(at(second, "SuccessfulCall(P)")).toBe("0");
    expect(at(second, "SuccessfulCall(C)")).toBe("2");
    expect(at(second, "CurrentCall")).toBe("1");
    expect(traceStatHeader().startsWith("StartTime;LastResetTime;CurrentTime;")).toBe(true);
  });
});
