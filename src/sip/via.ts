import { headerValues, type SipMessage } from "./message.js";

const TOKEN = "[A-Za-z0-9.!%*_+`'~-]+";
const HOST = "\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?";
// RFC 3261 20.42 and 25.1: SIP/2.0/transport sent-by *(;via-params), with LWS around the slashes.
const VIA = new RegExp(
  `^SIP\\s*/\\s*2\\.0\\s*/\\s*${TOKEN}\\s+(?:${HOST})(?:\\s*:\\s*(\\d{1,5}))?\\s*((?:;.*)?)$`,
  "i",
);
const PARAM = new RegExp(
  `^\\s*${TOKEN}\\s*(?:=\\s*(?:${TOKEN}|"[^"]*"|\\[[0-9A-Fa-f:.]+\\])\\s*)?$`,
);

/**
 * Whether one Via value (`SIP/2.0/UDP host:port;branch=...`) is well formed: SIP/2.0, a
 * transport, a host (name, IPv4 or bracketed IPv6), a port in 1-65535 if any, and parameters
 * that are `name` or `name=value`.
 */
export function isWellFormedVia(value: string): boolean {
  const match = VIA.exec(value.trim());
  if (match === null) return false;
  const port = match[1] === undefined ? 5060 : Number(match[1]);
  if (port < 1 || port > 65535) return false;
  return (match[2] ?? "")
    .split(";")
    .slice(1)
    .every((p) => PARAM.test(p));
}

/** The first Via value of `message` that is not well formed, or null when every one is. */
export function badVia(message: SipMessage): string | null {
  return headerValues(message, "via").find((value) => !isWellFormedVia(value)) ?? null;
}
