import { spawn } from "node:child_process";
import { DEFAULT_EVIDENCE_PATH } from "../compliance/evidence/index.js";
import { webAppFolder } from "../package-root.js";
import {
  DEFAULT_LISTEN,
  isLoopback,
  type ListenAddress,
  parseListenAddress,
} from "../serve/listen-address.js";
import { LIVE_TARGET_POLICIES, type LiveTargetPolicy } from "../serve/live-target.js";
import { startWorkbench } from "../serve/start-workbench.js";
import { commandModule, type Print } from "./command-module.js";
import { example } from "./help-example.js";

export interface ServeArgs {
  readonly listen: string;
  readonly store: string;
  readonly open: boolean;
  readonly maxUploadMb: number;
  readonly liveTargets: LiveTargetPolicy;
}

/** Opens the URL in the desktop's browser, if there is one; says so when there is not. */
function openInBrowser(url: string): void {
  const child = spawn("xdg-open", [url], { detached: true, stdio: "ignore" });
  child.on("error", () => process.stderr.write(`--open: no xdg-open here; open ${url} yourself\n`));
  child.unref();
}

/** Resolves at the first SIGINT or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
}

/**
 * `pacelab serve`: the workbench on a local web server, until Ctrl-C. Reads files only inside
 * the folder it was started in; the evidence store read-only.
 */
export async function serveCommand(args: ServeArgs, print: Print): Promise<number> {
  const listen: ListenAddress = parseListenAddress(args.listen);
  const root = process.cwd();
  // Listening for the signals before saying where it serves: a signal sent as soon as the
  // address is read must stop it cleanly, not kill it.
  const stopped = untilStopped();
  const running = await startWorkbench({
    listen,
    root,
    store: args.store,
    maxUploadBytes: Math.round(args.maxUploadMb * 1024 * 1024),
    appDir: webAppFolder(import.meta.url),
    liveTargets: args.liveTargets,
  });
  if (!isLoopback(listen.host)) {
    process.stderr.write(
      `warning: listening on ${listen.host}: anyone who can reach it can read the files in ${root}${args.liveTargets === "none" ? "" : " and start live runs (--live-targets none stops that)"}\n`,
    );
  }
  print(
    `pacelab workbench: ${running.url} (files of ${root}; evidence ${args.store}; Ctrl-C stops it)\n`,
  );
  if (args.open) openInBrowser(running.url);
  await stopped;
  await running.close();
  return 0;
}

/** `pacelab serve`: its options, help and run. */
export const serveCommandModule = commandModule(
  "serve",
  "Start the workbench in the browser: playground, evidence, audit and live pages (a local web server that reads files only in the folder it was started in)",
  (y) =>
    y
      .option("listen", {
        type: "string",
        default: DEFAULT_LISTEN,
        describe: "host:port to listen on; loopback by default, so only this machine can reach it",
      })
      .option("store", {
        type: "string",
        default: DEFAULT_EVIDENCE_PATH,
        describe: "Evidence store the Evidence page shows (read-only)",
      })
      .option("open", {
        type: "boolean",
        default: false,
        describe: "Open the workbench in the desktop's browser",
      })
      .option("max-upload-mb", {
        type: "number",
        default: 64,
        describe:
          "Largest call-records file the Audit page may upload, or file it may open, in MiB",
      })
      .option("live-targets", {
        choices: LIVE_TARGET_POLICIES,
        default: "private" as LiveTargetPolicy,
        describe:
          "SIP targets the Live page may start a run against: private (loopback, 10/8, 172.16/12, 192.168/16, 169.254/16: IPv4 addresses only), any, or none (the page only watches)",
      })
      .check((argv) => {
        parseListenAddress(argv.listen);
        if (!(argv["max-upload-mb"] > 0))
          throw new Error("--max-upload-mb: expected a positive number");
        return true;
      })
      .example(...example("$0 serve", "then open http://127.0.0.1:8080/"))
      .example(...example("$0 serve --listen 127.0.0.1:9000 --open", "another port, and open it")),
  (argv, print) =>
    serveCommand(
      {
        listen: argv.listen,
        store: argv.store,
        open: argv.open,
        maxUploadMb: argv.maxUploadMb,
        liveTargets: argv.liveTargets,
      },
      print,
    ),
);
