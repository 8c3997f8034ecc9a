import { AgentPool } from "../../src/model/agent-pool.js";
import type { Call } from "../../src/model/call.js";
import { CallFlow } from "../../src/model/call-flow.js";
import type { CallFlowHost } from "../../src/model/call-flow-parts.js";
import { CampaignCounters } from "../../src/model/campaign-counters.js";
import { LeadBook } from "../../src/model/lead-book.js";
import { LeadGate } from "../../src/model/lead-gate.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { createStreams } from "../../src/sim/random.js";
import { Simulation } from "../../src/sim/simulation.js";
import { makeScenario } from "./scenario-fixture.js";
import { type ScriptedAnswer, ScriptedLine } from "./scripted-line.js";

/** What a {@link callFlowRig} varies; each has the default its doc names. */
export interface CallFlowRigOptions {
  /** The campaign's scenario (default: the fixture scenario of `makeScenario()`). */
  readonly scenario?: Scenario;
  /** Agents in the pool, none ready yet (default 1). */
  readonly agents?: number;
  /** A held person's patience (default: never hangs up first). */
  readonly patience?: number;
  readonly keepsEndedCalls?: boolean;
  /** The line's round trip (see `CallLine.heardAfter`); 0 by default, as in the simulator. */
  readonly heardAfter?: number;
  readonly callLog?: Call[] | null;
  /** The host the flow hands agents and ended calls back to (default: one that ignores them). */
  readonly host?: (rig: CallFlowRig) => CallFlowHost;
}

/** A call flow on a real kernel, pool, lead book and counters, and the scripted line it dials. */
export interface CallFlowRig {
  readonly scenario: Scenario;
  readonly sim: Simulation;
  readonly counters: CampaignCounters;
  readonly pool: AgentPool;
  readonly leads: LeadBook;
  readonly line: ScriptedLine;
  readonly flow: CallFlow;
}

/**
 * Builds a {@link CallFlow} whose line does what `script` says, in order, on real model parts
 * (nothing drawn from the line; the flow's own streams seeded 1). The host factory is given the
 * finished rig, so a host can serve a waiting call through the flow.
 */
export function callFlowRig(
  script: readonly ScriptedAnswer[],
  options: CallFlowRigOptions = {},
): CallFlowRig {
  const scenario = options.scenario ?? makeScenario();
  const sim = new Simulation();
  const counters = new CampaignCounters();
  const pool = new AgentPool(options.agents ?? 1);
  const leads = new LeadBook(scenario, sim, counters, new LeadGate(scenario, 1), null);
  const line = new ScriptedLine(
    script,
    options.patience ?? Number.POSITIVE_INFINITY,
    options.keepsEndedCalls ?? false,
    () => sim.now,
    options.heardAfter ?? 0,
  );
  // The host is made from the whole rig, the flow included, so it is bound once the flow exists.
  let host: CallFlowHost = { agentFree() {}, callEnded() {} };
  const flow = new CallFlow({
    scenario,
    streams: createStreams(1),
    sim,
    counters,
    pool,
    leads,
    line,
    host: { agentFree: (agent) => host.agentFree(agent), callEnded: () => host.callEnded() },
    callLog: options.callLog ?? null,
  });
  const rig = { scenario, sim, counters, pool, leads, line, flow };
  if (options.host !== undefined) host = options.host(rig);
  return rig;
}
