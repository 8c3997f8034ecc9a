import { randomBytes } from "node:crypto";

/**
 * Identifiers for outgoing SIP: Call-IDs and Via branches that never repeat. sipjs-udp draws
 * branches from 10^7 random numbers (two of 1,000 calls in flight collide with a probability of
 * about 5%, and a collision crosses two calls' responses); here a counter makes them unique
 * within a process and a random token across processes and runs.
 */
export interface SipIds {
  /** A fresh Call-ID. */
  callId(): string;
  /** A fresh RFC 3261 Via branch (starts with the magic cookie `z9hG4bK`). */
  branch(): string;
}

/**
 * Creates an identifier source; `token` (default: 48 random bits in hex) tells processes apart.
 */
export function createSipIds(token: string = randomBytes(6).toString("hex")): SipIds {
  let sequence = 0;
  const next = () => (sequence++).toString(36);
  return {
    callId: () => `pl-${token}-${next()}`,
    branch: () => `z9hG4bK-pl-${token}-${next()}`,
  };
}
