import { availableParallelism } from "node:os";
import { toCsv } from "../io/write/csv.js";
import { writeOutputFolder } from "../io/write/output-manifest.js";
import { checkOutputFolder } from "../io/write/output-path.js";
import type { OutputFile } from "../io/write/write-files.js";
import { packagePath } from "../package-root.js";
import { fixed } from "../report/format-number.js";
import { scenarioHash } from "../result/result-document.js";
import { parsePacingSpec } from "../scenario/pacing-spec.js";
import { parseAxis } from "../tuning/grid.js";
import { ScenarioVariants } from "../tuning/scenario-variant.js";
import type { Shard } from "../tuning/shard.js";
import type { StudyShard } from "../tuning/study-shard.js";
import {
  LEADS_PER_AGENT,
  STUDY_SIZES,
  type StudyCell,
  type StudyCellId,
  type StudyPacing,
  type StudyTuning,
  studyCellPositions,
  teamSizeStudy,
} from "../tuning/team-size-study.js";
import { DEFAULT_TUNING_KEYS, tunedAlgorithm } from "../tuning/tune.js";
import { VERSION } from "../version.js";
import { commandModule } from "./command-module.js";
import { checkConfidence } from "./confidence-option.js";
import { type EmitPlan, emitJob, withEmitOptions } from "./emit-option.js";
import { example } from "./help-example.js";
import { replicationBudgetWarning } from "./replication-budget-warning.js";
import { withReplicationCache } from "./replication-cache.js";
import {
  cacheOption,
  checkRunOptions,
  jsonOption,
  outOption,
  seedOption,
  workersOption,
} from "./run-options.js";
import { batchProgress, probeProgress } from "./search-progress.js";
import { parseShard, shardOption } from "./shard-option.js";
import { removedNote } from "./written-note.js";

/**
 * Every built-in algorithm, and the guard around the binomial one, but lookahead: it costs
 * hundreds of times more per replication than the others (it is run with --pacings).
 */
export const STUDY_PACINGS = [
  "progressive",
  "vicidial-ratio",
  "vicidial-adapt-hard-limit",
  "vicidial-adapt-tapered",
  "vicidial-adapt-average",
  "lines-per-agent",
  "agents-about-to-free",
  "binomial",
  "guarded:binomial",
];

export interface StudyArgs {
  readonly scenario?: string;
  readonly sizes?: readonly number[];
  readonly pacings?: readonly string[];
  readonly confidence: number;
  readonly seed: number;
  readonly batch: number;
  readonly maxReplications: number;
  readonly workers?: number;
  /** --cache: the file replications are kept in and reused from. */
  readonly cache?: string;
  /** `i/n`: run the i-th of n interleaved shares of the table's cells. */
  readonly shard?: string;
  readonly json: boolean;
  readonly out?: string;
}

// A number under a "(%)" heading: the percentage without its sign.
const pct = (m: StudyCell["agentOccupancy"]) => (m === null ? "-" : fixed(100 * m.mean, 1));

function table(
  cells: readonly StudyCell[],
  sizes: readonly number[],
  pacings: readonly string[],
): string {
  const header = ["agents", ...pacings];
  const rows = sizes.map((agents) => [
    String(agents),
    ...pacings.map((p) => {
      const c = cells.find((x) => x.agents === agents && x.pacing === p);
      if (!c) return "";
      if (c.setting) {
        const end = c.setting.atRangeEnd ? ", end of range" : "";
        return `${pct(c.agentOccupancy)} (${c.setting.value}${end})`;
      }
      // A tuned pacing with no value shown feasible: not feasible, or undecided.
      if (c.agentOccupancy === null) return `none (${c.verdict})`;
      // An untuned pacing's figure stands even when P(within) was not shown: the cell says so.
      const shown = c.verdict === "feasible";
      return shown ? pct(c.agentOccupancy) : `${pct(c.agentOccupancy)} (${c.verdict})`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: readonly string[]) =>
    r
      .map((x, i) => x.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}

function cellsCsv(cells: readonly StudyCell[]): string {
  return toCsv(
    [
      "agents",
      "pacing",
      "key",
      "value",
      "value_at_range_end",
      "agent_occupancy_mean",
      "agent_occupancy_ci95_low",
      "agent_occupancy_ci95_high",
      "silent_per_100_connected_mean",
      "within_lower_bound",
      "verdict",
      "replications",
    ],
    cells.map((c) => [
      c.agents,
      c.pacing,
      c.setting?.key ?? null,
      c.setting?.value ?? null,
      c.setting?.atRangeEnd ?? null,
      c.agentOccupancy?.mean ?? null,
      c.agentOccupancy?.ci95[0] ?? null,
      c.agentOccupancy?.ci95[1] ?? null,
      c.silentPer100Connected?.mean ?? null,
      c.withinLowerBound,
      c.verdict,
      c.replications,
    ]),
  );
}

/** The files a study writes: study.json and study.csv, or a shard's study-shard.json. */
export function studyFiles(doc: readonly StudyCell[] | StudyShard): OutputFile[] {
  if (!Array.isArray(doc))
    return [{ name: "study-shard.json", content: `${JSON.stringify(doc, null, 2)}\n` }];
  return [
    { name: "study.json", content: `${JSON.stringify(doc, null, 2)}\n` },
    { name: "study.csv", content: cellsCsv(doc as readonly StudyCell[]) },
  ];
}

function studyShard(
  args: StudyArgs,
  scenario: StudyShard["scenario"],
  sizes: readonly number[],
  pacings: readonly string[],
  shard: Shard,
  cells: readonly StudyCell[],
): StudyShard {
  const positions = studyCellPositions(sizes, pacings, shard);
  return {
    kind: "study-shard",
    tool: { name: "pacelab", version: VERSION },
    scenario,
    settings: {
      sizes,
      pacings,
      confidence: args.confidence,
      seed: args.seed,
      batch: args.batch,
      maxReplications: args.maxReplications,
    },
    shard,
    cells: cells.map((cell, i) => ({ position: positions[i], cell })),
  };
}

/**
 * The study's scenario at each size and its pacings, each pacing checked before anything
 * runs (or is submitted).
 */
function studySetup(args: Pick<StudyArgs, "scenario" | "sizes" | "pacings">) {
  const file = args.scenario ?? packagePath("scenarios", "study", "small-teams.yaml");
  const variants = new ScenarioVariants(file);
  const axes = [parseAxis("agents.count=1"), parseAxis("leads.count=1")];
  const scenarioFor = (agents: number) => variants.at(axes, [agents, agents * LEADS_PER_AGENT]);
  const base = scenarioFor(STUDY_SIZES[0]);
  const sizes = args.sizes ?? STUDY_SIZES;
  const specs = args.pacings ?? STUDY_PACINGS;
  const pacings: StudyPacing[] = specs.map((spec) => {
    const tuning = DEFAULT_TUNING_KEYS[tunedAlgorithm(spec)];
    return {
      label: spec,
      key: tuning?.key ?? null,
      range: tuning ?? null,
      pacingAt: (value: number) =>
        parsePacingSpec(tuning ? `${spec}:${tuning.key}=${value}` : spec, base.rules, "--pacings"),
    };
  });
  for (const p of pacings) p.pacingAt(p.range?.from ?? 0); // validate before simulating
  return { file, scenarioFor, base, sizes, specs, pacings };
}

/** What --emit runs on each shard: this study, every setting written out. */
function studyEmitPlan(args: StudyArgs & { readonly cpus: number }): EmitPlan {
  const { sizes, specs } = studySetup(args);
  return {
    run: [
      [
        "study",
        "small-teams",
        ...(args.scenario === undefined ? [] : ["--scenario", args.scenario]),
      ],
      ["--sizes", sizes.join(","), "--pacings", specs.join(",")],
      ["--confidence", String(args.confidence), "--seed", String(args.seed)],
      ["--batch", String(args.batch), "--max-replications", String(args.maxReplications)],
      ["--workers", String(args.workers ?? args.cpus)],
    ].flat(),
    shardFile: "study-shard.json",
    mergeOptions: [],
    units: sizes.length * specs.length,
    unitName: "cells of the table",
  };
}

/** `pacelab study small-teams`: occupancy at the ceiling for each team size and algorithm. */
export async function studyCommand(
  args: StudyArgs,
  print: (text: string) => void,
): Promise<number> {
  if (args.out !== undefined) checkOutputFolder("--out", args.out);
  const { file, scenarioFor, base, sizes, specs, pacings } = studySetup(args);
  const warning = replicationBudgetWarning(args);
  if (warning !== null) process.stderr.write(warning);
  const progress = (c: StudyCell) => {
    if (!args.json)
      process.stderr.write(
        `  ${c.agents} agents, ${c.pacing}${c.setting ? ` at ${c.setting.key}=${c.setting.value}` : ""}: ${pct(c.agentOccupancy)} % (${c.replications} replications)\n`,
      );
  };
  const subject = (cell: StudyCellId, value: number | null) =>
    `    ${cell.agents} agents, ${cell.pacing}${value === null ? "" : `: ${cell.key}=${value}`}`;
  const probed: StudyTuning["onProbe"] = (cell, p) => {
    if (!args.json) process.stderr.write(probeProgress(subject(cell, p.value), p));
  };
  const batched: StudyTuning["onBatch"] = (cell, value, n, within) => {
    if (!args.json) process.stderr.write(batchProgress(subject(cell, value), n, within));
  };
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const cells = await withReplicationCache(args.cache, false, (keeper) =>
    teamSizeStudy(
      scenarioFor,
      sizes,
      pacings,
      {
        confidence: args.confidence,
        objective: "agentOccupancy",
        seed: args.seed,
        batch: args.batch,
        maxReplications: args.maxReplications,
        workers: args.workers ?? availableParallelism(),
        keeper,
        onProbe: probed,
        onBatch: batched,
      },
      progress,
      shard,
    ),
  );
  // A shard's document carries what the merge checks; the whole study's is the cells alone.
  const doc =
    shard === undefined
      ? cells
      : studyShard(args, { file, sha256: scenarioHash(base) }, sizes, specs, shard, cells);
  if (args.out !== undefined) {
    process.stderr.write(removedNote(writeOutputFolder(args.out, "study", studyFiles(doc))));
  }
  if (args.json) {
    print(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    print(
      `agent occupancy (%) at each algorithm's most aggressive setting (in brackets) that ends the campaign within ${base.rules.ceilingPer100} silent per 100 ${base.rules.denominator} with probability >= ${args.confidence}; "end of range": the search's most aggressive value, so more aggressive ones were not tried; "none (...)": no value in the range was shown to reach that probability, and why (not feasible: shown not to; undecided: the replications showed neither); without brackets, a pacing with nothing to tune, followed by the verdict when that probability was not shown\n\n`,
    );
    print(table(cells, sizes, specs));
  }
  return 0;
}

/** `pacelab study small-teams`: its options, help and run. */
export const studyCommandModule = commandModule(
  "study small-teams",
  "Occupancy at the ceiling for 5 to 500 agents under every algorithm (each tuned as by tune)",
  (y) =>
    withEmitOptions(
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
          describe:
            "Pacings to compare, comma-separated (as in compare). lookahead is left out by default for its cost (about a minute of CPU per replication at its defaults, growing with the team): add it here, e.g. lookahead:cadenceSeconds=60:runs=10:horizonMinutes=10, about 13 times cheaper (docs/small-teams.md)",
        })
        .option("confidence", { type: "number", default: 0.95, describe: "As in tune" })
        .option("seed", { ...seedOption("Seed of the first replication"), default: 1 })
        .option("batch", { type: "number", default: 20, describe: "As in tune" })
        .option("max-replications", { type: "number", default: 100, describe: "As in tune" })
        .option("workers", workersOption)
        .option("cache", cacheOption)
        .option("shard", shardOption("table's cells (team size by pacing)"))
        .option("json", jsonOption("Print the cells as JSON (a shard: its study-shard.json)"))
        .option(
          "out",
          outOption("Folder to write study.json and study.csv into (a shard: study-shard.json)"),
        ),
    )
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
        "Large teams take minutes: use --sizes and --workers, or shard the cells over machines (--shard, or --emit for Slurm and Kubernetes).",
      ),
  (argv, print) => {
    const args: StudyArgs = {
      scenario: argv.scenario,
      sizes: argv.sizes.split(",").map(Number),
      pacings: argv.pacings.split(",").filter((p) => p !== ""),
      confidence: argv.confidence,
      seed: argv.seed,
      batch: argv.batch,
      maxReplications: argv["max-replications"],
      workers: argv.workers,
      cache: argv.cache,
      shard: argv.shard,
      json: argv.json,
      out: argv.out,
    };
    return argv.emit !== undefined
      ? emitJob(studyEmitPlan({ ...args, cpus: argv.cpus }), argv, print)
      : studyCommand(args, print);
  },
);
