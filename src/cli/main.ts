#!/usr/bin/env node
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { VERSION } from "../version.js";
import { auditCommand, auditOptions } from "./audit-command.js";
import { compareCommand } from "./compare-command.js";
import { endpointCommand, endpointOptions } from "./endpoint-command.js";
import { evidenceCommand } from "./evidence-command.js";
import { EXIT_BAD_INPUT, reportFailure } from "./exit-codes.js";
import { fitCommand, fitOptions } from "./fit-command.js";
import { example } from "./help-example.js";
import { liveCommand, liveOptions } from "./live-command.js";
import { mergeCommand } from "./merge-command.js";
import { reportCommand } from "./report-command.js";
import {
  checkReportOption,
  outputFolders,
  reportOption,
  reportTookPositional,
} from "./report-option.js";
import {
  checkInvariantsOption,
  checkRunOptions,
  jsonOption,
  outOption,
  replicationsOption,
  seedOption,
  workersOption,
} from "./run-options.js";
import { simulateCommand } from "./simulate-command.js";
import { STUDY_PACINGS, studyCommand } from "./study-command.js";
import { sweepCommand } from "./sweep-command.js";
import { tuneCommand } from "./tune-command.js";
import { shownValue } from "./typed-argument.js";

function fail(message: string): never {
  process.stderr.write(`pacelab: ${message}\n`);
  process.exit(EXIT_BAD_INPUT);
}

function exitWithError(error: unknown): never {
  process.exit(reportFailure(error));
}

function checkConfidence(c: number): void {
  if (!(c > 0 && c < 1)) {
    throw new Error(
      `--confidence: expected a probability between 0 and 1, got ${shownValue(["--confidence"], c)}`,
    );
  }
}

/** --report of a sweep (sweep, merge). */
const sweepReportOption = reportOption(
  "heat map or line chart of the silent ratio, which points meet the ceiling",
);

/** --confidence of a sweep's verdicts (sweep, merge, report). */
const sweepConfidenceOption = {
  type: "number",
  default: 0.95,
  describe:
    "For a sweep's verdicts (its table and report): the probability of ending within the ceiling a point must show (95% Wilson bound) to meet it",
} as const;

async function runAsync(command: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (error) {
    exitWithError(error);
  }
}

// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

await yargs(hideBin(process.argv))
  .scriptName("pacelab")
  .version(VERSION)
  .usage("$0 <command> [options]\n\nSimulate predictive-dialer pacing under silent-call rules.")
  .command(
    "simulate <scenario>",
    "Simulate a campaign described by a scenario file (YAML)",
    (y) =>
      y
        .positional("scenario", {
          type: "string",
          demandOption: true,
          describe: "Scenario file, e.g. scenarios/default.yaml (keys: docs/scenario.md)",
        })
        .option(
          "seed",
          seedOption(
            "Seed of the first replication (default: the scenario's `seed`); replication i uses seed + i",
          ),
        )
        .option(
          "replications",
          replicationsOption(
            1,
            "Independent replications; with more than 1, prints means and 95% intervals",
          ),
        )
        .option(
          "json",
          jsonOption(
            "Print one JSON document (format: README, 'Result JSON') instead of the summary",
          ),
        )
        .option(
          "out",
          outOption("Folder to write result.json and timeseries.csv (15-minute rows) into"),
        )
        .option("calls", {
          type: "boolean",
          default: false,
          describe:
            "Also write calls.csv, one row per attempt of the first replication (needs --out or --report DIR)",
        })
        .option(
          "report",
          reportOption("the verdict against each rule, silent calls over the day, agent states"),
        )
        .option("check-invariants", checkInvariantsOption)
        .option("evidence", {
          type: "string",
          describe:
            "Evidence store (SQLite, hash-chained) that every replication's statistical report is appended to (a rerun of the same scenario, seed and version is not appended again; stderr says where it went); default $PACELAB_EVIDENCE, else reports/evidence.sqlite; --no-evidence to skip it; see pacelab evidence --help",
        })
        .check((argv) => {
          checkRunOptions(argv);
          checkReportOption(argv);
          if (argv.calls && outputFolders(argv).data === undefined) {
            throw new Error("--calls needs --out DIR (or --report DIR)");
          }
          return true;
        })
        .example(...example("$0 simulate scenarios/default.yaml", "a readable summary"))
        .example(
          ...example(
            "$0 simulate scenarios/small-team.yaml -r 20 --json",
            "20 replications as JSON",
          ),
        )
        .example(
          ...example(
            "$0 simulate scenarios/default.yaml --out reports/run1 --calls",
            "write result.json, timeseries.csv and calls.csv",
          ),
        )
        .example(
          ...example(
            "$0 simulate scenarios/default.yaml --report reports/run1",
            "the same files and the report",
          ),
        ),
    (argv) =>
      runAsync(() =>
        simulateCommand(
          {
            scenario: argv.scenario,
            seed: argv.seed,
            replications: argv.replications,
            json: argv.json,
            out: argv.out,
            calls: argv.calls,
            checkInvariants: argv.checkInvariants,
            // --no-evidence gives false, whatever the option's declared type.
            evidence:
              (argv.evidence as string | boolean | undefined) === false ? false : argv.evidence,
            report: argv.report,
          },
          (text) => process.stdout.write(text),
        ),
      ),
  )
  .command(
    "compare <scenario>",
    "Run one scenario under several pacings on the same random draws, side by side",
    (y) =>
      y
        .positional("scenario", { type: "string", demandOption: true, describe: "Scenario file" })
        .option("pacing", {
          alias: "p",
          type: "string",
          array: true,
          demandOption: true,
          describe:
            "Pacings, comma-separated or repeated: name[:key=value...], e.g. progressive,vicidial-ratio:level=2,guarded:binomial (keys as in a scenario's pacing block)",
          coerce: (values: string[]) => values.flatMap((v) => v.split(",")).filter((v) => v !== ""),
        })
        .option("seed", seedOption())
        .option("replications", replicationsOption(10, "Replications per pacing"))
        .option("check-invariants", checkInvariantsOption)
        .option("json", jsonOption("Print the result documents as a JSON array"))
        .option("out", outOption("Folder to write one result JSON per pacing into"))
        .option("report", reportOption("the pacings side by side, the frontier"))
        .check((argv) => {
          checkRunOptions(argv);
          if (argv.pacing.length === 0) throw new Error("--pacing: name at least one pacing");
          checkReportOption(argv);
          return true;
        })
        .example(
          ...example(
            "$0 compare scenarios/default.yaml -p progressive,vicidial-adapt-tapered,guarded:binomial",
            "three pacings on the same draws",
          ),
        ),
    (argv) =>
      runAsync(() =>
        compareCommand(
          {
            scenario: argv.scenario,
            pacing: argv.pacing,
            seed: argv.seed,
            replications: argv.replications,
            checkInvariants: argv.checkInvariants,
            json: argv.json,
            out: argv.out,
            report: argv.report,
          },
          (text) => process.stdout.write(text),
        ),
      ),
  )
  .command(
    "sweep <scenario>",
    "Run a grid of scenario variants (any keys) with the same seeds at every point",
    (y) =>
      y
        .positional("scenario", { type: "string", demandOption: true, describe: "Scenario file" })
        .option("set", {
          alias: "s",
          type: "string",
          array: true,
          demandOption: true,
          describe:
            "A swept key, repeatable: key=from:to:step (inclusive) or key=a,b,c; keys as in the scenario file, e.g. pacing.level=1.0:3.0:0.1 or agents.count=5,10,20",
        })
        .option("seed", seedOption())
        .option("replications", replicationsOption(10, "Replications per point"))
        .option("workers", workersOption)
        .option("check-invariants", checkInvariantsOption)
        .option("shard", {
          type: "string",
          describe:
            "i/n: run only the i-th of n interleaved shares of the grid (for separate machines); join them with pacelab merge",
        })
        .option("json", jsonOption("Print the sweep result as JSON"))
        .option("out", outOption("Folder to write sweep.json and sweep.csv into"))
        .option("report", sweepReportOption)
        .option("confidence", sweepConfidenceOption)
        .check((argv) => {
          checkRunOptions(argv);
          checkReportOption(argv);
          checkConfidence(argv.confidence);
          return true;
        })
        .example(
          ...example(
            "$0 sweep scenarios/default.yaml --set pacing.inner.targetPercent=1:5:1 -r 20",
            "binomial's target from 1% to 5%, 20 replications each",
          ),
        ),
    (argv) =>
      runAsync(() =>
        sweepCommand(
          {
            scenario: argv.scenario,
            set: argv.set,
            seed: argv.seed,
            replications: argv.replications,
            workers: argv.workers,
            checkInvariants: argv.checkInvariants,
            shard: argv.shard,
            json: argv.json,
            out: argv.out,
            report: argv.report,
            confidence: argv.confidence,
          },
          (text) => process.stdout.write(text),
        ),
      ),
  )
  .command(
    "merge <shards..>",
    "Join the shards of a sweep (sweep.json files from --shard runs) into one result",
    (y) =>
      y
        .positional("shards", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "sweep.json of each shard",
        })
        .option("out", {
          type: "string",
          describe: "Folder to write sweep.json and sweep.csv into (default: print JSON)",
        })
        .option("report", sweepReportOption)
        .option("confidence", sweepConfidenceOption)
        .check((argv) => {
          checkReportOption(argv);
          checkConfidence(argv.confidence);
          return true;
        })
        .example(
          ...example(
            "$0 merge reports/s1/sweep.json reports/s2/sweep.json --out reports/sweep --report",
            "join two shards and draw the report",
          ),
        ),
    (argv) =>
      runAsync(() =>
        mergeCommand(
          {
            shards: argv.shards as string[],
            out: argv.out,
            report: argv.report,
            confidence: argv.confidence,
          },
          (text) => process.stdout.write(text),
        ),
      ),
  )
  .command(
    "tune <scenario>",
    "Find the most aggressive setting that keeps campaigns within the ceiling with a given probability",
    (y) =>
      y
        .positional("scenario", { type: "string", demandOption: true, describe: "Scenario file" })
        .option("pacing", {
          alias: "p",
          type: "string",
          demandOption: true,
          describe: "The pacing to tune, as in compare (e.g. vicidial-ratio, guarded:binomial)",
        })
        .option("key", {
          type: "string",
          describe:
            "Setting to tune (default: level for vicidial-ratio, maxLevel for the adaptive modes, targetPercent for lines-per-agent and binomial, threshold for agents-about-to-free)",
        })
        .option("range", {
          type: "string",
          describe:
            "from:to:step to search (default: the key's usual range; for another key, larger values are taken to dial more)",
        })
        .option("confidence", {
          type: "number",
          default: 0.95,
          describe:
            "Required probability that the campaign ends within the ceiling (shown by a 95% Wilson bound)",
        })
        .option("objective", {
          type: "string",
          default: "agentOccupancy",
          describe:
            "What to maximise: agentOccupancy, talkOccupancy, talkMinutesPerAgentHour, connectedPerAgentHour",
        })
        .option("seed", seedOption())
        .option("batch", {
          type: "number",
          default: 20,
          describe: "Replications per batch at a probed value",
        })
        .option("max-replications", {
          type: "number",
          default: 200,
          describe:
            "Most replications at a probed value; a value still undecided then (or once more batches could not show it feasible) is undecided. Showing 0.95 takes 73, all within: fewer gets a warning",
        })
        .option("workers", workersOption)
        .option("check-invariants", checkInvariantsOption)
        .option("json", jsonOption("Print the result as JSON"))
        .option("out", outOption("Folder to write tune.json into"))
        .option("report", reportOption("the frontier, the chosen setting, the verdict"))
        .check((argv) => {
          checkRunOptions(argv);
          checkReportOption(argv);
          checkConfidence(argv.confidence);
          return true;
        })
        .example(
          ...example(
            "$0 tune scenarios/small-team.yaml -p vicidial-ratio",
            "largest safe RATIO level",
          ),
        )
        .epilog(
          "Every probed value is feasible, not feasible or undecided. Exit codes: 0 a feasible setting found; 1 none, even the least aggressive value shown not feasible; 3 undecided: none shown feasible, the least aggressive not shown infeasible (more replications may decide it); 2 bad input.",
        ),
    (argv) =>
      runAsync(() =>
        tuneCommand(
          {
            scenario: argv.scenario,
            pacing: argv.pacing,
            key: argv.key,
            range: argv.range,
            confidence: argv.confidence,
            objective: argv.objective,
            seed: argv.seed,
            batch: argv.batch,
            maxReplications: argv["max-replications"],
            workers: argv.workers,
            checkInvariants: argv.checkInvariants,
            json: argv.json,
            out: argv.out,
            report: argv.report,
          },
          (text) => process.stdout.write(text),
        ),
      ),
  )
  .command(
    "study small-teams",
    "Occupancy at the ceiling for 5 to 500 agents under every algorithm (each tuned as by tune)",
    (y) =>
      y
        .option("scenario", {
          type: "string",
          describe: "Base scenario to scale (default: scenarios/study/small-teams.yaml)",
        })
        .option("sizes", {
          type: "string",
          default: "5,10,20,50,100,500",
          describe: "Team sizes, comma-separated",
        })
        .option("pacings", {
          type: "string",
          default: STUDY_PACINGS.join(","),
          describe: "Pacings to compare, comma-separated (as in compare)",
        })
        .option("confidence", { type: "number", default: 0.95, describe: "As in tune" })
        .option("seed", { ...seedOption("Seed of the first replication"), default: 1 })
        .option("batch", { type: "number", default: 20, describe: "As in tune" })
        .option("max-replications", { type: "number", default: 100, describe: "As in tune" })
        .option("workers", workersOption)
        .option("json", jsonOption("Print the cells as JSON"))
        .option("out", outOption("Folder to write study.json and study.csv into"))
        .check((argv) => {
          const sizes = argv.sizes.split(",").map(Number);
          if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
            throw new Error(`--sizes: expected positive whole numbers, got ${argv.sizes}`);
          }
          checkRunOptions(argv);
          checkConfidence(argv.confidence);
          return true;
        })
        .example(
          ...example(
            "$0 study small-teams --sizes 5,10,20 --workers 4",
            "three team sizes on four worker threads",
          ),
        )
        .epilog(
          "Large teams take minutes: use --sizes and --workers, or run sizes on separate machines.",
        ),
    (argv) =>
      runAsync(() =>
        studyCommand(
          {
            scenario: argv.scenario,
            sizes: argv.sizes.split(",").map(Number),
            pacings: argv.pacings.split(",").filter((p) => p !== ""),
            confidence: argv.confidence,
            seed: argv.seed,
            batch: argv.batch,
            maxReplications: argv["max-replications"],
            workers: argv.workers,
            json: argv.json,
            out: argv.out,
          },
          (text) => process.stdout.write(text),
        ),
      ),
  )
  .command(
    "report <results..>",
    "Write a report page (HTML, charts inline, works offline) and its charts from result, sweep or tune files",
    (y) =>
      y
        .positional("results", {
          type: "string",
          array: true,
          demandOption: true,
          describe:
            "result.json files (simulate --out; compare --out or --json), shown side by side; or one sweep.json (sweep --out) or tune.json (tune --out, or --json). Chart specs (*.vl.json) a report wrote are skipped",
        })
        .option("out", {
          type: "string",
          demandOption: true,
          describe:
            "Folder to write report.html and each chart as <name>.svg, .png and .vl.json into",
        })
        .option("confidence", sweepConfidenceOption)
        .check((argv) => {
          checkConfidence(argv.confidence);
          return true;
        })
        .example(...example("$0 report reports/run1/result.json --out reports/run1", "one run"))
        .example(
          ...example("$0 report reports/cmp/*.json --out reports/cmp", "pacings side by side"),
        )
        .example(...example("$0 report reports/sweep/sweep.json --out reports/sweep", "a sweep")),
    (argv) =>
      runAsync(() =>
        reportCommand(
          { results: argv.results as string[], out: argv.out, confidence: argv.confidence },
          (text) => process.stdout.write(text),
        ),
      ),
  )
  .command(evidenceCommand)
  .command(
    "audit <calls>",
    "Check call records from a real dialer against a rule set; exit 1 if anything is violated",
    auditOptions,
    (argv) => runAsync(() => auditCommand(argv, (text) => process.stdout.write(text))),
  )
  .command(
    "fit <calls>",
    "Fit a scenario (outcomes by hour, ring, talk, patience) to call records, on top of a base scenario",
    fitOptions,
    (argv) => runAsync(() => fitCommand(argv, (text) => process.stdout.write(text))),
  )
  .command(
    "endpoint",
    "Run a SIPp-compatible callee population (UDP) that answers a dialer with a scenario's outcomes",
    endpointOptions,
    (argv) =>
      runAsync(() =>
        endpointCommand(
          {
            scenario: argv.scenario,
            listen: argv.listen,
            seed: argv.seed,
            timeScale: argv["time-scale"],
            talk: argv.talk,
            noAnswerLimit: argv["no-answer-limit"],
            callsCsv: argv["calls-csv"],
            traceStat: argv["trace-stat"],
            fd: argv.fd,
            verdict: argv.verdict,
            tolerance: argv.tolerance,
            duration: argv.duration,
            maxCalls: argv["max-calls"],
            json: argv.json,
          },
          (text) => process.stdout.write(text),
        ),
      ),
  )
  .command(
    "live <scenario>",
    "Run a scenario's campaign live: real SIP calls over UDP, paced by the same module as simulate",
    liveOptions,
    (argv) =>
      runAsync(() =>
        liveCommand(
          {
            scenario: argv.scenario,
            target: argv.target,
            local: argv.local,
            timeScale: argv["time-scale"],
            seed: argv.seed,
            duration: argv.duration,
            maxAttempts: argv["max-attempts"],
            json: argv.json,
            out: argv.out,
            report: argv.report,
            calls: argv.calls,
            checkInvariants: argv.checkInvariants,
            // --no-evidence gives false, whatever the option's declared type.
            evidence:
              (argv.evidence as string | boolean | undefined) === false ? false : argv.evidence,
            lockouts: argv.lockouts,
            rtpInterval: argv["rtp-interval"],
          },
          (text) => process.stdout.write(text),
        ),
      ),
  )
  .example(
    ...example(
      "$0 simulate scenarios/default.yaml --report reports/run1",
      "simulate a day, write the report",
    ),
  )
  .example(
    ...example(
      "$0 tune scenarios/small-team.yaml -p vicidial-ratio",
      "the most aggressive RATIO level that keeps within the ceiling",
    ),
  )
  .example(
    ...example(
      "$0 audit calls.csv --rules it-garante-2014",
      "check a dialer's call records against Italy's rules",
    ),
  )
  .example(
    ...example("$0 evidence verify", "check that no recorded run was edited, deleted or reordered"),
  )
  .example(...example("$0 simulate --help", "every option of a command"))
  .epilog(
    "Exit codes: 0 done; 1 a negative verdict (audit: violated; evidence: tampered; tune: nothing feasible; endpoint --verdict: violated); 2 bad input, nothing written; 70 an internal error; 130 Ctrl-C. README.md, 'Exit codes', has each command's.",
  )
  .demandCommand(
    1,
    "name a command: simulate, compare, sweep, merge, tune, study, audit, fit, report, evidence",
  )
  .strict()
  .help()
  .alias("h", "help")
  .fail((message, error) => {
    // usage errors come as a message
    if (message?.startsWith("Not enough non-option arguments")) {
      fail(reportTookPositional(hideBin(process.argv)) ?? message);
    }
    if (message) fail(message);
    exitWithError(error);
  })
  .parseAsync();
