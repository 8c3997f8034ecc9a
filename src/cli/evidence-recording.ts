import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  type AppendedRun,
  type AppendOutcome,
  DEFAULT_EVIDENCE_PATH,
  evidenceFromResult,
  evidenceOfReplications,
  type ReplicationEvidence,
  recordEvidence,
  retentionDaysForYears,
} from "../compliance/evidence/index.js";
import type { ResultDocument } from "../result/result-document.js";
import type { Scenario } from "../scenario/scenario.js";

/** The environment variable that names the evidence store once, for every command. */
export const EVIDENCE_ENV = "PACELAB_EVIDENCE";

/** What `--help` says the evidence store defaults to. */
export const EVIDENCE_DEFAULT_DESCRIPTION = `$${EVIDENCE_ENV}, else ${DEFAULT_EVIDENCE_PATH}`;

/**
 * The evidence store a command uses: the file its option names (`--evidence FILE`, `--store
 * FILE`), else `$PACELAB_EVIDENCE` when set and not empty, else `reports/evidence.sqlite` of the
 * working folder; null for `--no-evidence` (`false`).
 */
export function evidenceStorePath(
  option: string | false | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (option === false) return null;
  if (option !== undefined && option !== "") return option;
  const fromEnv = env[EVIDENCE_ENV];
  return fromEnv !== undefined && fromEnv !== "" ? fromEnv : DEFAULT_EVIDENCE_PATH;
}

/**
 * The one line that says where a run's evidence went: the rows appended (and that the store was
 * created, when it was), and the replications already recorded by an earlier run, which are not
 * appended again. `where` is the store's absolute path.
 */
export function recordedNote(
  where: string,
  outcomes: readonly AppendOutcome[],
  created: boolean,
): string {
  const appended = outcomes.filter((o): o is AppendedRun => !o.alreadyRecorded);
  const earlier = outcomes.filter((o) => o.alreadyRecorded).map((o) => o.runId);
  const replications = (n: number) => (n === 1 ? "1 replication" : `${n} replications`);
  const parts: string[] = [];
  if (appended.length > 0) {
    const first = appended[0];
    const last = appended[appended.length - 1];
    const count = outcomes.length === 1 ? "" : ` (${replications(appended.length)})`;
    parts.push(
      `recorded evidence rows ${first.runId}..${last.lastId}${count} in ${where}${created ? " (new store)" : ""}, kept until ${last.retainUntil.slice(0, 10)}`,
    );
  }
  if (earlier.length > 0) {
    const what = outcomes.length === 1 ? "this run" : replications(earlier.length);
    const runs = `${earlier.length === 1 ? "run" : "runs"} ${earlier.join(", ")}`;
    const place = appended.length > 0 ? "" : ` in ${where}`;
    parts.push(
      `evidence of ${what} (same scenario, seed and version) already recorded${place} as ${runs}: not recorded again`,
    );
  }
  return `pacelab: ${parts.join("; ")}\n`;
}

/**
 * Records a run's evidence (every replication when given, else the document's own run) in the
 * store at `path`, creating it if missing, and writes where it went to `note` (standard error
 * by default, so that `--json` output stays clean).
 */
export function recordRunEvidence(
  doc: ResultDocument,
  scenario: Scenario,
  path: string,
  replications?: readonly ReplicationEvidence[],
  note: (text: string) => void = (text) => process.stderr.write(text),
): void {
  const created = !existsSync(path);
  const outcomes = recordEvidence(
    replications === undefined
      ? [evidenceFromResult(doc)]
      : evidenceOfReplications(doc, replications),
    path,
    retentionDaysForYears(scenario.rules.retentionYears),
  );
  note(recordedNote(resolve(path), outcomes, created));
}
