/**
 * The rule sets that ship with pacelab, read from `rules/<id>.yaml` at the package root, and
 * the lookup of a rule set named by id or by file path (scenarios, `pacelab audit --rules`).
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeValue, ScenarioError } from "../io/read/scenario-error.js";
import { loadRuleSet } from "./load-rule-set.js";
import type { RuleSet } from "./rule-set.js";

/** Ids of the built-in rule sets; each is `rules/<id>.yaml`. */
export const BUILT_IN_RULE_SET_IDS = ["it-garante-2014", "uk-ofcom-2016", "us-tcpa"] as const;

/**
 * The package's `rules/` folder. Sources run from `src/compliance/` (tests) and compiled from
 * `dist/src/compliance/`, so look upwards for pacelab's package.json rather than at a fixed depth.
 */
export function builtInRulesDir(): string {
  let dir = fileURLToPath(new URL(".", import.meta.url));
  for (let up = 0; up < 5; up++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && existsSync(join(dir, "rules"))) {
      try {
        if (JSON.parse(readFileSync(pkg, "utf8")).name === "pacelab") return join(dir, "rules");
      } catch {
        // not pacelab's package.json: keep looking
      }
    }
    dir = join(dir, "..");
  }
  throw new Error(`pacelab's rules/ folder was not found above ${import.meta.url}`);
}

function loadBuiltIns(): Readonly<Record<string, RuleSet>> {
  const dir = builtInRulesDir();
  const sets: Record<string, RuleSet> = {};
  for (const id of BUILT_IN_RULE_SET_IDS) {
    const file = join(dir, `${id}.yaml`);
    const set = loadRuleSet(file);
    // The file name is the id scenarios use: a mismatch would silently load the wrong rules.
    if (set.id !== id) throw new Error(`${file}: id is ${set.id}, expected ${id}`);
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
  return loadRuleSet(isAbsolute(name) ? name : resolve(baseDir, name));
}
