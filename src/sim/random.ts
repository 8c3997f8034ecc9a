// seedrandom is CommonJS (`module.exports = seedrandom`, with `.alea` attached). A default
// import is what both Node's ESM loader and tsc (NodeNext + esModuleInterop) map to
// `module.exports`, so `seedrandom.alea` resolves the same way under vitest and compiled code.
import seedrandom from "seedrandom";

/** A source of uniform random numbers in [0, 1). */
export type Rng = () => number;

/** A family of named, independently seeded random streams derived from one seed. */
export interface RandomStreams {
  /**
   * The stream called `name`. Repeated calls with the same name return the same generator
   * instance, so its draws continue rather than restart.
   */
  stream(name: string): Rng;
  /**
   * Independent streams in the same state: each stream drawn so far continues from where this
   * one's is, and streams not drawn yet start from the seed, as here.
   */
  copy(): RandomStreams;
}

/** Where a stream stands: Alea's state, from which a generator draws the stream onward. */
export type StreamState = seedrandom.State.Alea;
type StatefulRng = Rng & { state(): StreamState };

/**
 * Creates named random streams from a seed.
 *
 * Each stream is its own Alea generator seeded with `${seed}/${name}`, so drawing from one
 * stream never shifts another. That is what gives common random numbers across runs that
 * differ only in, say, the pacing algorithm: arrivals, talk times, etc. see the same draws
 * even if the number of calls to some other stream changes.
 *
 * Note: the numeric seed `1` and the string seed `"1"` give the same streams, and a string
 * seed containing `/` can alias another seed/name pair (`"a/b"`+`"c"` = `"a"`+`"b/c"`).
 *
 * @param seed - Run seed; numbers must be finite.
 * @throws RangeError if `seed` is a non-finite number.
 */
export function createStreams(seed: number | string): RandomStreams {
  if (typeof seed === "number" && !Number.isFinite(seed)) {
    throw new RangeError(`createStreams: seed must be a finite number or a string, got ${seed}`);
  }
  return streamsFrom(seed, new Map());
}

/** The state in which stream `name` of `createStreams(seed)` starts. */
export function streamStart(seed: number | string, name: string): StreamState {
  return seededStream(seed, name).state();
}

function seededStream(seed: number | string, name: string): StatefulRng {
  return seedrandom.alea(`${seed}/${name}`, { state: true });
}

/** Streams of `seed` whose generators drawn so far are `drawn`, by name. */
function streamsFrom(seed: number | string, drawn: Map<string, StatefulRng>): RandomStreams {
  // Cache per name so that stream("x") twice continues one sequence instead of replaying it.
  const cache = drawn;
  return {
    stream(name: string): Rng {
      let rng = cache.get(name);
      if (rng === undefined) {
        // The PRNG itself is returned (no wrapper) to keep the per-draw cost to one call; its
        // state can be read (for `copy`) at no cost per draw.
        rng = seededStream(seed, name);
        cache.set(name, rng);
      }
      return rng;
    },
    copy(): RandomStreams {
      const copies = new Map<string, StatefulRng>();
      for (const [name, rng] of cache) {
        copies.set(name, seedrandom.alea("", { state: rng.state() }));
      }
      return streamsFrom(seed, copies);
    },
  };
}
