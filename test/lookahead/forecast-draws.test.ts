import { describe, expect, it } from "vitest";
import { ForecastDraws } from "../../src/lookahead/forecast-draws.js";
import { estimateParameters } from "../../src/lookahead/forecast-parameters.js";
import { RewindableStreams } from "../../src/lookahead/rewindable-streams.js";
import { loadScenario } from "../../src/scenario/load.js";
import { makeCounters } from "../pacing/view-fixture.js";

// AMD on: its draws are the ones a future makes in an order of its own.
const scenario = loadScenario("scenarios/machine-heavy.yaml");
const parameters = estimateParameters(scenario, 11 * 3600, {
  seconds: 0,
  counters: makeCounters(),
  ringsEnded: 0,
  wrapUpAgentSeconds: 0,
});

function drawsAt(seed: string): ForecastDraws {
  const draws = new ForecastDraws(scenario, parameters, new RewindableStreams(seed), 25);
  draws.startFuture(seed);
  return draws;
}

/**
 * What one future of `calls` calls draws, kind by kind in the order the calls come (the same
 * in every future), with AMD's detection and verdict in an order of the future's own.
 */
function future(d: ForecastDraws, calls: number, verdictFirst: boolean): number[] {
  const drawn: number[] = [];
  for (let i = 0; i < calls; i++) {
    if (i < 3) drawn.push(d.isPerson() ? 1 : 0); // the calls observed answered, at the start
    drawn.push(d.call(), d.lastOutcome);
    if (i % 3 === 0) drawn.push(d.talk(), d.wrapUp(), d.patience());
    if (i % 5 === 2) drawn.push(d.machineMessage());
    const detection = d.detection as () => number;
    if (verdictFirst) drawn.push(d.amd(), detection());
    else drawn.push(detection(), d.amd());
  }
  return drawn;
}

describe("ForecastDraws", () => {
  it("gives each future of a seed what fresh streams and samplers would, longer or shorter", () => {
    const draws = drawsAt("7/3/0");
    expect(future(draws, 40, false)).toEqual(future(drawsAt("7/3/0"), 40, false));
    draws.startFuture("7/3/0"); // replayed, then drawn on past the first future
    expect(future(draws, 90, true)).toEqual(future(drawsAt("7/3/0"), 90, true));
    draws.startFuture("7/3/0");
    expect(future(draws, 10, false)).toEqual(future(drawsAt("7/3/0"), 10, false));
    draws.startFuture("7/3/1"); // another seed: drawn anew
    expect(future(draws, 50, true)).toEqual(future(drawsAt("7/3/1"), 50, true));
  });
});
