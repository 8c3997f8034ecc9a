import { describe, expect, it } from "vitest";
import { ReplayedSampler } from "../../src/lookahead/replayed-sampler.js";

/** A source counting its own draws: 1, 2, 3, ... */
function counter() {
  let n = 0;
  return () => ++n;
}

describe("ReplayedSampler", () => {
  it("gives its values again after a rewind, then draws on from where its source stopped", () => {
    const replayed = new ReplayedSampler(counter());
    const first = Array.from({ length: 300 }, replayed.draw); // past the log's first size
    replayed.rewind();
    const again = Array.from({ length: 305 }, replayed.draw);
    expect(again).toEqual([...first, 301, 302, 303, 304, 305]);
    replayed.rewind();
    expect(Array.from({ length: 3 }, replayed.draw)).toEqual([1, 2, 3]);
  });

  it("keeps nothing after a clear: each value comes from the source", () => {
    const replayed = new ReplayedSampler(counter());
    Array.from({ length: 5 }, replayed.draw);
    replayed.clear();
    expect(Array.from({ length: 3 }, replayed.draw)).toEqual([6, 7, 8]);
  });
});
