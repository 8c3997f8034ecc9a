import type { LiveSnapshot } from "../live/live-snapshot.js";
import { webAppFolder } from "../package-root.js";
import type { ResultDocument } from "../result/result-document.js";
import { isLoopback, type ListenAddress, parseListenAddress } from "../serve/listen-address.js";
import { LiveMonitor } from "../serve/live-monitor.js";
import { startLiveMonitor } from "../serve/start-monitor.js";

/** `--monitor` given bare: loopback, any free port (the URL goes to stderr). */
export const DEFAULT_MONITOR = "127.0.0.1:0";

/** Where `--monitor` listens (`""`, given bare: {@link DEFAULT_MONITOR}); throws an Error. */
export function parseMonitorAddress(address: string): ListenAddress {
  return parseListenAddress(
    address === "" ? DEFAULT_MONITOR : address,
    "--monitor",
    "127.0.0.1:9000",
  );
}

/** The `--monitor` option of `pacelab live`. */
export const monitorOption = {
  type: "string",
  describe: `Serve the Live page while the run goes: its counts every second and its result at the end, at the URL printed on stderr. host:port to listen on (default ${DEFAULT_MONITOR}: loopback, any free port); the page only watches (Ctrl-C here stops the run)`,
} as const;

/** The run's side of an open monitor. */
export interface OpenMonitor {
  /** For `runLive`'s `onStarted`: the counts go out every second from now. */
  readonly onStarted: (read: () => LiveSnapshot) => void;
  /** The run's result, for the pages; then the server can close. */
  finish(doc: ResultDocument): void;
  close(): Promise<void>;
}

/**
 * Starts the monitor's server on `--monitor`'s address (`""`: {@link DEFAULT_MONITOR}) and
 * says where on stderr; the run named by `label` is announced when it starts.
 */
export async function openLiveMonitor(
  address: string,
  label: { readonly scenario: string; readonly target: string; readonly timeScale: number },
): Promise<OpenMonitor> {
  const listen = parseMonitorAddress(address);
  const monitor = new LiveMonitor({ canStart: false, endsWithRun: true });
  const server = await startLiveMonitor(listen, monitor, webAppFolder(import.meta.url));
  if (!isLoopback(listen.host)) {
    process.stderr.write(
      `warning: --monitor on ${listen.host}: anyone who can reach it can watch this run\n`,
    );
  }
  process.stderr.write(`pacelab live: monitor at ${server.url}#/live\n`);
  return {
    onStarted: (read) => monitor.begin({ ...label, startedAt: new Date().toISOString() }, read),
    finish: (doc) => monitor.finish(doc),
    async close() {
      await monitor.close();
      await server.close();
    },
  };
}
