import type { Sampler } from "../sim/distributions.js";

/**
 * A sampler that keeps what it drew, to give the same values again: the futures of one seed
 * (one per candidate) ask each kind of draw for the same sequence, so only the first computes
 * it and the others read it back, drawing further from `source` only past what was kept.
 * `source` must then not be put back between them: its stream goes on where the log ends.
 */
export class ReplayedSampler {
  private log = new Float64Array(256);
  private logged = 0;
  private at = 0;

  constructor(private readonly source: Sampler) {}

  /** The next value: the log's, else a new one from `source`, kept. */
  readonly draw: Sampler = () => {
    if (this.at < this.logged) return this.log[this.at++];
    const value = this.source();
    if (this.logged === this.log.length) {
      const longer = new Float64Array(this.log.length * 2);
      longer.set(this.log);
      this.log = longer;
    }
    this.log[this.logged++] = value;
    this.at++;
    return value;
  };

  /** The next future of the same seed: values from the log's start. */
  rewind(): void {
    this.at = 0;
  }

  /** A new seed: nothing kept (its source is put back at the seed's start meanwhile). */
  clear(): void {
    this.at = 0;
    this.logged = 0;
  }
}
