/**
 * The one reader of rule-set files: built-in (`rules/*.yaml`) and user-written alike. Errors
 * cite the file, line and key (`ScenarioError`, exit code 2), as scenario errors do.
 */

import { readInputFile } from "../io/read/input-file.js";
import { ScenarioError } from "../io/read/scenario-error.js";
import { parseYamlSource, validateYaml } from "../io/read/yaml-source.js";
import type { RuleSet } from "./rule-set.js";
import { ruleSetSchema } from "./rule-set-schema.js";

/** Reads and validates a rule-set file. Throws {@link ScenarioError} on bad input. */
export function loadRuleSet(path: string): RuleSet {
  return parseRuleSet(readInputFile(path, "a readable rule-set file"), path);
}

/** Validates rule-set YAML; `file` names the text in messages. */
export function parseRuleSet(text: string, file: string): RuleSet {
  return validateYaml(ruleSetSchema, parseYamlSource(text, file));
}
