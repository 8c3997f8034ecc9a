import { LiveRequestError } from "./live-request-error.js";

/** Which SIP targets a run started from the page may call (`pacelab serve --live-targets`). */
export const LIVE_TARGET_POLICIES = ["private", "any", "none"] as const;
export type LiveTargetPolicy = (typeof LIVE_TARGET_POLICIES)[number];

/** The address blocks that never leave this machine or its local networks. */
const PRIVATE_BLOCKS: readonly (readonly [number, number, number])[] = [
  [127, 0, 8], // loopback
  [10, 0, 8],
  [172, 16, 12],
  [192, 168, 16],
  [169, 254, 16], // link-local
];

const PRIVATE_NAMES = "127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16";

/** Whether the IPv4 address (four octets) lies in a loopback, private or link-local block. */
export function isPrivateAddress(octets: readonly number[]): boolean {
  const value = ((octets[0] << 24) | (octets[1] << 16)) >>> 0;
  return PRIVATE_BLOCKS.some(([a, b, bits]) => {
    const mask = (0xffffffff << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === ((a << 24) | (b << 16)) >>> 0;
  });
}

/**
 * Reads the SIP target a user typed on the Live page: an IPv4 address (or `localhost`) and a
 * port. Names other than localhost are refused (the page says which machine it dials, not a
 * resolver). Under the `private` policy only loopback, private and link-local addresses pass;
 * under `none` nothing does. Throws a {@link LiveRequestError} saying what was expected.
 */
export function parseLiveTarget(
  text: string,
  policy: LiveTargetPolicy,
): { host: string; port: number } {
  if (policy === "none") {
    throw new LiveRequestError(
      403,
      "live runs from the page are off: pacelab serve was started with --live-targets none",
    );
  }
  const match = /^(localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}):(\d{1,5})$/.exec(text.trim());
  const host = match?.[1] === "localhost" ? "127.0.0.1" : (match?.[1] ?? "");
  const octets = host.split(".").map(Number);
  const port = Number(match?.[2]);
  if (match === null || octets.some((o) => o > 255) || port < 1 || port > 65_535) {
    throw new LiveRequestError(
      400,
      `target: expected the SIP endpoint's IPv4 address and port, e.g. 127.0.0.1:5070, got ${JSON.stringify(text)}`,
    );
  }
  if (policy === "private" && !isPrivateAddress(octets)) {
    throw new LiveRequestError(
      403,
      `target ${host}:${port}: a public address: the page calls only loopback and private addresses (${PRIVATE_NAMES}); start pacelab serve with --live-targets any to allow others`,
    );
  }
  return { host, port };
}
