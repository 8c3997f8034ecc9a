import { type AgentMoveWatcher, type AgentPool, AgentState, isLoggedIn } from "../agent-pool.js";
import { type DutyPlan, offDutySince, spanSearch } from "./duty-plan.js";

const STATES = Object.keys(AgentState).length;

/** Throws the breach of `law` at `at` for `subject` (see InvariantBreach). */
export type Breach = (law: string, at: number, subject: string, detail: string) => never;

/**
 * Keeps each agent's own account of its time in every state, move by move, and holds every
 * move to the agent's schedule: on duty through its shifts, ready only inside them and outside
 * its breaks, and once a shift's end or a break's start is more than the departure's grace
 * past, only finishing the call it has. The pool's aggregate integrals are checked against it
 * at the end.
 */
export class AgentLedger implements AgentMoveWatcher {
  private readonly state: Uint8Array;
  private readonly since: Float64Array;
  /** Seconds agent a spent in state s at [a * STATES + s]. */
  private readonly timeIn: Float64Array;

  /**
   * @param graceSeconds how long an agent with a break or log-out due may still take calls
   *   (`departureGraceSeconds`)
   */
  constructor(
    private readonly plans: readonly DutyPlan[],
    private readonly graceSeconds: number,
    private readonly breach: Breach,
  ) {
    this.state = new Uint8Array(plans.length);
    this.since = new Float64Array(plans.length);
    this.timeIn = new Float64Array(plans.length * STATES);
  }

  /** When `agent` entered the state it is in, by its own moves (campaign seconds). */
  enteredAt(agent: number): number {
    return this.since[agent];
  }

  moved(agent: number, from: AgentState, to: AgentState, now: number): void {
    if (from !== this.state[agent]) {
      this.breach(
        "agent-state",
        now,
        `agent ${agent}`,
        `left state ${name(from)} but was ${name(this.state[agent] as AgentState)}`,
      );
    }
    this.timeIn[agent * STATES + from] += now - this.since[agent];
    this.since[agent] = now;
    this.state[agent] = to;
    const plan = this.plans[agent];
    const shift = spanSearch(plan.shifts, now);
    const onShift = shift >= 0;
    const rest = onShift ? spanSearch(plan.breaks, now) : -1;
    if (to === AgentState.off && onShift) {
      this.breachOnDuty(agent, now, `logged off inside its shift (from ${name(from)})`);
    }
    if (to === AgentState.onBreak && !onShift) {
      this.breachOnDuty(agent, now, "went on a break outside its shifts");
    }
    if (to === AgentState.ready && (!onShift || rest >= 0)) {
      this.breachOnDuty(
        agent,
        now,
        `became ready ${onShift ? "inside a scheduled break" : "outside its shifts"}`,
      );
    }
    const offDuty = offDutySince(plan, shift, rest);
    // The departure's timer runs from the same instant: a rounding's worth of slack.
    if (now - offDuty > this.graceSeconds + 1e-6 && !finishesWork(from, to)) {
      const since = onShift ? "its break began" : "its shift ended";
      this.breachOnDuty(
        agent,
        now,
        `went from ${name(from)} to ${name(to)} ${now - offDuty} s after ${since}, past the ${this.graceSeconds} s grace`,
      );
    }
  }

  /** Throws the agent-on-duty breach of `agent` at `now`. */
  private breachOnDuty(agent: number, now: number, detail: string): never {
    return this.breach("agent-on-duty", now, `agent ${agent}`, detail);
  }

  /**
   * The end of the run at `stopAt`: each agent's states add up to the run's length, the agents'
   * staffed time adds up to the pool's, and no agent was staffed less than its shifts that
   * ended by then, less their breaks.
   */
  finish(stopAt: number, pool: AgentPool): void {
    let staffedTotal = 0;
    for (let agent = 0; agent < this.plans.length; agent++) {
      const who = `agent ${agent}`;
      if (pool.state[agent] !== this.state[agent]) {
        this.breach(
          "agent-state",
          stopAt,
          who,
          `the pool says ${name(pool.state[agent] as AgentState)}, its moves ${name(this.state[agent] as AgentState)}`,
        );
      }
      this.timeIn[agent * STATES + this.state[agent]] += stopAt - this.since[agent];
      this.since[agent] = stopAt;
      let sum = 0;
      let staffed = 0;
      for (let s = 0; s < STATES; s++) {
        const seconds = this.timeIn[agent * STATES + s];
        sum += seconds;
        if (isLoggedIn(s as AgentState)) staffed += seconds;
      }
      if (Math.abs(sum - stopAt) > 1e-6 * Math.max(1, stopAt)) {
        this.breach(
          "agent-time",
          stopAt,
          who,
          `its time in each state adds up to ${sum} s, not the run's ${stopAt} s`,
        );
      }
      const owed = scheduledSeconds(this.plans[agent], stopAt);
      if (staffed < owed - 1e-6 * Math.max(1, owed)) {
        this.breach(
          "agent-time",
          stopAt,
          who,
          `staffed ${staffed} s, less than its shifts less breaks (${owed} s)`,
        );
      }
      staffedTotal += staffed;
    }
    if (Math.abs(staffedTotal - pool.staffedSeconds) > 1e-6 * Math.max(1, staffedTotal)) {
      this.breach(
        "agent-time",
        stopAt,
        "campaign",
        `the agents were staffed ${staffedTotal} s, the pool's integral says ${pool.staffedSeconds} s`,
      );
    }
  }
}

/**
 * Whether a move past the grace only finishes work begun before it: a held call put through,
 * a talk's wrap-up, or leaving.
 */
function finishesWork(from: AgentState, to: AgentState): boolean {
  return (
    to === AgentState.off ||
    to === AgentState.onBreak ||
    (from === AgentState.talking && to === AgentState.wrapUp) ||
    (from === AgentState.reserved && to === AgentState.talking)
  );
}

/** Seconds of the shifts that ended by `stopAt`, less the breaks inside them. */
function scheduledSeconds(plan: DutyPlan, stopAt: number): number {
  let seconds = 0;
  for (const shift of plan.shifts) {
    if (shift.end > stopAt) break;
    seconds += shift.end - shift.start;
    for (const b of plan.breaks) {
      if (b.start >= shift.start && b.start < shift.end) seconds -= b.end - b.start;
    }
  }
  return seconds;
}

function name(state: AgentState): string {
  return Object.keys(AgentState)[state] ?? String(state);
}
