import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import type { Scenario } from "../../src/scenario/scenario.js";
import { cachedRunner } from "../../src/tuning/cached-runner.js";
import {
  ReplicationPool,
  type ReplicationRunner,
  type ReplicationTask,
} from "../../src/tuning/replication-pool.js";
import { ReplicationStore } from "../../src/tuning/replication-store.js";
import { makeScenario } from "../support/scenario-fixture.js";

const work = mkdtempSync(join(tmpdir(), "pacelab-replication-store-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A short day of 4 agents: replications take milliseconds. */
function shortDay(level: number): Scenario {
  const base = makeScenario();
  return makeScenario({
    agents: { ...base.agents, groups: [{ count: 4, start: 9 * 3600, end: 10 * 3600, breaks: [] }] },
    pacing: { algorithm: "vicidial-ratio", level, cadenceSeconds: 2.5 },
  });
}

/** Replications on two worker threads (which answer by task id), counted. */
const pool = new ReplicationPool(2);
afterAll(() => pool.close());

function countedRunner(): ReplicationRunner & { ran: number[] } {
  const runner = {
    ran: [] as number[],
    run(scenarios: readonly Scenario[], tasks: readonly ReplicationTask[]) {
      runner.ran.push(...tasks.map((t) => t.seed));
      return pool.run(scenarios, tasks);
    },
  };
  return runner;
}

const tasksOf = (seeds: number[], scenario = 0): ReplicationTask[] =>
  seeds.map((seed, id) => ({ id, scenario, seed }));

describe("replications kept in a store (--cache)", () => {
  it("runs each replication once, across runs and reopenings, in task order", async () => {
    const path = join(work, "order.sqlite");
    const scenarios = [shortDay(2), shortDay(3)];
    const plain = await new ReplicationPool(1).run(scenarios, tasksOf([1, 2, 3, 4], 1));

    const first = countedRunner();
    let store = ReplicationStore.open(path);
    expect(await cachedRunner(first, store).run(scenarios, tasksOf([2, 4], 1))).toEqual([
      plain[1],
      plain[3],
    ]);
    store.close();
    // Reopened: seeds 2 and 4 come from the file; 1 and 3 run, and each lands in its place.
    const second = countedRunner();
    store = ReplicationStore.open(path);
    expect(await cachedRunner(second, store).run(scenarios, tasksOf([1, 2, 3, 4], 1))).toEqual(
      plain,
    );
    expect([first.ran, second.ran, store.size]).toEqual([[2, 4], [1, 3], 4]);
    // Another scenario (here another level) at the same seeds is another replication.
    const third = countedRunner();
    await cachedRunner(third, store).run(scenarios, tasksOf([1, 2], 0));
    expect([third.ran, store.size]).toEqual([[1, 2], 6]);
    store.close();
  });

  it("keeps replications checked for invariants apart from unchecked ones", async () => {
    const path = join(work, "checked.sqlite");
    const scenarios = [shortDay(2)];
    const unchecked = ReplicationStore.open(path);
    await cachedRunner(countedRunner(), unchecked).run(scenarios, tasksOf([1]));
    unchecked.close();
    const runner = countedRunner();
    const checked = ReplicationStore.open(path, true);
    await cachedRunner(runner, checked).run(scenarios, tasksOf([1]));
    expect([runner.ran, checked.size]).toEqual([[1], 2]);
    checked.close();
  });

  it("refuses another build's store, and a file that is not a store, naming the file", () => {
    const other = join(work, "other-build.sqlite");
    ReplicationStore.open(other).close();
    const db = new Database(other);
    db.prepare("UPDATE build SET fingerprint = 'another build'").run();
    db.close();
    expect(() => ReplicationStore.open(other)).toThrow(
      `${other}: holds replications of another build of pacelab`,
    );
    const text = join(work, "notes.txt");
    writeFileSync(text, "not a database\n");
    expect(() => ReplicationStore.open(text)).toThrow(
      new RegExp(`^${text}: not a replication cache \\(expected SQLite`),
    );
  });
});
