import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** Where live runs keep their lock-outs unless told otherwise. */
export const DEFAULT_LOCKOUTS_PATH = "reports/lockouts.sqlite";

/** What the store says about a number before it is dialed. */
export type LockoutState = "free" | "locked" | "needs-agent";

/** A number's lock-out as stored. */
export interface Lockout {
  readonly number: string;
  /** Wall-clock milliseconds since the epoch until which the number may not be called. */
  readonly until: number;
  /** Whether its next call must go out with an agent held for it. */
  readonly needsAgent: boolean;
}

/** The lock-out store cannot be opened or read: bad input (exit code 2). */
export class LockoutStoreError extends Error {
  override readonly name = "LockoutStoreError";
  readonly exitCode = 2;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS lockouts (
  number TEXT PRIMARY KEY,
  until_ms INTEGER NOT NULL,
  needs_agent INTEGER NOT NULL
)`;

/**
 * Lock-outs that outlive a run (SQLite), so that Italy's 5-day rule holds across days and
 * restarts: keyed by number, with the wall-clock end of the lock (never time-scaled) and whether
 * the next call needs an agent guaranteed. Every write is its own transaction, made as the
 * silent call ends, and every dial reads the store first.
 */
export class LockoutStore {
  private readonly getStatement: Database.Statement<
    [string],
    { until_ms: number; needs_agent: number }
  >;
  private readonly putStatement: Database.Statement<[string, number, number]>;
  private readonly clearAgentStatement: Database.Statement<[string]>;
  private readonly lockTransaction: (number: string, until: number, needsAgent: boolean) => void;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.getStatement = db.prepare("SELECT until_ms, needs_agent FROM lockouts WHERE number = ?");
    // A number locked again keeps the later end and any pending guarantee.
    this.putStatement = db.prepare(
      `INSERT INTO lockouts (number, until_ms, needs_agent) VALUES (?, ?, ?)
       ON CONFLICT(number) DO UPDATE SET until_ms = max(until_ms, excluded.until_ms),
         needs_agent = max(needs_agent, excluded.needs_agent)`,
    );
    this.clearAgentStatement = db.prepare("UPDATE lockouts SET needs_agent = 0 WHERE number = ?");
    this.lockTransaction = db.transaction((number: string, until: number, needsAgent: boolean) => {
      this.putStatement.run(number, Math.ceil(until), needsAgent ? 1 : 0);
    });
  }

  /** Opens (creating if missing) the store at `path`. */
  static open(path: string = DEFAULT_LOCKOUTS_PATH): LockoutStore {
    let db: Database.Database;
    try {
      if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
    } catch (error) {
      throw new LockoutStoreError(
        `${path}: cannot open the lock-out store: ${(error as Error).message}`,
      );
    }
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.exec(SCHEMA);
    } catch (error) {
      db.close();
      throw new LockoutStoreError(
        `${path}: not a lock-out store (expected SQLite with a lockouts table): ${(error as Error).message}`,
      );
    }
    return new LockoutStore(db, path);
  }

  /** Locks `number` until `untilMs` (wall clock), committed before this returns. */
  lock(number: string, untilMs: number, needsAgent: boolean): void {
    this.lockTransaction(number, untilMs, needsAgent);
  }

  /** The number's state at wall-clock time `nowMs`. */
  state(number: string, nowMs: number): LockoutState {
    const row = this.getStatement.get(number);
    if (row === undefined) return "free";
    if (row.until_ms > nowMs) return "locked";
    return row.needs_agent === 1 ? "needs-agent" : "free";
  }

  /** The guarantee was honoured: a call with an agent held went out to `number`. */
  guaranteeHonoured(number: string): void {
    this.clearAgentStatement.run(number);
  }

  /** The stored lock of `number`, if any. */
  get(number: string): Lockout | null {
    const row = this.getStatement.get(number);
    return row === undefined
      ? null
      : { number, until: row.until_ms, needsAgent: row.needs_agent === 1 };
  }

  close(): void {
    this.db.close();
  }
}
