import { describe, expect, it } from "vitest";
import { parseMonitorAddress } from "../../src/cli/live-monitor-option.js";

describe("pacelab live --monitor", () => {
  it("listens on loopback at a free port when given bare, else where it is told", () => {
    expect(parseMonitorAddress("")).toEqual({ host: "127.0.0.1", port: 0 });
    expect(parseMonitorAddress("0.0.0.0:9000")).toEqual({ host: "0.0.0.0", port: 9000 });
  });

  it("names itself and what it expected for a bad address", () => {
    expect(() => parseMonitorAddress("nonsense")).toThrow(
      '--monitor: expected host:port (e.g. 127.0.0.1:9000), got "nonsense"',
    );
  });
});
