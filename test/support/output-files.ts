import { readdirSync } from "node:fs";
import { OUTPUT_MANIFEST } from "../../src/io/write/output-manifest.js";

/** The files a run wrote into `dir`, sorted, without the manifest that lists them. */
export function outputFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name !== OUTPUT_MANIFEST)
    .sort();
}
