import { canonicalHeaderName } from "./header-names.js";
import { parseCSeq } from "./header-params.js";
import type { SipHeader, SipMessage } from "./message.js";

/** The outcome of parsing a datagram: a message, or why it is not one (never an exception). */
export type ParseResult =
  | { readonly ok: true; readonly message: SipMessage }
  | { readonly ok: false; readonly error: string };

const REQUEST_LINE = /^([A-Za-z][A-Za-z0-9.!%*_+`'~-]*) (\S+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/;
// Headers every request and response needs to be matched to a transaction (RFC 3261 8.1.1).
const REQUIRED = ["via", "from", "to", "call-id", "cseq"] as const;

function fail(error: string): ParseResult {
  return { ok: false, error };
}

/**
 * Parses one UDP datagram as a SIP message (RFC 3261 section 7). Accepts LF as well as CRLF
 * line ends, folded header lines (a line starting with white space continues the previous one),
 * compact header names and odd spacing around the colon. Over UDP the body is exactly
 * Content-Length bytes (section 18.3): a body shorter than announced is an error, a longer one is
 * cut. Anything malformed gives `{ ok: false, error }`.
 */
export function parseSipMessage(datagram: Uint8Array): ParseResult {
  const buffer = Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const split = findHeaderEnd(buffer);
  if (split === null) return fail("no blank line after the headers");
  const head = buffer.subarray(0, split.headEnd).toString("latin1");
  const rawBody = buffer.subarray(split.bodyStart);
  const lines = head.split(/\r?\n/);
  // RFC 3261 7.5: ignore empty lines before the start line.
  while (lines.length > 0 && lines[0] === "") lines.shift();
  const startLine = (lines.shift() ?? "").trim();
  const headers = unfoldHeaders(lines);
  if (typeof headers === "string") return fail(headers);
  for (const name of REQUIRED) {
    if (!headers.some((h) => canonicalHeaderName(h.name) === name))
      return fail(`missing ${name} header`);
  }
  const body = readBody(headers, rawBody);
  if (typeof body !== "object") return fail(body);
  const request = REQUEST_LINE.exec(startLine);
  if (request) {
    const method = request[1] ?? "";
    const cseq = headers.find((h) => canonicalHeaderName(h.name) === "cseq")?.value ?? "";
    const parsed = parseCSeq(cseq);
    if (parsed === null) return fail(`bad CSeq ${JSON.stringify(cseq)}`);
    if (parsed.method !== method) return fail("CSeq method differs from the request method");
    return {
      ok: true,
      message: { kind: "request", method, uri: request[2] ?? "", headers, body: body.text },
    };
  }
  const status = STATUS_LINE.exec(startLine);
  if (status) {
    return {
      ok: true,
      message: {
        kind: "response",
        status: Number(status[1]),
        reason: (status[2] ?? "").trim(),
        headers,
        body: body.text,
      },
    };
  }
  return fail(`not a SIP start line: ${JSON.stringify(startLine.slice(0, 60))}`);
}

function findHeaderEnd(buffer: Buffer): { headEnd: number; bodyStart: number } | null {
  const crlf = buffer.indexOf("\r\n\r\n");
  const lf = buffer.indexOf("\n\n");
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { headEnd: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { headEnd: lf, bodyStart: lf + 2 };
  return null;
}

function unfoldHeaders(lines: readonly string[]): SipHeader[] | string {
  const headers: { name: string; value: string }[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      const last = headers[headers.length - 1];
      if (last === undefined) return "a folded line before any header";
      last.value = `${last.value} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) return `not a header line: ${JSON.stringify(line.slice(0, 60))}`;
    const name = line.slice(0, colon).trim();
    if (!/^[A-Za-z0-9!%*_+`'~.-]+$/.test(name)) return `bad header name ${JSON.stringify(name)}`;
    headers.push({ name, value: line.slice(colon + 1).trim() });
  }
  return headers;
}

function readBody(headers: readonly SipHeader[], raw: Buffer): { text: string } | string {
  const lengths = headers.filter((h) => canonicalHeaderName(h.name) === "content-length");
  if (lengths.length === 0) return { text: raw.toString("utf8") };
  const values = new Set(lengths.map((h) => h.value.trim()));
  if (values.size > 1) return "conflicting Content-Length headers";
  const value = [...values][0] ?? "";
  if (!/^\d{1,9}$/.test(value)) return `bad Content-Length ${JSON.stringify(value)}`;
  const length = Number(value);
  if (length > raw.length)
    return `Content-Length ${length} is longer than the ${raw.length}-byte body`;
  return { text: raw.subarray(0, length).toString("utf8") };
}
