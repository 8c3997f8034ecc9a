/**
 * The rule sets that ship with pacelab, read from `rules/<id>.yaml` at the package root, and
 * the lookup of a rule set named by id or by file path (scenarios, `pacelab audit --rules`).
 */
import { inFolder } from "../io/read/input-file.js";
import { packageFile } from "../io/read/package-file.js";
import { describeValue, ScenarioError } from "../io/read/scenario-error.js";
import { loadRuleSet, parseRuleSet } from "./load-rule-set.js";
import type { RuleSet } from "./rule-set.js";

/** Ids of the built-in rule sets; each is `rules/<id>.yaml`. */
export const BUILT_IN_RULE_SET_IDS = ["it-garante-2014", "uk-ofcom-2016", "us-tcpa"] as const;

function loadBuiltIns(): Readonly<Record<string, RuleSet>> {
  const sets: Record<string, RuleSet> = {};
  for (const id of BUILT_IN_RULE_SET_IDS) {
    const file = packageFile(`rules/${id}.yaml`);
    const set = parseRuleSet(file.text, file.path);
    // The file name is the id scenarios use: a mismatch would silently load the wrong rules.
    if (set.id !== id) throw new Error(`${file.path}: id is ${set.id}, expected ${id}`);
    sets[id] = set;
  }
  return Object.freeze(sets);
}

/** Built-in rule sets by id, read once when this module loads. */
export const BUILT_IN_RULE_SETS: Readonly<Record<string, RuleSet>> = loadBuiltIns();

/** Whether `ref` names a rule-set file rather than a built-in id. */
export function isRuleSetFileName(ref: string): boolean {
  return /\.ya?ml$/i.test(ref.trim());
}

export const RULE_SET_REFERENCE_EXPECTED = `a built-in rule set (one of ${BUILT_IN_RULE_SET_IDS.join(", ")}) or a rule-set file ending in .yaml`;

/**
 * The rule set `ref` names: a built-in id, or a file path (ending in `.yaml` or `.yml`) taken
 * relative to `baseDir`. `origin` names where the reference was written, for errors (e.g.
 * `--rules`). Throws {@link ScenarioError} on an unknown id or an unreadable or invalid file.
 */
export function resolveRuleSet(ref: string, baseDir: string, origin: string): RuleSet {
  const name = ref.trim();
  if (Object.hasOwn(BUILT_IN_RULE_SETS, name)) return BUILT_IN_RULE_SETS[name];
  if (!isRuleSetFileName(name)) {
    throw new ScenarioError({
      file: origin,
      keyPath: "",
      expected: RULE_SET_REFERENCE_EXPECTED,
      got: describeValue(ref),
    });
  }
  return loadRuleSet(inFolder(baseDir, name));
}
