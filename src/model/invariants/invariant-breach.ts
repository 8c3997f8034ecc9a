/**
 * A law that every correct campaign obeys was broken: the model (or the live runner) is wrong,
 * whatever the scenario. The CLI exits 70 with the message, which names the law, the campaign
 * time and the agent, call or lead.
 */
export class InvariantBreach extends Error {
  /** The CLI's exit code for an internal error. */
  readonly exitCode = 70;

  /**
   * @param law the law's name, as docs/invariants.md lists them
   * @param at campaign seconds at which the breach was seen
   * @param where the campaign's local time at `at`, as people read it
   * @param subject the agent, call or lead concerned (or "campaign")
   * @param detail what was expected and what was found
   */
  constructor(
    readonly law: string,
    readonly at: number,
    where: string,
    readonly subject: string,
    detail: string,
  ) {
    super(
      `pacelab: invariant "${law}" broken at ${where} (campaign second ${at}), ${subject}: ${detail}`,
    );
    this.name = "InvariantBreach";
  }
}
