#!/usr/bin/env node
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { VERSION } from "../version.js";
import { EXIT_BAD_INPUT, reportFailure } from "./exit-codes.js";
import { example } from "./help-example.js";
import { reportTookPositional } from "./report-option.js";

function fail(message: string): never {
  process.stderr.write(`pacelab: ${message}\n`);
  process.exit(EXIT_BAD_INPUT);
}

function exitWithError(error: unknown): never {
  process.exit(reportFailure(error));
}

// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

/**
 * Every command is one yargs command module, declared in its own file (command-module.ts), in
 * the order the help lists them. Each is imported when needed: a run of one command loads only
 * its own code (the CLI starts in a third of the time), help and mistakes load them all.
 */
const COMMANDS: Record<string, (cli: Argv) => Promise<Argv>> = {
  simulate: async (cli) =>
    cli.command((await import("./simulate-command.js")).simulateCommandModule),
  compare: async (cli) => cli.command((await import("./compare-command.js")).compareCommandModule),
  sweep: async (cli) => cli.command((await import("./sweep-command.js")).sweepCommandModule),
  merge: async (cli) => cli.command((await import("./merge-command.js")).mergeCommandModule),
  tune: async (cli) => cli.command((await import("./tune-command.js")).tuneCommandModule),
  study: async (cli) => cli.command((await import("./study-command.js")).studyCommandModule),
  report: async (cli) => cli.command((await import("./report-command.js")).reportCommandModule),
  evidence: async (cli) =>
    cli.command((await import("./evidence-command.js")).evidenceCommandModule),
  audit: async (cli) => cli.command((await import("./audit-command.js")).auditCommandModule),
  fit: async (cli) => cli.command((await import("./fit-command.js")).fitCommandModule),
  endpoint: async (cli) =>
    cli.command((await import("./endpoint-command.js")).endpointCommandModule),
  live: async (cli) => cli.command((await import("./live-command.js")).liveCommandModule),
  serve: async (cli) => cli.command((await import("./serve-command.js")).serveCommandModule),
};
const named = process.argv[2] ?? "";
let cli: Argv = yargs(hideBin(process.argv))
  .scriptName("pacelab")
  .version(VERSION)
  .usage("$0 <command> [options]\n\nSimulate predictive-dialer pacing under silent-call rules.");
for (const name of Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS)) {
  cli = await COMMANDS[name](cli);
}

await cli
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
