import { describe, expect, it } from "vitest";
import { RewindableStreams } from "../../src/lookahead/rewindable-streams.js";
import { createStreams } from "../../src/sim/random.js";

function draws(rng: () => number, n: number): number[] {
  return Array.from({ length: n }, rng);
}

describe("RewindableStreams", () => {
  it("draws what createStreams draws, stream by stream", () => {
    const streams = new RewindableStreams("1/0/3");
    const reference = createStreams("1/0/3");
    for (const name of ["ring", "talk", "outcome"]) {
      expect(draws(streams.stream(name), 5000)).toEqual(draws(reference.stream(name), 5000));
    }
  });

  it("puts every stream back at a seed's start, the same seed or another", () => {
    const streams = new RewindableStreams("a");
    const ring = streams.stream("ring");
    const talk = streams.stream("talk");
    draws(ring, 10);
    streams.restart("a");
    expect([ring, talk].map((s) => draws(s, 50))).toEqual(
      ["ring", "talk"].map((n) => draws(createStreams("a").stream(n), 50)),
    );
    streams.restart("b");
    expect(streams.stream("talk")).toBe(talk); // the same generator, now at b's start
    expect(draws(talk, 50)).toEqual(draws(createStreams("b").stream("talk"), 50));
    expect(draws(streams.stream("amd"), 50)).toEqual(draws(createStreams("b").stream("amd"), 50));
  });

  it("puts one stream back at the seed's start, leaving the others where they are", () => {
    const streams = new RewindableStreams("a");
    const [ring, amd] = [streams.stream("ring"), streams.stream("amd")];
    const reference = createStreams("a");
    const [refRing, refAmd] = [reference.stream("ring"), reference.stream("amd")];
    expect([draws(ring, 10), draws(amd, 10)]).toEqual([draws(refRing, 10), draws(refAmd, 10)]);
    streams.restartStream("amd");
    expect(draws(amd, 10)).toEqual(draws(createStreams("a").stream("amd"), 10));
    expect(draws(ring, 10)).toEqual(draws(refRing, 10));
  });
});
