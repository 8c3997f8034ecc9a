import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LockoutStore } from "../../src/live/lockout-store.js";

describe("the lock-out store", () => {
  it("keeps a lock until its wall-clock end, then asks for an agent until one is held", () => {
    const path = join(mkdtempSync(join(tmpdir(), "pacelab-lockouts-")), "lockouts.sqlite");
    const first = LockoutStore.open(path);
    first.lock("+390001", 10_000, true);
    first.lock("+390002", 10_000, false);
    first.close();

    const second = LockoutStore.open(path); // another run, another process would see the same
    expect(second.state("+390001", 9_999)).toBe("locked");
    expect(second.state("+390001", 10_000)).toBe("needs-agent");
    expect(second.state("+390002", 10_000)).toBe("free");
    expect(second.state("+390003", 0)).toBe("free");
    second.guaranteeHonoured("+390001");
    expect(second.state("+390001", 10_000)).toBe("free");
    second.close();
  });

  it("keeps the later end when a number is locked again", () => {
    const store = LockoutStore.open(":memory:");
    store.lock("+390001", 20_000, false);
    store.lock("+390001", 15_000, true);
    expect(store.get("+390001")).toEqual({ number: "+390001", until: 20_000, needsAgent: true });
    store.close();
  });

  it("names the file when it is not a lock-out store", () => {
    const dir = mkdtempSync(join(tmpdir(), "pacelab-lockouts-"));
    expect(() => LockoutStore.open(join(dir, "missing", "..", ".."))).toThrow(/cannot open/);
  });
});
