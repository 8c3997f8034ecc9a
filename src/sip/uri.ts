/** Where a SIP URI points: its host (a name, an IPv4 address or a bracketed IPv6 one) and port. */
export interface UriHostPort {
  readonly host: string;
  readonly port: number;
}

const SIP_URI =
  /^sips?:(?:[^@;?]*@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?(?:[;?].*)?$/i;

/**
 * The host and port of a `sip:` URI (`sip:user@host:port;params`), the port 5060 when it has
 * none (RFC 3263 with no DNS service records), or null when it is not a SIP URI with a host.
 */
export function sipUriHostPort(uri: string): UriHostPort | null {
  const match = SIP_URI.exec(uri.trim());
  if (match === null) return null;
  const port = match[2] === undefined ? 5060 : Number(match[2]);
  if (port < 1 || port > 65535) return null;
  const host = match[1] ?? "";
  return { host: host.startsWith("[") ? host.slice(1, -1) : host, port };
}
