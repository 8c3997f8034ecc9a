/**
 * The browser's stand-in for package-file.ts: the rule sets, scenarios and their leads files
 * that ship with pacelab, bundled as text (the web bundle loads .yaml and .csv files as strings).
 */

import itGarante from "../../../rules/it-garante-2014.yaml";
import ukOfcom from "../../../rules/uk-ofcom-2016.yaml";
import usTcpa from "../../../rules/us-tcpa.yaml";
import consentMix from "../../../scenarios/consent-mix.yaml";
import defaultScenario from "../../../scenarios/default.yaml";
import largeTeam from "../../../scenarios/large-team.yaml";
import consentMixLeads from "../../../scenarios/leads/consent-mix-leads.csv";
import sampleLeads from "../../../scenarios/leads/sample-leads.csv";
import machineHeavy from "../../../scenarios/machine-heavy.yaml";
import multiDay from "../../../scenarios/multi-day.yaml";
import smallTeam from "../../../scenarios/small-team.yaml";

/** A file shipped with pacelab, named by its path from the package root (`rules/us-tcpa.yaml`). */
export interface PackageFile {
  /** Where it was read from, as errors should cite it. */
  readonly path: string;
  readonly text: string;
}

/** Every bundled file by its path from the package root. */
export const BUNDLED_FILES: Readonly<Record<string, string>> = {
  "rules/it-garante-2014.yaml": itGarante,
  "rules/uk-ofcom-2016.yaml": ukOfcom,
  "rules/us-tcpa.yaml": usTcpa,
  "scenarios/default.yaml": defaultScenario,
  "scenarios/small-team.yaml": smallTeam,
  "scenarios/large-team.yaml": largeTeam,
  "scenarios/machine-heavy.yaml": machineHeavy,
  "scenarios/multi-day.yaml": multiDay,
  "scenarios/consent-mix.yaml": consentMix,
  "scenarios/leads/consent-mix-leads.csv": consentMixLeads,
  "scenarios/leads/sample-leads.csv": sampleLeads,
};

/** A bundled file; one not bundled is a broken build and throws. */
export function packageFile(relative: string): PackageFile {
  const text = BUNDLED_FILES[relative];
  if (text === undefined) throw new Error(`${relative} is not in the web bundle`);
  return { path: relative, text };
}
