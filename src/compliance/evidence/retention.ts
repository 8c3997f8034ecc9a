/**
 * Days that cover `years` calendar years whatever leap days they contain: ceil(years x 365.25).
 * Two years is 731 days, because two calendar years containing a 29 February last 731 days and
 * "at least two years" must never end a day early.
 */
export function retentionDaysForYears(years: number): number {
  if (!Number.isFinite(years) || years < 0) {
    throw new RangeError(`retention: expected a number of years >= 0, got ${years}`);
  }
  return Math.ceil(years * 365.25);
}
