import { Call } from "./call.js";

/**
 * Copies `from`'s own fields of plain data into `to`, an object of the same class: numbers,
 * strings and booleans, and typed arrays (into `to`'s own when the length is the same, else as
 * a copy). Fields holding anything else (collaborators, bound handlers, owned objects) are
 * left to the caller, which knows which of them it owns.
 */
export function copyPlainFields<T extends object>(to: T, from: T): void {
  const target = to as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) {
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
      target[key] = value;
    } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const typed = value as unknown as Float64Array;
      const own = target[key] as Float64Array | undefined;
      if (own !== undefined && own.length === typed.length) own.set(typed);
      else target[key] = typed.slice();
    }
  }
}

/**
 * The copies of a campaign's call records, made on first sight: an event, the hold queue and
 * the call log may all name the same attempt, and the copy must name one record for it too.
 */
export class CallCopies {
  private readonly copies = new Map<Call, Call>();

  /** The copy of `call`. */
  of(call: Call): Call {
    let copy = this.copies.get(call);
    if (copy === undefined) {
      copy = Object.assign(new Call(0, 0, 0, 0, 0, -1), call);
      this.copies.set(call, copy);
    }
    return copy;
  }
}
