/**
 * The scenario files of the live CLI tests and the live bench, written as a user writes them:
 * one day of calling in Italy, agents on duty 09:00-17:00, and what each test varies.
 */

/** What the live CLI tests (and the live bench) vary in their scenario; durations in seconds. */
export interface LiveCliScenario {
  readonly name: string;
  readonly agents: number;
  /** The talk distribution as YAML, e.g. `{ dist: fixed, value: 300 }`. */
  readonly talk: string;
  readonly wrapUp: number;
  readonly leads: number;
  readonly probabilities: {
    readonly person: number;
    readonly machine: number;
    readonly busy: number;
    readonly noAnswer: number;
    readonly invalid: number;
  };
  /** Ring distributions as YAML: persons and machines alike, busy; invalid rings 2 s. */
  readonly rings?: { readonly answered: string; readonly busy: string };
  readonly noAnswerTimeout: number;
  /** A callee's fixed patience. */
  readonly patience: number;
  /** The pacing block as YAML, e.g. `{ algorithm: vicidial-ratio, level: 2 }`. */
  readonly pacing: string;
}

const RINGS = {
  answered: "{ dist: uniform, min: 3, max: 9 }",
  busy: "{ dist: uniform, min: 2, max: 6 }",
};

/** The scenario file's text: one day of calling in Italy, agents on duty 09:00-17:00. */
export function liveCliScenarioYaml(s: LiveCliScenario): string {
  const p = s.probabilities;
  const rings = s.rings ?? RINGS;
  return `name: ${s.name}
calendar: { start: 2026-12-01, days: 1 }
rules: it-garante-2014
agents:
  count: ${s.agents}
  shift: "09:00-17:00"
  talk: ${s.talk}
  wrapUp: { dist: fixed, value: ${s.wrapUp} }
leads: { count: ${s.leads} }
outcomes:
  person: { probability: ${p.person}, ring: ${rings.answered} }
  machine: { probability: ${p.machine}, ring: ${rings.answered} }
  busy: { probability: ${p.busy}, ring: ${rings.busy} }
  noAnswer: { probability: ${p.noAnswer} }
  invalid: { probability: ${p.invalid}, ring: { dist: fixed, value: 2 } }
dialer: { noAnswerTimeoutSeconds: ${s.noAnswerTimeout} }
callee: { patience: { dist: fixed, value: ${s.patience} } }
pacing: ${s.pacing}
`;
}
