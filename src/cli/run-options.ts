/**
 * The options every command that runs replications shares (simulate, compare, sweep, tune,
 * study), defined once so that each is described and checked alike.
 */

import { shownValue } from "./typed-argument.js";

/** One-letter aliases of the shared options, for their definitions and their error messages. */
const ALIASES: Readonly<Record<string, string>> = { replications: "r", workers: "w" };

/** The ways an option may have been typed: `--name` and its alias. */
const spellings = (name: string) => [`--${name}`, ...(ALIASES[name] ? [`-${ALIASES[name]}`] : [])];

/** --seed: the first replication's seed; replication i uses seed + i. */
export function seedOption(describe = "Seed of the first replication (default: the scenario's)") {
  return { type: "number", describe } as const;
}

/** --replications (-r) with the command's default. */
export function replicationsOption(defaultCount: number, describe: string) {
  return { alias: ALIASES.replications, type: "number", default: defaultCount, describe } as const;
}

/** --workers (-w): results do not depend on it. */
export const workersOption = {
  alias: ALIASES.workers,
  type: "number",
  describe: "Worker threads (default: one per core); results do not depend on it",
} as const;

/** --cache: keep the replications in a file and reuse those already there. */
export const cacheOption = {
  type: "string",
  describe:
    "Keep every replication's summary in this SQLite file and reuse those already there (same scenario, pacing and seed, and this very build of pacelab): a search stopped midway, run again with the same file, repeats none of the batches it had finished",
} as const;

/** --json: print the command's document instead of its table. */
export function jsonOption(describe: string) {
  return { type: "boolean", default: false, describe } as const;
}

/** --out DIR: where the command's data files go. */
export function outOption(describe: string) {
  return {
    type: "string",
    describe: `${describe}. Run again into the same folder, it removes the files of the earlier run that it does not write again, and names them (reports/README.md)`,
  } as const;
}

/** --check-invariants: the campaign's laws checked as it runs (docs/invariants.md). */
export const checkInvariantsOption = {
  type: "boolean",
  default: false,
  describe:
    "Check the campaign's laws (agent time, calls, leads, the pacer's view, the rules) as it runs; a breach stops with exit 70 naming the law, time and agent or call (slower)",
} as const;

/** The counts a command may take, by option name, each a positive integer when given. */
const COUNT_OPTIONS = ["replications", "workers", "batch", "max-replications"] as const;

/**
 * The yargs check of the shared options a command has: --seed an integer, and --replications,
 * --workers, --batch and --max-replications positive integers. Throws the message yargs prints
 * (exit code 2).
 */
export function checkRunOptions(argv: {
  readonly seed?: number;
  readonly [count: string]: unknown;
}): void {
  if (argv.seed !== undefined && !Number.isSafeInteger(argv.seed)) {
    throw new Error(`--seed: expected an integer, got ${shownValue(spellings("seed"), argv.seed)}`);
  }
  for (const name of COUNT_OPTIONS) {
    const value = argv[name];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 1)) {
      throw new Error(
        `--${name}: expected a positive integer, got ${shownValue(spellings(name), value)}`,
      );
    }
  }
}
