import { canonicalHeaderName } from "./header-names.js";
import type { SipHeader, SipMessage } from "./message.js";

/**
 * Writes a SIP message as a datagram: start line, headers in order (any Content-Length given is
 * replaced by the body's real byte length, written last), blank line, body.
 */
export function serialiseSipMessage(message: SipMessage): Buffer {
  const start =
    message.kind === "request"
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const body = Buffer.from(message.body, "utf8");
  const lines = [start];
  for (const header of message.headers) {
    if (canonicalHeaderName(header.name) !== "content-length")
      lines.push(`${header.name}: ${header.value}`);
  }
  lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "utf8"), body]);
}

/** A header line, for building messages. */
export function header(name: string, value: string): SipHeader {
  return { name, value };
}
