/** Where the workbench listens: a host and a port. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** The default: loopback only, so nothing off this machine can reach the served folder. */
export const DEFAULT_LISTEN = "127.0.0.1:8080";

/**
 * Parses `host:port` (`[::1]:8080` for IPv6); throws an Error naming the option and what was
 * expected.
 */
export function parseListenAddress(
  text: string,
  option = "--listen",
  example = DEFAULT_LISTEN,
): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text.trim());
  const port = match === null ? Number.NaN : Number(match[3]);
  if (match === null || port > 65_535) {
    throw new Error(`${option}: expected host:port (e.g. ${example}), got ${JSON.stringify(text)}`);
  }
  return { host: match[1] ?? match[2], port };
}

/** Whether the host is a loopback address (the only ones reached from this machine alone). */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
