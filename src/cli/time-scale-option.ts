import { ScenarioError } from "../io/read/scenario-error.js";
import { TimeScale } from "../time/time-scale.js";
import { shownValue } from "./typed-argument.js";

const OPTION = "--time-scale";

function badTimeScale(expected: string, got: number): ScenarioError {
  return new ScenarioError({
    file: OPTION,
    keyPath: "",
    expected,
    got: shownValue([OPTION], got),
  });
}

/**
 * `--time-scale` of `live` and `endpoint`, read once: any positive number. Anything else
 * throws a ScenarioError naming the option (exit 2).
 */
export function timeScaleOption(value: number): TimeScale {
  if (!TimeScale.isValid(value)) throw badTimeScale("a positive number", value);
  return TimeScale.of(value);
}

/**
 * `audit --time-scale`, the scale of the live run the records come from: real time when not
 * given, else a number >= 1. Anything else throws a ScenarioError naming the option (exit 2).
 */
export function recordsTimeScaleOption(value: number | undefined): TimeScale {
  if (value === undefined) return TimeScale.REAL_TIME;
  if (!(TimeScale.isValid(value) && value >= 1)) {
    throw badTimeScale("a number >= 1 (the live run's --time-scale)", value);
  }
  return TimeScale.of(value);
}
