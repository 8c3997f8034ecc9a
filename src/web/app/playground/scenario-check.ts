import { ScenarioError, type ScenarioIssue } from "../../../io/read/scenario-error.js";
import { parseScenario } from "../../../scenario/load.js";
import type { Scenario } from "../../../scenario/scenario.js";

/** A scenario's text checked as the CLI checks it: the scenario, or every issue found. */
export type ScenarioCheck =
  | { readonly scenario: Scenario; readonly issues: readonly [] }
  | { readonly scenario: null; readonly issues: readonly ScenarioIssue[] };

/** Parses and validates the text with the CLI's own loader (same schema, same messages). */
export function checkScenario(text: string, file: string): ScenarioCheck {
  try {
    return { scenario: parseScenario(text, file), issues: [] };
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return { scenario: null, issues: e.issues };
  }
}
