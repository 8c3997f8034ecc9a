/**
 * A problem with the evidence store that the CLI reports without a stack trace: exit code 2 for
 * a store that cannot be read (missing, not SQLite, not an evidence store, unknown campaign),
 * 1 when the store has been tampered with and the operation refuses to go on.
 */
export class EvidenceStoreError extends Error {
  override readonly name = "EvidenceStoreError";

  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}
