import { randomBytes } from "node:crypto";

/**
 * Fresh SIP identifiers. Tags and branches only need to be unique, not reproducible, so they come
 * from the OS's random source rather than a seeded stream (which they would otherwise shift).
 */

/** A To/From tag: 16 hex digits. */
export function newTag(): string {
  return randomBytes(8).toString("hex");
}

/** A Via branch with RFC 3261's magic cookie `z9hG4bK`. */
export function newBranch(): string {
  return `z9hG4bK${randomBytes(10).toString("hex")}`;
}
