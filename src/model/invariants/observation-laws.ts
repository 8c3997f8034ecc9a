import { type ElapsedTimes, Observation } from "../../pacing/observation.js";
import type { DialerView } from "../../pacing/view.js";
import { type AgentPool, AgentState } from "../agent-pool.js";
import { type Call, CallState } from "../call.js";
import type { AgentLedger } from "./agent-ledger.js";

/** Slack for elapsed times computed by two subtractions from the same clock readings. */
const SLACK = 1e-6;

/** Elapsed times derived by the checker, one list per list of an {@link Observation}. */
type Derived = Record<"ringing" | "detecting" | "waiting" | "talking" | "wrapUp", number[]>;

function derive(now: number, open: readonly Call[], pool: AgentPool, ledger: AgentLedger): Derived {
  const derived: Derived = { ringing: [], detecting: [], waiting: [], talking: [], wrapUp: [] };
  for (const call of open) {
    if (call.reservedAgent >= 0) continue; // held for an agent: not the pacer's
    if (call.state === CallState.ringing) derived.ringing.push(now - call.placedAt);
    else if (call.state === CallState.detecting) derived.detecting.push(now - call.answeredAt);
    else if (call.state === CallState.waiting) derived.waiting.push(now - call.answeredAt);
  }
  for (let agent = 0; agent < pool.size; agent++) {
    if (pool.isDeparting(agent)) continue; // the pacer no longer counts on it
    const since = now - ledger.enteredAt(agent);
    if (pool.state[agent] === AgentState.talking) derived.talking.push(since);
    else if (pool.state[agent] === AgentState.wrapUp) derived.wrapUp.push(since);
  }
  return derived;
}

function sorted(list: ElapsedTimes): number[] {
  return Array.from({ length: list.length }, (_, i) => list.at(i)).sort((a, b) => a - b);
}

/**
 * What a pacer that forecasts would observe (`view.observe`, when the dialer keeps its calls
 * observable), against the view's counts and against the same elapsed times derived afresh:
 * calls from their placement and answer times (`open`: the calls not yet ended), agents from
 * their own moves in the ledger. One line per difference; none when it agrees or there is
 * nothing to observe.
 */
export function observationDifferences(
  view: DialerView,
  open: readonly Call[],
  pool: AgentPool,
  ledger: AgentLedger,
): string[] {
  if (view.observe === undefined) return [];
  const observation = new Observation();
  view.observe(observation);
  const derived = derive(view.now, open, pool, ledger);
  const counts = {
    ringing: view.calls.ringing,
    detecting: view.calls.detecting,
    waiting: view.calls.waiting,
    talking: view.talkElapsed.length,
    wrapUp: view.agents.wrapUp,
  };
  const out: string[] = [];
  for (const key of Object.keys(derived) as (keyof Derived)[]) {
    const seen = sorted(observation[key]);
    if (seen.length !== counts[key]) {
      out.push(`observed ${key} has ${seen.length} entries, the view counts ${counts[key]}`);
    }
    const wanted = derived[key].sort((a, b) => a - b);
    const differs =
      seen.length !== wanted.length || seen.some((e, i) => Math.abs(e - wanted[i]) > SLACK);
    if (differs) {
      out.push(`observed ${key} elapsed [${seen.join(", ")}], derived [${wanted.join(", ")}]`);
    }
  }
  if (!(Number.isInteger(observation.leadsLeft) && observation.leadsLeft >= 0)) {
    out.push(`observed leadsLeft ${observation.leadsLeft}, not a whole number >= 0`);
  }
  // The calling time left includes the rest of today's window.
  if (!(observation.callingSecondsLeft + SLACK >= view.secondsToWindowEnd)) {
    out.push(
      `observed callingSecondsLeft ${observation.callingSecondsLeft}, less than the ${view.secondsToWindowEnd} s left in the window`,
    );
  }
  return out;
}
