/**
 * The one reader of rule-set files: built-in (`rules/*.yaml`) and user-written alike. Errors
 * cite the file, line and key (`ScenarioError`, exit code 2), as scenario errors do.
 */
import { readFileSync } from "node:fs";
import { ScenarioError } from "../scenario/scenario-error.js";
import { errorText, parseYamlSource, validateYaml } from "../scenario/yaml-source.js";
import type { RuleSet } from "./rule-set.js";
import { ruleSetSchema } from "./rule-set-schema.js";

/** Reads and validates a rule-set file. Throws {@link ScenarioError} on bad input. */
export function loadRuleSet(path: string): RuleSet {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ScenarioError({
      file: path,
      keyPath: "",
      expected: "a readable rule-set file",
      got: errorText(e),
    });
  }
  return parseRuleSet(text, path);
}

/** Validates rule-set YAML; `file` names the text in messages. */
export function parseRuleSet(text: string, file: string): RuleSet {
  return validateYaml(ruleSetSchema, parseYamlSource(text, file));
}
