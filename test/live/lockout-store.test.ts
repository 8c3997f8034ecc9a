import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { LockoutStore, LockoutStoreError } from "../../src/live/lockout-store.js";
import { temporaryFolders } from "../support/scenario-text.js";

const H = 3_600_000;

const folder = temporaryFolders("pacelab-lockouts-");

function storePath(): string {
  return join(folder(), "lockouts.sqlite");
}

/** Italy: no call for the lock-out, then a first call with an agent held. */
const italy = (until: number) => ({ until, agentRequiredUntil: 0, needsAgent: true });
/** UK: every call with an agent held until `agentRequiredUntil`, no lock. */
const uk = (agentRequiredUntil: number) => ({ until: 0, agentRequiredUntil, needsAgent: false });

describe("the lock-out store", () => {
  it("keeps a lock until its wall-clock end, then asks for an agent until one is held", () => {
    const path = storePath();
    const first = LockoutStore.open(path);
    first.lock("+390001", italy(10_000));
    first.lock("+390002", { until: 10_000, agentRequiredUntil: 0, needsAgent: false });
    first.close();

    const second = LockoutStore.open(path); // another run, another process would see the same
    expect(second.state("+390001", 9_999)).toBe("locked");
    expect(second.state("+390001", 10_000)).toBe("needs-agent");
    expect(second.state("+390002", 10_000)).toBe("free");
    expect(second.state("+390003", 0)).toBe("free");
    second.guaranteeHonoured("+390001", 10_000);
    expect(second.state("+390001", 10_000)).toBe("free");
    second.close();
  });

  it("asks for an agent on every call while an agent is required, and for none after", () => {
    const store = LockoutStore.open(storePath());
    store.lock("+440001", uk(72 * H));
    expect(store.state("+440001", 0)).toBe("agent-required");
    store.guaranteeHonoured("+440001", 1 * H); // a call with an agent does not end the period
    expect(store.state("+440001", 71 * H)).toBe("agent-required");
    expect(store.state("+440001", 72 * H)).toBe("free");
    store.close();
  });

  it("keeps a first-call guarantee through the agent-required time and honours it only after", () => {
    const store = LockoutStore.open(":memory:");
    store.lock("+440001", { until: 0, agentRequiredUntil: 72 * H, needsAgent: true });
    store.guaranteeHonoured("+440001", 10 * H); // inside the period: not the "call after"
    expect(store.state("+440001", 72 * H)).toBe("needs-agent");
    store.guaranteeHonoured("+440001", 73 * H);
    expect(store.state("+440001", 73 * H)).toBe("free");
    store.close();
  });

  it("refuses a locked number before asking for an agent", () => {
    const store = LockoutStore.open(":memory:");
    store.lock("+390001", { until: 5 * H, agentRequiredUntil: 24 * H, needsAgent: false });
    expect(store.state("+390001", 4 * H)).toBe("locked");
    expect(store.state("+390001", 5 * H)).toBe("agent-required");
    expect(store.state("+390001", 24 * H)).toBe("free");
    store.close();
  });

  it("keeps the later of each end and any pending guarantee when a number is locked again", () => {
    const store = LockoutStore.open(":memory:");
    store.lock("+390001", { until: 20_000, agentRequiredUntil: 0, needsAgent: false });
    store.lock("+390001", { until: 15_000, agentRequiredUntil: 0, needsAgent: true });
    expect(store.get("+390001")).toEqual({
      number: "+390001",
      until: 20_000,
      agentRequiredUntil: 0,
      needsAgent: true,
    });
    // UK: a silent call (72 h), then an AMD hang-up the same day (to midnight), then another
    // silent call later (72 h from then): each end only moves later.
    store.lock("+440001", uk(72 * H));
    store.lock("+440001", uk(10 * H));
    expect(store.get("+440001")?.agentRequiredUntil).toBe(72 * H);
    store.lock("+440001", uk(80 * H));
    expect(store.get("+440001")).toEqual({
      number: "+440001",
      until: 0,
      agentRequiredUntil: 80 * H,
      needsAgent: false,
    });
    store.close();
  });

  it("opens a store written before the agent-required column, keeping its rows", () => {
    const path = storePath();
    // The schema and pragmas of the store as pacelab wrote it before the column existed.
    const old = new Database(path);
    old.pragma("journal_mode = WAL");
    old.exec(`CREATE TABLE IF NOT EXISTS lockouts (
      number TEXT PRIMARY KEY,
      until_ms INTEGER NOT NULL,
      needs_agent INTEGER NOT NULL
    )`);
    old.prepare("INSERT INTO lockouts VALUES (?, ?, ?)").run("+390001", 10_000, 1);
    old.prepare("INSERT INTO lockouts VALUES (?, ?, ?)").run("+390002", 10_000, 0);
    old.close();

    const store = LockoutStore.open(path);
    expect(store.get("+390001")).toEqual({
      number: "+390001",
      until: 10_000,
      agentRequiredUntil: 0,
      needsAgent: true,
    });
    expect(store.state("+390001", 9_999)).toBe("locked");
    expect(store.state("+390001", 10_000)).toBe("needs-agent");
    expect(store.state("+390002", 10_000)).toBe("free");
    store.lock("+390002", uk(20_000));
    store.close();

    const again = LockoutStore.open(path); // migrated once: opening again changes nothing
    expect(again.state("+390002", 15_000)).toBe("agent-required");
    expect(again.get("+390001")?.needsAgent).toBe(true);
    again.close();
    const check = new Database(path, { readonly: true });
    const columns = (check.pragma("table_info(lockouts)") as { name: string }[]).map((c) => c.name);
    check.close();
    expect(columns).toEqual(["number", "until_ms", "needs_agent", "agent_required_until_ms"]);
  });

  it("names the file when it cannot be opened or is not a lock-out store (exit code 2)", () => {
    const dir = folder();
    expect(() => LockoutStore.open(join(dir, "missing", "..", ".."))).toThrow(/cannot open/);

    const text = join(dir, "notes.sqlite");
    writeFileSync(text, "not a database, just some text that is long enough to have a header\n");
    const error = captureError(() => LockoutStore.open(text));
    expect(error).toBeInstanceOf(LockoutStoreError);
    expect((error as LockoutStoreError).exitCode).toBe(2);
    expect((error as Error).message).toContain(`${text}: not a lock-out store`);

    const other = join(dir, "other.sqlite");
    const db = new Database(other);
    db.exec("CREATE TABLE lockouts (number TEXT PRIMARY KEY, blocked INTEGER)");
    db.close();
    expect(() => LockoutStore.open(other)).toThrow(
      /other\.sqlite: not a lock-out store .*no until_ms, needs_agent/,
    );
  });
});

function captureError(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}
