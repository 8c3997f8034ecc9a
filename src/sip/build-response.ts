import { canonicalHeaderName } from "./header-names.js";
import { headerParam } from "./header-params.js";
import { headerValue, type SipHeader, type SipRequest, type SipResponse } from "./message.js";

/** Reason phrases for the status codes pacelab's endpoint sends. */
export const REASONS: Readonly<Record<number, string>> = {
  100: "Trying",
  180: "Ringing",
  200: "OK",
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  480: "Temporarily Unavailable",
  481: "Call/Transaction Does Not Exist",
  486: "Busy Here",
  487: "Request Terminated",
  488: "Not Acceptable Here",
  501: "Not Implemented",
};

/** What a response adds to the request's copied headers. */
export interface ResponseParts {
  /** Added to To when the request's To has no tag (not for 100, RFC 3261 8.2.6.2). */
  readonly toTag?: string;
  /** Extra headers (Contact, Content-Type, X-...), after the copied ones. */
  readonly headers?: readonly SipHeader[];
  readonly body?: string;
}

// RFC 3261 8.2.6.2: a response copies these from the request, Via in order.
const COPIED = new Set(["via", "from", "to", "call-id", "cseq"]);

/** Builds the response to `request` (Via, From, To, Call-ID, CSeq copied; To tagged). */
export function buildResponse(
  request: SipRequest,
  status: number,
  parts: ResponseParts = {},
): SipResponse {
  const headers: SipHeader[] = [];
  for (const h of request.headers) {
    const name = canonicalHeaderName(h.name);
    if (!COPIED.has(name)) continue;
    if (name === "to" && parts.toTag !== undefined && headerParam(h.value, "tag") === undefined)
      headers.push({ name: h.name, value: `${h.value};tag=${parts.toTag}` });
    else headers.push(h);
  }
  headers.push(...(parts.headers ?? []));
  return {
    kind: "response",
    status,
    reason: REASONS[status] ?? "Unknown",
    headers,
    body: parts.body ?? "",
  };
}

/** The To value a response to `request` carries with `toTag` (the dialog's local URI + tag). */
export function taggedTo(request: SipRequest, toTag: string): string {
  const to = headerValue(request, "to") ?? "";
  return headerParam(to, "tag") === undefined ? `${to};tag=${toTag}` : to;
}
