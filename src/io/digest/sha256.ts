/**
 * SHA-256 of text, on Node's crypto. The web bundle swaps this module for sha256.browser.ts
 * (the same digest in plain JavaScript: the browser's own is asynchronous).
 */
import { createHash } from "node:crypto";

/** The SHA-256 of `text` (as UTF-8), in hex. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
