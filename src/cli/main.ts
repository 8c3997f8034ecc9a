#!/usr/bin/env node
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { VERSION } from "../version.js";
import { auditCommandModule } from "./audit-command.js";
import { compareCommandModule } from "./compare-command.js";
import { endpointCommandModule } from "./endpoint-command.js";
import { evidenceCommandModule } from "./evidence-command.js";
import { EXIT_BAD_INPUT, reportFailure } from "./exit-codes.js";
import { fitCommandModule } from "./fit-command.js";
import { example } from "./help-example.js";
import { liveCommandModule } from "./live-command.js";
import { mergeCommandModule } from "./merge-command.js";
import { reportCommandModule } from "./report-command.js";
import { reportTookPositional } from "./report-option.js";
import { serveCommandModule } from "./serve-command.js";
import { simulateCommandModule } from "./simulate-command.js";
import { studyCommandModule } from "./study-command.js";
import { sweepCommandModule } from "./sweep-command.js";
import { tuneCommandModule } from "./tune-command.js";

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

// Every command is one yargs command module, declared in its own file (command-module.ts).
await yargs(hideBin(process.argv))
  .scriptName("pacelab")
  .version(VERSION)
  .usage("$0 <command> [options]\n\nSimulate predictive-dialer pacing under silent-call rules.")
  .command(simulateCommandModule)
  .command(compareCommandModule)
  .command(sweepCommandModule)
  .command(mergeCommandModule)
  .command(tuneCommandModule)
  .command(studyCommandModule)
  .command(reportCommandModule)
  .command(evidenceCommandModule)
  .command(auditCommandModule)
  .command(fitCommandModule)
  .command(endpointCommandModule)
  .command(liveCommandModule)
  .command(serveCommandModule)
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
