import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { ListenAddress } from "./listen-address.js";

/** A running server: its URL and how to stop it. */
export interface RunningServer {
  readonly url: string;
  /** Stops listening and resolves once every connection is closed. */
  close(): Promise<void>;
}

/** Serves `app` on the address; resolves once it listens (port 0: any free port). */
export function listenHttp(app: Hono, listen: ListenAddress): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: listen.host, port: listen.port },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}/`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              // Idle keep-alive connections would hold the close; a request still going after
              // a second is cut (the live streams have ended by now).
              if ("closeIdleConnections" in server) {
                server.closeIdleConnections();
                setTimeout(() => server.closeAllConnections(), 1000).unref();
              }
            }),
        });
      },
    );
    server.once("error", reject);
  });
}
