import { basename, dirname } from "node:path";
import type { Argv } from "yargs";
import { callsCsv } from "../endpoint/calls-csv.js";
import { endpointClock } from "../endpoint/clock.js";
import { type EndpointHandle, startEndpoint } from "../endpoint/start-endpoint.js";
import { summarise, summaryText } from "../endpoint/summary.js";
import { type EndpointVerdict, judge, verdictText } from "../endpoint/verdict.js";
import { ScenarioError } from "../io/read/scenario-error.js";
import { checkOutputFile } from "../io/write/output-path.js";
import { writeFilesAtomically } from "../io/write/write-files.js";
import { DEFAULT_SCENARIO } from "../package-root.js";
import { resolveRuleSet } from "../rules/built-in-rule-sets.js";
import type { RuleSet } from "../rules/rule-set.js";
import { loadScenario } from "../scenario/load.js";
import { commandModule } from "./command-module.js";
import { example } from "./help-example.js";
import { timeScaleOption } from "./time-scale-option.js";
import { shownValue } from "./typed-argument.js";

export interface EndpointArgs {
  /** The scenario whose outcome model the callees follow (default: the bundled default.yaml). */
  readonly scenario?: string;
  readonly listen: string;
  readonly seed?: number;
  readonly timeScale: number;
  readonly talk: string;
  readonly noAnswerLimit: number;
  readonly callsCsv?: string;
  readonly traceStat?: string;
  readonly fd: number;
  readonly verdict?: string;
  readonly tolerance: number;
  readonly duration?: number;
  readonly maxCalls?: number;
  readonly json: boolean;
}

/** Exit codes: 0 done (and the verdict held), 1 the verdict found a rule violated. */
export const EXIT_HELD = 0;
export const EXIT_VIOLATED = 1;

function badOption(option: string, expected: string, got: unknown): ScenarioError {
  const shown = typeof got === "string" ? JSON.stringify(got) : shownValue([option], got);
  return new ScenarioError({ file: option, keyPath: "", expected, got: shown });
}

/** `host:port` of `--listen`. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[2]);
  if (!match || port > 65535)
    throw badOption("--listen", "an IPv4 address and port, e.g. 127.0.0.1:5060", text);
  return { host: match[1] ?? "", port };
}

function checkPositive(option: string, value: number | undefined, integer = false): void {
  if (value === undefined) return;
  if (!(Number.isFinite(value) && value > 0) || (integer && !Number.isInteger(value)))
    throw badOption(option, integer ? "a positive whole number" : "a positive number", value);
}

/**
 * `pacelab endpoint`: runs the callee population until SIGINT/SIGTERM, `--duration` or
 * `--max-calls` finished calls, then writes its files and prints the summary (and verdict).
 * Returns 1 when `--verdict` found a rule violated, else 0. Bad input throws (exit 2).
 */
export async function endpointCommand(
  args: EndpointArgs,
  print: (text: string) => void,
): Promise<number> {
  const listen = parseListen(args.listen);
  const timeScale = timeScaleOption(args.timeScale);
  checkPositive("--fd", args.fd);
  checkPositive("--duration", args.duration);
  checkPositive("--max-calls", args.maxCalls, true);
  checkPositive("--no-answer-limit", args.noAnswerLimit);
  if (!(args.tolerance >= 0))
    throw badOption("--tolerance", "a number of seconds >= 0", args.tolerance);
  if (args.talk !== "caller" && args.talk !== "scenario")
    throw badOption("--talk", "caller or scenario", args.talk);
  if (args.seed !== undefined && !Number.isSafeInteger(args.seed))
    throw badOption("--seed", "an integer", args.seed);
  const rules: RuleSet | null =
    args.verdict === undefined ? null : resolveRuleSet(args.verdict, process.cwd(), "--verdict");
  if (args.callsCsv !== undefined) checkOutputFile("--calls-csv", args.callsCsv);
  if (args.traceStat !== undefined) checkOutputFile("--trace-stat", args.traceStat);
  const scenario = loadScenario(args.scenario ?? DEFAULT_SCENARIO);
  const seed = args.seed ?? scenario.seed;

  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const endpoint: EndpointHandle = await startEndpoint({
    scenario,
    listen,
    seed,
    timeScale,
    talk: args.talk,
    noAnswerLimitSeconds: args.noAnswerLimit,
    traceStatPeriodSeconds: args.fd,
    onTraceStatRow: (rows) => {
      if (args.traceStat !== undefined) writeOne(args.traceStat, rows.join(""));
    },
    onCallFinished: (_record, finished) => {
      if (args.maxCalls !== undefined && finished >= args.maxCalls) finish();
    },
  });
  // Handlers first: a signal sent as soon as "listening" is read must find them in place.
  const onSignal = (): void => finish();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const address = `${endpoint.address.address}:${endpoint.address.port}`;
  process.stderr.write(
    `pacelab endpoint: listening on ${address} (RTP ${endpoint.address.address}:${endpoint.rtpPort}); Ctrl-C to stop\n`,
  );
  const timer = args.duration === undefined ? undefined : setTimeout(finish, args.duration * 1000);
  await done;
  clearTimeout(timer);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  await endpoint.stop();

  const records = endpoint.records();
  const verdict: EndpointVerdict | null =
    rules === null ? null : judge(records, rules, args.tolerance * 1000, endpointClock());
  if (args.callsCsv !== undefined) writeOne(args.callsCsv, callsCsv(records));
  if (args.traceStat !== undefined) writeOne(args.traceStat, endpoint.traceStat());
  const summary = summarise(records, endpoint.counters, {
    listen: address,
    seed,
    timeScale: timeScale.factor,
    verdict,
  });
  if (args.json) print(`${JSON.stringify(summary, null, 2)}\n`);
  else print(summaryText(summary) + (verdict === null ? "" : verdictText(verdict)));
  return verdict === null || verdict.held ? EXIT_HELD : EXIT_VIOLATED;
}

// Whole-file replacement: a reader (or an interrupted run) never sees half a file.
function writeOne(path: string, content: string): void {
  writeFilesAtomically(dirname(path), [{ name: basename(path), content }]);
}

/** The command's options and help, for the main CLI. */
function endpointOptions<T>(y: Argv<T>) {
  return y
    .option("scenario", {
      type: "string",
      describe:
        "Scenario whose outcome model (outcomes, callee.patience, agents.talk) the callees follow (default: the bundled scenarios/default.yaml)",
    })
    .option("listen", {
      type: "string",
      default: "127.0.0.1:5060",
      describe:
        "SIP address:port to listen on (UDP); port 0 picks a free one. RTP uses the same address, any port",
    })
    .option("seed", {
      type: "number",
      describe:
        "Seed of the fates (default: the scenario's); the n-th INVITE gets the same fate for a seed",
    })
    .option("time-scale", {
      type: "number",
      default: 1,
      describe:
        "Divide every scenario duration (ring, patience, talk, no-answer limit) by this; SIP timers are not scaled",
    })
    .option("talk", {
      type: "string",
      choices: ["caller", "scenario"],
      default: "caller",
      describe:
        "A connected person stays until the dialer's BYE (caller) or hangs up after a talk time from agents.talk (scenario)",
    })
    .option("no-answer-limit", {
      type: "number",
      default: 120,
      describe:
        "Scenario seconds a no-answer callee rings before answering 480 itself (the dialer usually CANCELs first)",
    })
    .option("calls-csv", {
      type: "string",
      describe: "Write one row per call here at the end (columns: docs/endpoint.md)",
    })
    .option("trace-stat", {
      type: "string",
      describe:
        "Write SIPp's -trace_stat CSV here (same columns and formats), rewritten whole every --fd seconds and at the end",
    })
    .option("fd", {
      type: "number",
      default: 60,
      describe: "Seconds between periodic trace-stat rows (as SIPp's -fd)",
    })
    .option("verdict", {
      type: "string",
      describe:
        "Judge the run against a rule set (built-in id or .yaml file): ceiling, cut-off, comfort noise; exit 1 if violated",
    })
    .option("tolerance", {
      type: "number",
      default: 0.25,
      describe:
        "Seconds allowed beyond the cut-off (network and timer delay) before a held call counts as late",
    })
    .option("duration", { type: "number", describe: "Stop after this many seconds" })
    .option("max-calls", { type: "number", describe: "Stop once this many calls have finished" })
    .option("json", { type: "boolean", default: false, describe: "Print the summary as JSON" })
    .example(
      ...example("$0 endpoint", "callees of scenarios/default.yaml on 127.0.0.1:5060 until Ctrl-C"),
    )
    .example(
      ...example(
        "$0 endpoint --listen 127.0.0.1:5070 --time-scale 10 --verdict it-garante-2014 --calls-csv calls.csv",
        "a 10x faster population that judges the dialer calling it",
      ),
    )
    .example(
      ...example(
        "sipp -sf scenarios/sipp/uac-all-outcomes.xml 127.0.0.1:5060 -m 100",
        "call it with SIPp (a scenario handling every outcome)",
      ),
    )
    .epilog(
      "Each INVITE gets 100 Trying, then per its fate: 486 (busy), 404 (invalid), 180 and 480 after the no-answer limit or 487 after a CANCEL (no answer), or 180 and 200 OK with SDP and X-Pacelab-Callee: person|machine. A person hangs up after its patience unless agent audio (RTP payload 0) arrives. Details: docs/endpoint.md. Exit codes: 0 done; 1 --verdict found a rule violated; 2 bad input (scenario, rule set, option, port in use); 70 an internal error.",
    );
}

/** `pacelab endpoint`: its options, help and run. */
export const endpointCommandModule = commandModule(
  "endpoint",
  "Run a SIPp-compatible callee population (UDP) that answers a dialer with a scenario's outcomes",
  endpointOptions,
  (argv, print) =>
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
      print,
    ),
);
