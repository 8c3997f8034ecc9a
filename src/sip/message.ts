import { canonicalHeaderName } from "./header-names.js";

/** One header line as received or to be sent: the name as written and its value. */
export interface SipHeader {
  readonly name: string;
  readonly value: string;
}

/** A SIP request: `METHOD uri SIP/2.0`, headers in order, body. */
export interface SipRequest {
  readonly kind: "request";
  readonly method: string;
  readonly uri: string;
  readonly headers: readonly SipHeader[];
  readonly body: string;
}

/** A SIP response: `SIP/2.0 status reason`, headers in order, body. */
export interface SipResponse {
  readonly kind: "response";
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly SipHeader[];
  readonly body: string;
}

export type SipMessage = SipRequest | SipResponse;

// Headers whose comma-separated values on one line are several values (RFC 3261 7.3.1).
const LISTS = new Set(["via", "record-route", "route"]);

/**
 * Every value of a header, in order, compact forms included. Comma-separated values on one line
 * are split only for headers that RFC 3261 allows to be combined that way (Via, Record-Route,
 * Route), and never inside a quoted string or a `<uri>`, where a comma may appear.
 */
export function headerValues(message: SipMessage, name: string): string[] {
  const wanted = canonicalHeaderName(name);
  const values: string[] = [];
  for (const header of message.headers) {
    if (canonicalHeaderName(header.name) !== wanted) continue;
    if (LISTS.has(wanted)) values.push(...splitListValues(header.value));
    else values.push(header.value);
  }
  return values;
}

/** The first value of a header, or undefined when the message has none. */
export function headerValue(message: SipMessage, name: string): string | undefined {
  return headerValues(message, name)[0];
}

function splitListValues(value: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let inUri = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "<" || ch === ">")) inUri = ch === "<";
    else if (ch === "," && !quoted && !inUri) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter((part) => part !== "");
}
