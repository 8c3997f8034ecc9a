import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { EvidenceStoreError } from "../compliance/evidence/index.js";
import { ScenarioError } from "../io/read/scenario-error.js";
import { VERSION } from "../version.js";
import type { AppFile } from "./app-files.js";
import { auditUpload } from "./audit-upload.js";
import { evidenceExport, evidenceOverview } from "./evidence-view.js";
import { FolderFileError, readFolderFile } from "./folder-file.js";
import type { LiveMonitor } from "./live-monitor.js";
import { liveRoutes } from "./live-routes.js";
import type { PageLiveRuns } from "./page-live-run.js";

/** What the server works on: its folder, evidence store, upload limit and the app's files. */
export interface WorkbenchOptions {
  /** The folder it was started in: the only one it reads files from. */
  readonly root: string;
  /** The evidence store's path (read-only), relative to `root` or absolute. */
  readonly store: string;
  /** Largest upload (a call-records file) or file read, in bytes. */
  readonly maxUploadBytes: number;
  readonly appFiles: ReadonlyMap<string, AppFile>;
  /** The Live page's monitor and the runs it may start (none: the page cannot start one). */
  readonly live?: { readonly monitor: LiveMonitor; readonly runs?: PageLiveRuns };
}

/** What the page learns of the server: it is there, and where it reads from. */
export interface ServerInfo {
  readonly version: string;
  readonly root: string;
  readonly store: string;
  readonly maxUploadBytes: number;
}

/**
 * Everything from this machine: scripts, styles, workers and fetches go to the server itself;
 * vega compiles its expressions with `Function` ('unsafe-eval'); CodeMirror and vega-embed
 * add style elements ('unsafe-inline' styles).
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; worker-src 'self'; connect-src 'self'; object-src 'none'; " +
  "base-uri 'none'; frame-ancestors 'none'";

/** The answer to an API path that does not exist. */
export const noSuchEndpoint: MiddlewareHandler = async (c) =>
  c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404);

function errorStatus(error: unknown): ContentfulStatusCode | undefined {
  if (error instanceof FolderFileError) return error.status;
  if (error instanceof ScenarioError || error instanceof EvidenceStoreError) return 400;
  return undefined;
}

/** The workbench's headers on every answer: the content security policy, no sniffing. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.header("X-Content-Type-Options", "nosniff");
};

/** Answers GET requests with the bundled app's files, by name; 404 for anything else. */
export function appFileRoute(app: Hono, files: ReadonlyMap<string, AppFile>): void {
  app.get("*", (c) => {
    const name = c.req.path === "/" ? "index.html" : c.req.path.slice(1);
    const file = files.get(name);
    if (file === undefined) return c.text(`${c.req.path}: not part of the workbench`, 404);
    c.header("Content-Type", file.type);
    return c.body(file.body as Uint8Array<ArrayBuffer>);
  });
}

/** The workbench's routes: the bundled app, a file from the folder, evidence, audit, live. */
export function workbenchApp(options: WorkbenchOptions): Hono {
  const app = new Hono();
  const limit = options.maxUploadBytes;
  app.use("*", securityHeaders);
  app.onError((error, c) => {
    const status = errorStatus(error);
    if (status === undefined) throw error;
    return c.json({ error: error.message }, status);
  });

  app.get("/api/info", (c) =>
    c.json({
      version: VERSION,
      root: options.root,
      store: options.store,
      maxUploadBytes: limit,
    } satisfies ServerInfo),
  );
  app.get("/api/file", (c) =>
    c.json(readFolderFile(options.root, c.req.query("path") ?? "", limit)),
  );
  app.get("/api/evidence", (c) => c.json(evidenceOverview(options.store)));
  app.get("/api/evidence/export", (c) => {
    const files = evidenceExport(options.store, c.req.query("campaign") ?? "");
    const kind = c.req.query("kind") ?? "html";
    const file = files.find((f) => f.name.endsWith(`.evidence.${kind}`));
    if (file === undefined) return c.json({ error: "kind: expected html, json or csv" }, 400);
    const type = { html: "text/html", json: "application/json", csv: "text/csv" }[kind];
    c.header("Content-Type", `${type}; charset=utf-8`);
    if (kind !== "html") c.header("Content-Disposition", `attachment; filename="${file.name}"`);
    return c.body(typeof file.content === "string" ? file.content : [...file.content].join(""));
  });
  app.post(
    "/api/audit",
    bodyLimit({
      maxSize: limit,
      onError: (c) =>
        c.json({ error: `upload too large: the limit is ${limit} bytes (--max-upload-mb)` }, 413),
    }),
    async (c) =>
      c.json(
        await auditUpload({
          name: c.req.query("name") ?? "upload.csv",
          format: c.req.query("format") ?? "pacelab",
          rules: c.req.query("rules") ?? "it-garante-2014",
          text: await c.req.text(),
        }),
      ),
  );
  if (options.live !== undefined) liveRoutes(app, options.live.monitor, options.live.runs);
  app.all("/api/*", noSuchEndpoint);
  appFileRoute(app, options.appFiles);
  return app;
}
