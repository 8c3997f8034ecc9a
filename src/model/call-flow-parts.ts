import type { Scenario } from "../scenario/scenario.js";
import type { RandomStreams } from "../sim/random.js";
import type { Simulation } from "../sim/simulation.js";
import type { AgentPool } from "./agent-pool.js";
import type { Call } from "./call.js";
import type { CallLine } from "./call-line.js";
import type { CampaignCounters } from "./campaign-counters.js";
import type { LeadBook } from "./lead-book.js";

/** What the call flow tells the lead book: a person left silent, an attempt over. */
export type LeadOutcomes = Pick<LeadBook, "silenced" | "afterCall">;

/** What the call flow hands back to the campaign. */
export interface CallFlowHost {
  /** An agent has nothing to do (wrap-up over, or a held agent its call never reached). */
  agentFree(agent: number): void;
  /** An attempt is over and its lead's future decided. */
  callEnded(): void;
}

/** What the call flow is built from. */
export interface CallFlowParts {
  readonly scenario: Scenario;
  /** Talk, wrap-up, machine-message and AMD draws come from their own named streams. */
  readonly streams: RandomStreams;
  readonly sim: Simulation;
  readonly counters: CampaignCounters;
  readonly pool: AgentPool;
  readonly leads: LeadOutcomes;
  readonly line: CallLine;
  readonly host: CallFlowHost;
  /** Every attempt is appended here when given (records are then never reused). */
  readonly callLog: Call[] | null;
}
