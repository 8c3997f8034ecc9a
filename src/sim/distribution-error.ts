/**
 * A distribution's parameters a sampler cannot use, naming the parameter (its key in the spec)
 * so that a scenario's error can point at it: `agents.talk.sd: expected ..., got 1e+308`.
 */
export class DistributionParameterError extends RangeError {
  override readonly name = "DistributionParameterError";
  constructor(
    /** The family, e.g. `lognormal`. */
    readonly dist: string,
    /** The spec's key to blame, e.g. `sd`. */
    readonly param: string,
    /** What the parameter should be, in plain words. */
    readonly expected: string,
    /** The value given. */
    readonly value: unknown,
  ) {
    super(`${dist}: ${param}: expected ${expected}, got ${String(value)}`);
  }
}
