import { readAppFiles } from "./app-files.js";
import { listenHttp, type RunningServer } from "./http-listen.js";
import type { ListenAddress } from "./listen-address.js";
import { LiveMonitor } from "./live-monitor.js";
import type { LiveTargetPolicy } from "./live-target.js";
import { PageLiveRuns } from "./page-live-run.js";
import { workbenchApp } from "./workbench-app.js";

/** A running workbench: its URL and how to stop it. */
export type RunningWorkbench = RunningServer;

/** What `pacelab serve` starts: the address, folder, store, upload limit and app folder. */
export interface StartOptions {
  readonly listen: ListenAddress;
  readonly root: string;
  readonly store: string;
  readonly maxUploadBytes: number;
  readonly appDir: string;
  /** Which targets the Live page may call (default: loopback and private addresses). */
  readonly liveTargets?: LiveTargetPolicy;
}

/**
 * Starts the workbench's HTTP server; resolves once it listens (port 0: any free port).
 * Closing it hangs up a live run started from the page and ends the Live page's streams.
 */
export async function startWorkbench(options: StartOptions): Promise<RunningWorkbench> {
  const monitor = new LiveMonitor({ canStart: options.liveTargets !== "none", endsWithRun: false });
  const runs = new PageLiveRuns(monitor, options.root, options.liveTargets ?? "private");
  const app = workbenchApp({
    ...options,
    appFiles: readAppFiles(options.appDir),
    live: { monitor, runs },
  });
  const server = await listenHttp(app, options.listen);
  return {
    url: server.url,
    async close() {
      await runs.close();
      await monitor.close();
      await server.close();
    },
  };
}
