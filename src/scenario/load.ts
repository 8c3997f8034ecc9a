import { TIME_ZONE_EXPECTED } from "../calendar/local-time.js";
import { besideFile, readInputFile, whyUnreadable } from "../io/read/input-file.js";
import { describeValue, ScenarioError } from "../io/read/scenario-error.js";
import { parseYamlSource, validateYaml, type YamlSource } from "../io/read/yaml-source.js";
import { loadRuleSet } from "../rules/load-rule-set.js";
import type { RuleSet } from "../rules/rule-set.js";
import { readLeadsCsv } from "./leads-csv.js";
import type { Scenario } from "./scenario.js";
import { ruleSetFileReference, scenarioSchemaFor } from "./schema.js";

export { formatPath, toIssues } from "../io/read/yaml-source.js";

/** Reads, validates and resolves a scenario file. Throws {@link ScenarioError} on bad input. */
export function loadScenario(path: string): Scenario {
  return parseScenario(readInputFile(path, "a readable scenario file"), path);
}

/**
 * Validates and resolves scenario YAML. `file` names the text in messages, and a leads file or
 * rule-set file is read relative to its folder.
 */
export function parseScenario(text: string, file: string): Scenario {
  const source = parseYamlSource(text, file);
  const draft = validateYaml(scenarioSchemaFor(readRuleSetFile(source)), source);
  if (draft.leads.kind === "count") return { ...draft, leads: draft.leads };

  const leadsPath = besideFile(file, draft.leads.file);
  const why = whyUnreadable(leadsPath);
  if (why !== undefined) {
    const line = source.lineOf(["leads", "file"]);
    throw new ScenarioError({
      file,
      ...(line === undefined ? {} : { line }),
      keyPath: "leads.file",
      expected: "a readable CSV file (path relative to the scenario file)",
      got: `${describeValue(draft.leads.file)} (${leadsPath}: ${why})`,
    });
  }
  const { numbers, consents, timeZones } = readLeadsCsv(leadsPath);
  if (draft.calendar.timeZone === undefined && timeZones?.some((zone) => zone !== "") === true) {
    const line = source.lineOf(["calendar"]);
    throw new ScenarioError({
      file,
      ...(line === undefined ? {} : { line }),
      keyPath: "calendar.timeZone",
      expected: `${TIME_ZONE_EXPECTED} (the call centre's: the leads file gives time zones)`,
      got: "nothing",
    });
  }
  return {
    ...draft,
    leads: {
      kind: "file",
      path: leadsPath,
      numbers,
      ...(consents === null ? {} : { consents }),
      ...(timeZones === null ? {} : { timeZones }),
    },
  };
}

/** Reads the rule-set file the scenario's `rules` block names, if any, keyed as written. */
function readRuleSetFile(source: YamlSource): Map<string, RuleSet> {
  const ref = ruleSetFileReference(source.raw);
  if (ref === undefined) return new Map();
  const path = besideFile(source.file, ref.file.trim());
  const line = source.lineOf(ref.keyPath);
  const at = { file: source.file, ...(line === undefined ? {} : { line }) };
  const why = whyUnreadable(path);
  if (why !== undefined) {
    throw new ScenarioError({
      ...at,
      keyPath: ref.keyPath.join("."),
      expected: "a readable rule-set file (path relative to the scenario file)",
      got: `${describeValue(ref.file)} (${path}: ${why})`,
    });
  }
  try {
    return new Map([[ref.file, loadRuleSet(path)]]);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    // The rule set's own errors cite its file; say which scenario named it.
    const where = at.line === undefined ? at.file : `${at.file}:${at.line}`;
    throw new ScenarioError(e.issues, [`${where}: ${ref.keyPath.join(".")}: names that file`]);
  }
}
