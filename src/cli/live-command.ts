import type { Argv } from "yargs";
import { ScenarioError } from "../io/read/scenario-error.js";
import { checkOutputFile } from "../io/write/output-path.js";
import { liveResultDocument } from "../live/live-result.js";
import { DEFAULT_LOCKOUTS_PATH, LockoutStore } from "../live/lockout-store.js";
import { runLive } from "../live/run-live.js";
import { seconds } from "../report/format-number.js";
import type { LiveRunInfo } from "../result/result-document.js";
import { loadScenario } from "../scenario/load.js";
import { callsOutput } from "./calls-output.js";
import { commandModule } from "./command-module.js";
import { example } from "./help-example.js";
import {
  monitorOption,
  type OpenMonitor,
  openLiveMonitor,
  parseMonitorAddress,
} from "./live-monitor-option.js";
import { checkReportOption, outputFolders, reportOption } from "./report-option.js";
import { checkResultOutputs, emitResult } from "./result-output.js";
import { checkInvariantsOption } from "./run-options.js";
import { timeScaleOption } from "./time-scale-option.js";
import { shownValue } from "./typed-argument.js";

export interface LiveArgs {
  readonly scenario: string;
  readonly target: string;
  readonly local: string;
  readonly timeScale: number;
  readonly seed?: number;
  readonly duration?: number;
  readonly maxAttempts?: number;
  readonly json: boolean;
  readonly out?: string;
  /** --report [DIR]: the report folder, "" for `out` (data goes there too without `out`). */
  readonly report?: string;
  readonly calls: boolean;
  /** --check-invariants: check the campaign's laws (docs/invariants.md). */
  readonly checkInvariants?: boolean;
  readonly evidence?: string | false;
  readonly lockouts: string;
  readonly rtpInterval: number;
  /** --monitor [host:port]: serve the Live page during the run ("": the default address). */
  readonly monitor?: string;
}

/** Exit code of a run stopped by SIGINT/SIGTERM (128 + SIGINT), after its partial result. */
export const EXIT_INTERRUPTED = 130;

function badOption(option: string, expected: string, got: unknown): ScenarioError {
  const shown = typeof got === "string" ? JSON.stringify(got) : shownValue([option], got);
  return new ScenarioError({ file: option, keyPath: "", expected, got: shown });
}

/** `host:port` of `--target` (a host name is allowed) or `--local` (an IPv4 address). */
export function parseAddress(
  option: string,
  text: string,
  allowName: boolean,
): { host: string; port: number } {
  const host = allowName ? "[A-Za-z0-9.-]+" : "\\d{1,3}(?:\\.\\d{1,3}){3}";
  const match = new RegExp(`^(${host}):(\\d{1,5})$`).exec(text.trim());
  const port = Number(match?.[2]);
  if (!match || port > 65535 || (allowName && port === 0)) {
    throw badOption(
      option,
      allowName
        ? "host:port of the callee side, e.g. 127.0.0.1:5060"
        : "an IPv4 address and port, e.g. 127.0.0.1:0",
      text,
    );
  }
  return { host: match[1] ?? "", port };
}

function checkPositive(option: string, value: number | undefined, integer = false): void {
  if (value === undefined) return;
  if (!(Number.isFinite(value) && value > 0) || (integer && !Number.isInteger(value)))
    throw badOption(option, integer ? "a positive whole number" : "a positive number", value);
}

/** The lines that say what kind of run this was, before the usual summary. */
export function liveHeader(live: LiveRunInfo): string {
  const scaled =
    live.timeScale === 1
      ? "real time: a compliance run"
      : `time-scaled x${live.timeScale}: NOT a compliance run (scenario durations ran ${live.timeScale} times faster; the dialer's cut-off stayed at real seconds, so this run matches a simulation with a ${live.equivalentSimulatedCutoffSeconds} s cut-off)`;
  const f = live.sipFailures;
  return [
    `LIVE run against ${live.target}, ${scaled}`,
    `  ${live.startedAt} to ${live.endedAt}, stopped by ${live.stoppedBy}${live.interrupted ? " (INTERRUPTED: partial result)" : ""}`,
    `  attempts placed ${live.attemptsPlaced}, ended ${live.attemptsEnded}; unanswered: rejected ${f.rejected}, no-answer timeout ${f.noAnswerTimeout}, cancelled ${f.cancelled}, lost ${f.lost}`,
    `  answered calls ended by the callee ${live.endedByCallee}, lost ${live.endedLost}, at the stop ${live.endedAtStop}; numbers refused as locked ${live.refusedLocked}, queued for a held agent ${live.guaranteedFromStore} (store ${live.lockoutStore})`,
    `  answers that crossed the dialer's CANCEL ${live.answeredAfterGiveUp}; persons who hung up before the agent could be heard ${live.hungUpUnheard ?? 0} (counted silent)`,
    `  cut-off hang-ups ${live.cutoffHold.count}${live.cutoffHold.p99Seconds === null ? "" : `, answer to BYE p99 ${seconds(live.cutoffHold.p99Seconds, 3)}, max ${seconds(live.cutoffHold.maxSeconds ?? 0, 3)} (wall clock)`}`,
    ...(live.timeScale === 1
      ? []
      : [
          `  clocks: hold times below are ${live.clocks.holdTimes} (as the callee heard them), other durations ${live.clocks.otherDurations} (${live.timeScale} per wall-clock second)`,
        ]),
    "",
    "",
  ].join("\n");
}

/**
 * `pacelab live`: runs the scenario's campaign against a real SIP callee side until the
 * calendar, `--duration` or `--max-attempts` ends it (or SIGINT/SIGTERM), then writes the same
 * result as `simulate`, marked live. Returns 0, or 130 when interrupted. Bad input throws (2).
 */
export async function liveCommand(args: LiveArgs, print: (text: string) => void): Promise<number> {
  const target = parseAddress("--target", args.target, true);
  const local = parseAddress("--local", args.local, false);
  const timeScale = timeScaleOption(args.timeScale);
  checkPositive("--duration", args.duration);
  checkPositive("--max-attempts", args.maxAttempts, true);
  checkPositive("--rtp-interval", args.rtpInterval);
  if (args.seed !== undefined && !Number.isSafeInteger(args.seed))
    throw badOption("--seed", "an integer", args.seed);
  checkResultOutputs(args);
  if (args.lockouts !== ":memory:") checkOutputFile("--lockouts", args.lockouts);
  const scenario = loadScenario(args.scenario);
  const seed = args.seed ?? scenario.seed;
  const lockouts = LockoutStore.open(args.lockouts);
  let monitor: OpenMonitor | null = null;
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  if (!timeScale.isRealTime) {
    process.stderr.write(
      `pacelab live: time-scaled x${timeScale}, not a compliance run; Ctrl-C hangs up and stops\n`,
    );
  }
  try {
    if (args.monitor !== undefined) {
      monitor = await openLiveMonitor(args.monitor, {
        scenario: args.scenario,
        target: `${target.host}:${target.port}`,
        timeScale: timeScale.factor,
      });
    }
    const outcome = await runLive({
      scenario,
      seed,
      target,
      local,
      timeScale,
      lockouts,
      durationSeconds: args.duration,
      maxAttempts: args.maxAttempts,
      rtpIntervalMs: args.rtpInterval,
      signal: abort.signal,
      recordCalls: args.calls,
      checkInvariants: args.checkInvariants,
      onStarted: monitor?.onStarted,
    });
    const doc = liveResultDocument(outcome, {
      scenario,
      file: args.scenario,
      seed,
      target,
      timeScale,
      lockoutStore: args.lockouts,
    });
    monitor?.finish(doc);
    if (!args.json && doc.live !== undefined) print(liveHeader(doc.live));
    await emitResult(doc, scenario, args, print, callsOutput(scenario, outcome.run));
    return outcome.stoppedBy === "interrupted" ? EXIT_INTERRUPTED : 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    lockouts.close();
    await monitor?.close();
  }
}

/** The command's options and help, for the main CLI. */
function liveOptions<T>(y: Argv<T>) {
  return y
    .positional("scenario", {
      type: "string",
      demandOption: true,
      describe: "Scenario file (the same YAML as simulate)",
    })
    .option("target", {
      type: "string",
      demandOption: true,
      describe: "host:port of the callee side: pacelab endpoint, SIPp (scenarios/sipp/) or a proxy",
    })
    .option("local", {
      type: "string",
      default: "127.0.0.1:0",
      describe:
        "IPv4 address:port the SIP line binds (0: any port); RTP leaves from the same address",
    })
    .option("time-scale", {
      type: "number",
      default: 1,
      describe:
        "Run scenario durations k times faster (ring, talk, wrap-up, shifts, retry delays, intervals); the cut-off and lock-outs stay real, so k > 1 is not a compliance run. Hold times in the result are wall-clock seconds, other durations scenario seconds (live.clocks)",
    })
    .option("seed", {
      type: "number",
      describe: "Seed of the agents' talk, wrap-up and AMD draws (default: the scenario's)",
    })
    .option("duration", {
      type: "number",
      describe: "Stop after this many wall-clock seconds: hang up every call and write the result",
    })
    .option("max-attempts", {
      type: "number",
      describe: "Place at most this many calls, let them end, then stop",
    })
    .option("json", {
      type: "boolean",
      default: false,
      describe:
        "Print the result document (as simulate --json, with mode live) instead of the summary",
    })
    .option("out", {
      type: "string",
      describe: "Folder to write result.json and timeseries.csv into",
    })
    .option(
      "report",
      reportOption("the verdict against each rule, silent calls over the run, agent states"),
    )
    .option("calls", {
      type: "boolean",
      default: false,
      describe:
        "Also write calls.csv into --out: one row per attempt, as simulate --calls writes it (times on the scenario clock), for pacelab audit and fit",
    })
    .option("check-invariants", checkInvariantsOption)
    .option("evidence", {
      type: "string",
      describe:
        "Evidence store (SQLite, hash-chained) that the run's statistical report is appended to, marked live (stderr says where); default $PACELAB_EVIDENCE, else reports/evidence.sqlite; --no-evidence to skip it",
    })
    .option("lockouts", {
      type: "string",
      default: DEFAULT_LOCKOUTS_PATH,
      describe:
        "Lock-out store (SQLite) kept across runs, in wall-clock time (never scaled): a silent call locks its number for the rule set's lock-out (Italy; the next call then needs an agent held) or makes every call in it need an agent held (UK), and under the UK same-day rule an AMD hang-up makes every call until midnight (the centre's calendar.timeZone, else this machine's) need one",
    })
    .option("rtp-interval", {
      type: "number",
      default: 20,
      describe: "Milliseconds between RTP packets (comfort noise and agent audio)",
    })
    .option("monitor", monitorOption)
    .check((argv) => {
      checkReportOption(argv);
      if (argv.calls && outputFolders(argv).data === undefined)
        throw new Error("--calls needs --out DIR (or --report DIR)");
      if (argv.monitor !== undefined) parseMonitorAddress(argv.monitor);
      return true;
    })
    .example(
      ...example(
        "$0 live scenarios/small-team.yaml --target 127.0.0.1:5060 --time-scale 60 --duration 120",
        "two minutes, an hour of scenario time, against pacelab endpoint --time-scale 60",
      ),
    )
    .example(
      ...example(
        "$0 live scenarios/small-team.yaml --target 127.0.0.1:5060 --time-scale 60 --monitor",
        "the same, watched in the browser: open the URL printed on stderr (Live page)",
      ),
    )
    .epilog(
      [
        "The pacer is the one simulate uses, called on a real timer. Virtual agents take the answered calls with the scenario's talk and wrap-up times and send agent audio (RTP payload 0); a person answered with no agent free hears comfort noise (payload 13) and gets a BYE at the rule set's cut-off (real seconds).",
        "AMD stand-in: no audio is analysed. The callee's 200 OK says what answered (X-Pacelab-Callee: person|machine, as pacelab endpoint and scenarios/sipp/ send it); the dialer applies the scenario's AMD detection time and false-positive/negative rates to that truth.",
        "Time scale k: the result says whether the run was time-scaled; it then matches a simulation with the cut-off multiplied by k.",
        "Exit codes: 0 done; 2 bad input; 130 interrupted (every call hung up, partial result written); 70 an internal error. Details: docs/live.md.",
      ].join("\n\n"),
    );
}

/** `pacelab live`: its options, help and run. */
export const liveCommandModule = commandModule(
  "live <scenario>",
  "Run a scenario's campaign live: real SIP calls over UDP, paced by the same module as simulate",
  liveOptions,
  (argv, print) =>
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
        evidence: (argv.evidence as string | boolean | undefined) === false ? false : argv.evidence,
        lockouts: argv.lockouts,
        rtpInterval: argv["rtp-interval"],
        monitor: argv.monitor,
      },
      print,
    ),
);
