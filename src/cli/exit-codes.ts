/**
 * The exit codes every command shares (README.md, "Exit codes", has the table). Commands add
 * their own 1: violated (audit, endpoint), tampered (evidence verify, purge), nothing feasible
 * (tune).
 */
export const EXIT_BAD_INPUT = 2;
const EXIT_INTERNAL_ERROR = 70;

/**
 * Writes a failure to stderr and returns its exit code: bad input carries its own (`exitCode`,
 * e.g. a ScenarioError's 2, a report stopped by Ctrl-C's 130) and prints its message alone;
 * anything else is a bug in pacelab and prints its stack (70).
 */
export function reportFailure(error: unknown): number {
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  if (typeof code === "number") {
    process.stderr.write(`${(error as Error).message}\n`);
    return code;
  }
  process.stderr.write(`pacelab: internal error: ${(error as Error)?.stack ?? error}\n`);
  return EXIT_INTERNAL_ERROR;
}
