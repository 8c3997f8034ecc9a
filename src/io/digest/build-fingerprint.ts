import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of pacelab's sources as this build runs them: dist/src compiled, src under tests. */
const SOURCES = fileURLToPath(new URL("../..", import.meta.url));

let cached: string | null = null;

/**
 * SHA-256 (hex) of every source file of the running build (each one's path and content), so
 * that results kept by one build are never taken for another's: any change to the code, even
 * one that should change nothing, gives another fingerprint.
 */
export function buildFingerprint(): string {
  if (cached !== null) return cached;
  const hash = createHash("sha256");
  const files = readdirSync(SOURCES, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(js|ts|tsx)$/.test(f))
    .sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(SOURCES, file)));
    hash.update("\0");
  }
  cached = hash.digest("hex");
  return cached;
}
