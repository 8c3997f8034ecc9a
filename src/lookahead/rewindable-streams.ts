import { type Rng, type StreamState, streamStart } from "../sim/random.js";

/**
 * One Alea stream whose state can be set: seedrandom's generator (the same arithmetic, so the
 * same numbers) has no way to be put back, and a forecast puts its streams back at a seed's
 * start for every future.
 */
class AleaStream {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private c = 0;

  /** Puts the stream at `state`. */
  restore(state: StreamState): void {
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
    this.c = state.c;
  }

  /** The next number in [0, 1), as seedrandom's Alea draws it. */
  readonly next: Rng = () => {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2;
  };
}

/**
 * Named random streams that draw what `createStreams(seed)`'s do, and that {@link restart} puts
 * back at the start of any seed's: a forecast's futures reuse one set of streams (and the
 * samplers built on them) instead of seeding new ones, and the candidates' futures of one seed
 * (common random numbers) seed it once.
 */
export class RewindableStreams {
  private readonly streams = new Map<string, AleaStream>();
  private starts = new Map<string, StreamState>();
  private seed: string;

  /** Streams at the start of seed `seed`'s. */
  constructor(seed: string) {
    this.seed = seed;
  }

  /** The stream called `name`: the same generator at every call, restarted with the others. */
  stream(name: string): Rng {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new AleaStream();
      stream.restore(this.startOf(name));
      this.streams.set(name, stream);
    }
    return stream.next;
  }

  /** Puts every stream at the start of seed `seed`'s (seeded once while the seed is the same). */
  restart(seed: string): void {
    if (seed !== this.seed) {
      this.seed = seed;
      this.starts = new Map();
    }
    for (const [name, stream] of this.streams) stream.restore(this.startOf(name));
  }

  /** Puts the stream called `name` alone back at the current seed's start. */
  restartStream(name: string): void {
    this.streams.get(name)?.restore(this.startOf(name));
  }

  private startOf(name: string): StreamState {
    let start = this.starts.get(name);
    if (start === undefined) {
      start = streamStart(this.seed, name);
      this.starts.set(name, start);
    }
    return start;
  }
}
