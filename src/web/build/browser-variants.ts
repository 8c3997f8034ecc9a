import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "esbuild";

/**
 * Swaps a module for its browser variant: an import of `./x.js` whose folder holds
 * `x.browser.ts` gets that file. The core keeps its Node-only I/O in such pairs (src/io/read,
 * src/io/digest, src/version.ts), so the web bundle runs the same parser, kernel, model and
 * pacers as the CLI; a `node:` import left on the path fails the build (platform "browser").
 */
export const browserVariants: Plugin = {
  name: "browser-variants",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const variant = join(args.resolveDir, args.path.replace(/\.js$/, ".browser.ts"));
      return existsSync(variant) ? { path: variant } : undefined;
    });
  },
};
