import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Vitest global setup: compile once so that CLI tests run the current sources, then bundle the
 * web workbench (esbuild, about a second) for the serve and browser tests. Type errors are
 * `npm run typecheck`'s business; tsc still emits, so only a missing CLI stops the tests. The
 * build is incremental (dist/.tsbuildinfo): after `npm ci` has built, or when little changed
 * since the last run, it takes seconds instead of a full compile.
 */
export default function setup(): void {
  spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], {
    stdio: "ignore",
  });
  if (!existsSync("dist/src/cli/main.js"))
    throw new Error("tsc did not produce dist/src/cli/main.js");
  const web = spawnSync(process.execPath, ["dist/src/web/build/build-web-main.js"], {
    encoding: "utf8",
  });
  if (web.status !== 0) throw new Error(`the web bundle did not build:\n${web.stderr}`);
}
