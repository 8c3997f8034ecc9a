import { dirname } from "node:path";
import Database from "better-sqlite3";
import { makeFolder } from "../io/write/output-path.js";

/** Where live runs keep their lock-outs unless told otherwise. */
export const DEFAULT_LOCKOUTS_PATH = "reports/lockouts.sqlite";

/**
 * What the store says about a number before it is dialed: `locked`, not to be called;
 * `agent-required`, every call now needs an agent held (UK: inside the 72 h, or the rest of the
 * day of an AMD hang-up); `needs-agent`, its next call needs an agent held (Italy: the first call
 * after the lock-out); `free`, no restriction.
 */
export type LockoutState = "free" | "locked" | "agent-required" | "needs-agent";

/** What a lock asks of a number's later calls; times are wall-clock ms since the epoch. */
export interface LockTerms {
  /** No call before this. */
  readonly until: number;
  /** Every call before this needs an agent held for it. */
  readonly agentRequiredUntil: number;
  /** The first call once both times have passed needs an agent held for it. */
  readonly needsAgent: boolean;
}

/** A number's lock-out as stored. */
export interface Lockout extends LockTerms {
  readonly number: string;
}

/** The lock-out store cannot be opened or read: bad input (exit code 2). */
export class LockoutStoreError extends Error {
  override readonly name = "LockoutStoreError";
  readonly exitCode = 2;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS lockouts (
  number TEXT PRIMARY KEY,
  until_ms INTEGER NOT NULL,
  needs_agent INTEGER NOT NULL,
  agent_required_until_ms INTEGER NOT NULL DEFAULT 0
)`;

/** Columns every store has had; stores written before the agent-required column lack it. */
const BASE_COLUMNS = ["number", "until_ms", "needs_agent"];
const AGENT_REQUIRED_COLUMN = "agent_required_until_ms";

interface Row {
  until_ms: number;
  needs_agent: number;
  agent_required_until_ms: number;
}

/**
 * Creates the table, or brings a store written by an earlier pacelab up to the current columns
 * (its rows are kept: the added column's 0 means "no agent required"). One write transaction,
 * so that two runs opening the same old file do not both add the column.
 */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    const columns = new Set(
      (db.pragma("table_info(lockouts)") as { name: string }[]).map((c) => c.name),
    );
    const missing = BASE_COLUMNS.filter((c) => !columns.has(c));
    if (missing.length > 0) throw new Error(`the lockouts table has no ${missing.join(", ")}`);
    if (!columns.has(AGENT_REQUIRED_COLUMN)) {
      db.exec(
        `ALTER TABLE lockouts ADD COLUMN ${AGENT_REQUIRED_COLUMN} INTEGER NOT NULL DEFAULT 0`,
      );
    }
  }).immediate();
}

/**
 * Lock-outs that outlive a run (SQLite), so that the rules after a silent call or an AMD hang-up
 * hold across days and restarts: keyed by number, with the wall-clock ends (never time-scaled)
 * of the lock (no calls: Italy's 5 days) and of the time in which every call needs an agent held
 * (UK: 72 h, or the rest of the day), and whether the first call after both needs an agent held.
 * Every write is its own transaction, made as the call ends, and every dial reads the store first.
 */
export class LockoutStore {
  private readonly getStatement: Database.Statement<[string], Row>;
  private readonly putStatement: Database.Statement<[string, number, number, number]>;
  private readonly clearAgentStatement: Database.Statement<[string, number, number]>;
  private readonly lockTransaction: (number: string, terms: LockTerms) => void;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.getStatement = db.prepare(
      "SELECT until_ms, needs_agent, agent_required_until_ms FROM lockouts WHERE number = ?",
    );
    // A number locked again keeps the later ends and any pending guarantee.
    this.putStatement = db.prepare(
      `INSERT INTO lockouts (number, until_ms, needs_agent, agent_required_until_ms)
       VALUES (?, ?, ?, ?)
       ON CONFLICT(number) DO UPDATE SET until_ms = max(until_ms, excluded.until_ms),
         needs_agent = max(needs_agent, excluded.needs_agent),
         agent_required_until_ms = max(agent_required_until_ms, excluded.agent_required_until_ms)`,
    );
    // Only a call after both periods is the "first call after" that the guarantee is for.
    this.clearAgentStatement = db.prepare(
      `UPDATE lockouts SET needs_agent = 0
       WHERE number = ? AND until_ms <= ? AND agent_required_until_ms <= ?`,
    );
    this.lockTransaction = db.transaction((number: string, terms: LockTerms) => {
      this.putStatement.run(
        number,
        Math.ceil(terms.until),
        terms.needsAgent ? 1 : 0,
        Math.ceil(terms.agentRequiredUntil),
      );
    });
  }

  /**
   * Opens (creating if missing) the store at `path`, adding the agent-required column to a store
   * written before it existed. Throws {@link LockoutStoreError} naming the file when it cannot.
   */
  static open(path: string = DEFAULT_LOCKOUTS_PATH): LockoutStore {
    let db: Database.Database;
    try {
      if (path !== ":memory:") makeFolder(dirname(path));
      db = new Database(path);
    } catch (error) {
      throw new LockoutStoreError(
        `${path}: cannot open the lock-out store: ${(error as Error).message}`,
      );
    }
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      migrate(db);
      return new LockoutStore(db, path);
    } catch (error) {
      db.close();
      throw new LockoutStoreError(
        `${path}: not a lock-out store (expected SQLite with a lockouts table of ${[...BASE_COLUMNS, AGENT_REQUIRED_COLUMN].join(", ")}): ${(error as Error).message}`,
      );
    }
  }

  /** Restricts `number`'s later calls as `terms` say, committed before this returns. */
  lock(number: string, terms: LockTerms): void {
    this.lockTransaction(number, terms);
  }

  /** The number's state at wall-clock time `nowMs`. */
  state(number: string, nowMs: number): LockoutState {
    const row = this.getStatement.get(number);
    if (row === undefined) return "free";
    if (row.until_ms > nowMs) return "locked";
    if (row.agent_required_until_ms > nowMs) return "agent-required";
    return row.needs_agent === 1 ? "needs-agent" : "free";
  }

  /**
   * A call with an agent held went out to `number` at wall-clock `nowMs`: a pending guarantee is
   * honoured if the call came after the lock and the agent-required time, not inside them.
   */
  guaranteeHonoured(number: string, nowMs: number): void {
    this.clearAgentStatement.run(number, nowMs, nowMs);
  }

  /** The stored lock of `number`, if any. */
  get(number: string): Lockout | null {
    const row = this.getStatement.get(number);
    return row === undefined
      ? null
      : {
          number,
          until: row.until_ms,
          agentRequiredUntil: row.agent_required_until_ms,
          needsAgent: row.needs_agent === 1,
        };
  }

  close(): void {
    this.db.close();
  }
}
