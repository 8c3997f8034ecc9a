import { parseDocument } from "yaml";
import { readInputFile } from "../io/read/input-file.js";
import { ScenarioError } from "../io/read/scenario-error.js";
import { parseScenario } from "../scenario/load.js";
import type { Scenario } from "../scenario/scenario.js";
import { type Axis, type GridPoint, keyPath } from "./grid.js";

/**
 * Scenario variants of one file: each sets some keys of the YAML and is then validated like the
 * file itself, so a swept value gets the same checks and defaults as a written one.
 */
export class ScenarioVariants {
  private readonly text: string;

  constructor(readonly file: string) {
    this.text = readInputFile(file, "a readable scenario file");
  }

  /** The scenario with each axis key set to the point's value. */
  at(axes: readonly Axis[], point: GridPoint): Scenario {
    const doc = parseDocument(this.text);
    axes.forEach((axis, i) => {
      doc.setIn(keyPath(axis.key), point[i]);
    });
    const settings = axes.map((a, i) => `${a.key}=${point[i]}`).join(" ");
    try {
      return parseScenario(String(doc), this.file);
    } catch (e) {
      if (e instanceof ScenarioError) {
        // Line numbers refer to the rewritten text: drop them and say which setting it was.
        throw new ScenarioError(
          e.issues.map(({ line: _line, ...issue }) => ({
            ...issue,
            file: `${this.file} with ${settings}`,
          })),
        );
      }
      throw e;
    }
  }
}
