import { readFileSync } from "node:fs";
import { packagePath } from "./package-root.js";

/** pacelab's version, from package.json, recorded in every result. */
export const VERSION: string = JSON.parse(
  readFileSync(packagePath("package.json"), "utf8"),
).version;
