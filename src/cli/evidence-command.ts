import type { Argv, CommandModule } from "yargs";
import { HASH_PREFIX_LENGTH } from "../compliance/evidence/campaign-id.js";
import { EvidenceStoreError } from "../compliance/evidence/evidence-error.js";
import { DEFAULT_EVIDENCE_PATH, EvidenceStore } from "../compliance/evidence/store.js";
import type { VerifyResult } from "../compliance/evidence/verify.js";
import { checkOutputFolder } from "../io/write/output-path.js";
import { plural } from "../report/format-number.js";
import { type Print, printToStdout } from "./command-module.js";
import { EVIDENCE_DEFAULT_DESCRIPTION, evidenceStorePath } from "./evidence-recording.js";
import { reportFailure } from "./exit-codes.js";
import { example } from "./help-example.js";

/** Exit code of `pacelab evidence` when tampering is found (verify, purge); 2 is bad input. */
export const EXIT_TAMPERED = 1;

/** One line per problem, or the chain's extent and head hash when it is intact. */
export function verificationText(path: string, v: VerifyResult): string {
  if (v.ok) {
    const rows = v.rows === 1 ? "1 row" : `${v.rows} rows`;
    const extent = v.rows === 0 ? "no rows" : `${rows} (ids ${v.firstId}-${v.lastId})`;
    const purge =
      v.startsAfterPurge === null
        ? ""
        : `, rows 1-${v.startsAfterPurge.purgedThroughId} purged (checkpoint row ${v.startsAfterPurge.checkpointId})`;
    return `${path}: intact, ${extent}${purge}\nhead ${v.headHash ?? "none"}\n`;
  }
  const lines = v.issues.map(
    (i) => `  ${i.kind}${i.id === null ? "" : ` row ${i.id}`}: ${i.detail}`,
  );
  return `${path}: TAMPERED, ${plural(v.issues.length, "problem")}:\n${lines.join("\n")}\n`;
}

/** `pacelab evidence verify`: 0 intact, 1 tampered. */
export function evidenceVerify(args: { store: string; json: boolean }, print: Print): number {
  const result = EvidenceStore.using(args.store, (s) => s.verify());
  print(args.json ? `${JSON.stringify(result, null, 2)}\n` : verificationText(args.store, result));
  return result.ok ? 0 : EXIT_TAMPERED;
}

/** `pacelab evidence list`: each campaign's runs and retention. */
export function evidenceList(args: { store: string; json: boolean }, print: Print): number {
  const campaigns = EvidenceStore.using(args.store, (s) => s.list());
  if (args.json) {
    print(`${JSON.stringify(campaigns, null, 2)}\n`);
    return 0;
  }
  if (campaigns.length === 0) {
    print(`${args.store}: no evidence\n`);
    return 0;
  }
  const header = [
    "campaign",
    "scenario",
    "runs",
    "windows",
    "first recorded",
    "last recorded",
    "purgeable from",
  ];
  const rows = campaigns.map((c) => [
    c.campaign,
    (c.scenarioSha256 ?? "none").slice(0, HASH_PREFIX_LENGTH),
    String(c.runs),
    String(c.windows),
    c.firstRecordedAt,
    c.lastRecordedAt,
    c.earliestRetainUntil,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  print(`${[header, ...rows].map(line).join("\n")}\n`);
  return 0;
}

/** `pacelab evidence export <campaign> --out DIR`: JSON, CSV and HTML. */
export function evidenceExport(
  args: { store: string; campaign: string; out: string },
  print: Print,
): number {
  checkOutputFolder("--out", args.out);
  const { files, verification } = EvidenceStore.using(args.store, (s) => ({
    files: s.exportCampaign(args.campaign, args.out),
    verification: s.verify(),
  }));
  print(`wrote ${files.join(", ")}\n`);
  if (!verification.ok) {
    print(
      `warning: the store does not verify (${plural(verification.issues.length, "problem")}); the report says so\n`,
    );
  }
  return 0;
}

/** Parses `--before`: an ISO date or time; anything else is bad input. */
export function parseBefore(text: string | undefined): Date | null {
  if (text === undefined) return null;
  const date = new Date(text);
  if (text.trim() === "" || Number.isNaN(date.getTime())) {
    throw new EvidenceStoreError(`--before: expected a date such as 2026-01-31, got "${text}"`);
  }
  return date;
}

/** `pacelab evidence purge [--before DATE]`: removes expired rows, says what it kept. */
export function evidencePurge(args: { store: string; before?: string }, print: Print): number {
  const before = parseBefore(args.before);
  const r = EvidenceStore.using(args.store, (s) => s.purge({ before }));
  const removed =
    r.remove === 0
      ? "purged nothing"
      : `purged ${r.remove} rows (ids ${r.firstId}-${r.throughId}), checkpoint row ${r.checkpointId}`;
  const kept = [
    `kept ${r.keptUnderRetention} rows still under retention${r.retainedUntil === null ? "" : ` (the last until ${r.retainedUntil})`}`,
  ];
  if (r.keptBehindRetained > 0) {
    kept.push(`${r.keptBehindRetained} expired rows recorded after a retained one`);
  }
  print(`${removed}; ${kept.join(", ")}\n`);
  return 0;
}

/**
 * Runs a subcommand: its result becomes the exit code; store errors are reported plainly, other
 * failures as every command reports them (never as 1, which means tampered).
 */
function run(command: () => number): void {
  try {
    process.exitCode = command();
  } catch (error) {
    if (!(error instanceof EvidenceStoreError)) {
      process.exitCode = reportFailure(error);
      return;
    }
    process.stderr.write(`pacelab: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}

function storeOption<T>(y: Argv<T>) {
  return y.option("store", {
    type: "string",
    defaultDescription: EVIDENCE_DEFAULT_DESCRIPTION,
    describe: "Evidence store (SQLite file)",
  });
}

/** The store a subcommand reads: `--store`, else $PACELAB_EVIDENCE, else the default file. */
function storeOf(option: string | undefined): string {
  return evidenceStorePath(option) ?? DEFAULT_EVIDENCE_PATH;
}

function jsonOption<T>(y: Argv<T>) {
  return y.option("json", { type: "boolean", default: false, describe: "Print JSON" });
}

/** `pacelab evidence <verify|export|list|purge>`: the append-only, hash-chained evidence store. */
export const evidenceCommandModule: CommandModule = {
  command: "evidence <command>",
  describe: "Verify, list, export or purge the evidence store of campaign reports",
  builder: (y) =>
    y
      .command(
        "verify",
        "Walk the hash chain; exit 1 if any row was edited, deleted or reordered",
        (v) =>
          jsonOption(storeOption(v))
            .example(
              ...example("$0 evidence verify", "check the default store; exit 1 if tampered"),
            )
            .example(
              ...example(
                "$0 evidence verify --store archive/2026.sqlite --json",
                "another store, the findings as JSON",
              ),
            ),
        (argv) =>
          run(() => evidenceVerify({ store: storeOf(argv.store), json: argv.json }, printToStdout)),
      )
      .command(
        "export <campaign>",
        "Write a campaign's evidence as JSON, CSV and an HTML report that prints on A4",
        (v) =>
          storeOption(v)
            .positional("campaign", {
              type: "string",
              demandOption: true,
              describe:
                "The campaign's name; NAME@HASHPREFIX (scenario hash, as list shows it) when two scenarios share the name",
            })
            .option("out", {
              type: "string",
              demandOption: true,
              describe: "Folder to write <campaign>.evidence.{json,csv,html} into",
            })
            .example(
              ...example(
                "$0 evidence export small-team --out reports/evidence",
                "small-team's runs, with the store's verification, for a regulator",
              ),
            ),
        (argv) =>
          run(() =>
            evidenceExport(
              { store: storeOf(argv.store), campaign: argv.campaign, out: argv.out },
              printToStdout,
            ),
          ),
      )
      .command(
        "list",
        "List the campaigns (name and scenario hash) in the store with their runs and retention",
        (v) =>
          jsonOption(storeOption(v))
            .example(...example("$0 evidence list", "each campaign's runs and retention"))
            .example(...example("$0 evidence list --json", "the same as JSON")),
        (argv) =>
          run(() => evidenceList({ store: storeOf(argv.store), json: argv.json }, printToStdout)),
      )
      .command(
        "purge",
        "Remove the oldest rows whose retention has passed; rows under retention are kept",
        (v) =>
          storeOption(v)
            .option("before", {
              type: "string",
              describe: "Only rows recorded before this date (ISO); never rows under retention",
            })
            .example(...example("$0 evidence purge", "remove every row whose retention has passed"))
            .example(
              ...example(
                "$0 evidence purge --before 2027-01-01",
                "only those recorded before 2027; rows under retention always stay",
              ),
            ),
        (argv) =>
          run(() =>
            evidencePurge({ store: storeOf(argv.store), before: argv.before }, printToStdout),
          ),
      )
      .demandCommand(1, "name an evidence command: verify, export, list, purge")
      .example(...example("$0 evidence verify", "check the hash chain of reports/evidence.sqlite"))
      .example(...example("$0 evidence list", "the campaigns recorded, with their retention"))
      .epilog(
        "The store: --store FILE, else $PACELAB_EVIDENCE, else reports/evidence.sqlite. Exit codes: 0 done; 1 the store was tampered with (verify, purge); 2 unreadable store or bad arguments; 70 an internal error.",
      ),
  handler: () => {},
};
