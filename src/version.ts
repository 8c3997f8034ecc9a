import { readFileSync } from "node:fs";

// Sources run from src/ (tests) and compiled from dist/src/: look for package.json upwards.
function readVersion(): string {
  for (const up of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8"));
      if (pkg.name === "pacelab") return pkg.version;
    } catch {
      // not at this level
    }
  }
  return "unknown";
}

/** pacelab's version, from package.json, recorded in every result. */
export const VERSION: string = readVersion();
