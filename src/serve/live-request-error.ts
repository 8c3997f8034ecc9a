/** Why the Live page's request cannot be done, with the HTTP status that says it. */
export class LiveRequestError extends Error {
  override readonly name = "LiveRequestError";
  constructor(
    readonly status: 400 | 403 | 409,
    message: string,
  ) {
    super(message);
  }
}
