import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import { ScenarioError } from "../../src/io/read/scenario-error.js";

/**
 * A minimal valid scenario file's text, without its pacing (see {@link withPacing}). Tests
 * append keys it lacks or replace one of its lines; YAML refuses a key given twice.
 */
export const MINIMAL_SCENARIO = `name: minimal
calendar: { start: 2026-12-01 }
agents:
  count: 3
  talk: { dist: exponential, mean: 100 }
leads: { count: 50 }
outcomes:
  person: { probability: 0.3, ring: { dist: fixed, value: 10 } }
  machine: { probability: 0.2, ring: 12 }
  busy: { probability: 0.1 }
  noAnswer: { probability: 0.3 }
  invalid: { probability: 0.1 }
`;

/** `text` with a pacing block appended: progressive unless given. */
export function withPacing(text: string, pacing = "pacing: { algorithm: progressive }"): string {
  return `${text}${pacing}\n`;
}

/** The ScenarioError that `load` must throw. */
export function scenarioErrorOf(load: () => unknown): ScenarioError {
  try {
    load();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error("expected a ScenarioError");
}

/**
 * For a test file's top level: a function that makes a fresh temporary folder named after
 * `prefix`, every one removed once the file's tests are done.
 */
export function temporaryFolders(prefix: string): () => string {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  return () => {
    const folder = mkdtempSync(join(tmpdir(), prefix));
    folders.push(folder);
    return folder;
  };
}
