import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { packagePath } from "../../package-root.js";
import { VERSION } from "../../version.js";
import { browserVariants } from "./browser-variants.js";

/** Where the bundles go: `app/` for `pacelab serve`, `playground/` for any static file server. */
export const WEB_OUT = packagePath("dist", "web");

const FILES = ["app.js", "replication-worker.js", "chart-worker.js", "app.css"] as const;

/** index.html saying which build it is (the page hides what needs the server in "static"). */
function indexHtml(kind: "server" | "static"): string {
  const template = readFileSync(packagePath("src", "web", "app", "index.html"), "utf8");
  return template.replace('content="BUILD"', `content="${kind}"`);
}

/**
 * Bundles the workbench for the browser with esbuild: the page (Preact, CodeMirror, vega-embed)
 * the replication worker (the CLI's core, Node-only modules swapped for their browser
 * variants) and the chart worker (Vega-Lite's compiler), every script, style and bundled scenario local. Writes `dist/web/app/` (served by
 * `pacelab serve`) and `dist/web/playground/` (the playground alone, static).
 */
export async function buildWeb(out: string = WEB_OUT): Promise<void> {
  const app = join(out, "app");
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: {
      app: packagePath("src", "web", "app", "main.tsx"),
      "replication-worker": packagePath("src", "web", "run", "replication-worker.ts"),
      "chart-worker": packagePath("src", "web", "chart", "chart-worker.ts"),
    },
    outdir: app,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    jsx: "automatic",
    jsxImportSource: "preact",
    loader: { ".yaml": "text", ".csv": "text" },
    define: { PACELAB_VERSION: JSON.stringify(VERSION) },
    plugins: [browserVariants],
    logLevel: "warning",
  });
  copyFileSync(packagePath("src", "web", "app", "style.css"), join(app, "app.css"));
  writeFileSync(join(app, "index.html"), indexHtml("server"));
  const playground = join(out, "playground");
  mkdirSync(playground, { recursive: true });
  for (const name of FILES) copyFileSync(join(app, name), join(playground, name));
  writeFileSync(join(playground, "index.html"), indexHtml("static"));
}
