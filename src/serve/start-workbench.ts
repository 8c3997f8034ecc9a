import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { readAppFiles } from "./app-files.js";
import type { ListenAddress } from "./listen-address.js";
import { workbenchApp } from "./workbench-app.js";

/** A running workbench: its URL and how to stop it. */
export interface RunningWorkbench {
  readonly url: string;
  close(): Promise<void>;
}

/** What `pacelab serve` starts: the address, folder, store, upload limit and app folder. */
export interface StartOptions {
  readonly listen: ListenAddress;
  readonly root: string;
  readonly store: string;
  readonly maxUploadBytes: number;
  readonly appDir: string;
}

/** Starts the workbench's HTTP server; resolves once it listens (port 0: any free port). */
export function startWorkbench(options: StartOptions): Promise<RunningWorkbench> {
  const app = workbenchApp({ ...options, appFiles: readAppFiles(options.appDir) });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.listen.host, port: options.listen.port },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}/`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
            }),
        });
      },
    );
    server.once("error", reject);
  });
}
