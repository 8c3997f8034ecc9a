import { Hono } from "hono";
import { type AppFile, readAppFiles } from "./app-files.js";
import { listenHttp, type RunningServer } from "./http-listen.js";
import type { ListenAddress } from "./listen-address.js";
import type { LiveMonitor } from "./live-monitor.js";
import { liveRoutes } from "./live-routes.js";
import { appFileRoute, noSuchEndpoint, securityHeaders } from "./workbench-app.js";

/** The app's files with index.html marked as the monitor's build: the page shows Live alone. */
function monitorFiles(files: ReadonlyMap<string, AppFile>): ReadonlyMap<string, AppFile> {
  const index = files.get("index.html");
  if (index === undefined) return files;
  const html = new TextDecoder()
    .decode(index.body)
    .replace('content="server"', 'content="monitor"');
  return new Map([...files, ["index.html", { ...index, body: new TextEncoder().encode(html) }]]);
}

/**
 * Serves the Live page and its event stream for one `pacelab live --monitor` run: nothing
 * else (no files of the folder, no evidence, no audit, no way to start or stop a run).
 */
export function startLiveMonitor(
  listen: ListenAddress,
  monitor: LiveMonitor,
  appDir: string,
): Promise<RunningServer> {
  const app = new Hono();
  app.use("*", securityHeaders);
  liveRoutes(app, monitor);
  app.all("/api/*", noSuchEndpoint);
  appFileRoute(app, monitorFiles(readAppFiles(appDir)));
  return listenHttp(app, listen);
}
